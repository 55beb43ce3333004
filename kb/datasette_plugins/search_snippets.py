"""Highlighted search snippets: a ``snippet`` column is shown with ``<mark>`` kept.

The search recipe asks SQLite's ``snippet()`` to wrap matches in ``<mark>``
and ``</mark>``. This renders such a cell as HTML: everything is escaped
first, then only those two exact tags are restored, so scraped markup (a
``<script>`` in a title) stays text. A ``page`` column holding a path of
this site (``/kb/...``) is shown as a link to that page.
"""

from __future__ import annotations

from datasette import hookimpl
from markupsafe import Markup, escape

SNIPPET_COLUMNS = {"snippet"}
PAGE_COLUMNS = {"page"}


def highlight(value: str) -> Markup:
    """``value`` escaped, with its ``<mark>``/``</mark>`` tags kept as HTML."""
    escaped = str(escape(value))
    return Markup(escaped.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"))


@hookimpl
def render_cell(value, column, datasette):
    """Highlighted HTML for snippet columns, a link for page columns; None otherwise."""
    if column in SNIPPET_COLUMNS and isinstance(value, str):
        return highlight(value)
    if column in PAGE_COLUMNS and isinstance(value, str) and value.startswith("/kb/"):
        return Markup('<a href="{}">open</a>').format(datasette.urls.path(value))
    return None
