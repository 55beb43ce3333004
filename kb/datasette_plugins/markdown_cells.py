"""datasette-render-markdown, without its per-cell hook.

datasette-dashboards pulls in datasette-render-markdown for its markdown
charts (a ``render_markdown`` template function and a ``{% markdown %}``
tag). Its ``render_cell`` hook also runs for every cell of every table page,
looking up plugin settings each time, to render columns named ``*_markdown``;
the knowledge base has none, and on a 30-row incidents page that lookup was
a fifth of the rendering time. :data:`REPLACES` tells
:func:`kb.datasette_plugins.register_all` to unregister the upstream plugin;
this module provides its two template hooks unchanged.
"""

from __future__ import annotations

from datasette import hookimpl

try:
    import datasette_render_markdown as upstream
except ImportError:  # not installed: nothing to replace
    upstream = None

#: Plugins this module stands in for (unregistered by register_all).
REPLACES = [upstream] if upstream is not None else []


@hookimpl
def extra_template_vars():
    """``render_markdown`` for the dashboard templates."""
    return {"render_markdown": upstream.render_markdown} if upstream is not None else {}


@hookimpl
def prepare_jinja2_environment(env):
    """The ``{% markdown %}`` tag for the dashboard templates."""
    if upstream is not None:
        env.add_extension(upstream.MarkdownExtension)
