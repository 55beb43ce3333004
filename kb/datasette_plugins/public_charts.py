"""Charts on the public server: the dashboard's own SQL runs, nothing else.

datasette-dashboards draws each chart in the browser from
``/kb.json?sql=<the chart's query>``, which needs the execute-sql permission
that ``kb serve --public`` withholds. This plugin grants it for exactly two
kinds of request: the dashboard pages themselves (``/-/dashboards...``, which
run only the filter queries of metadata.yml), and ``/kb.json`` requests whose
``sql`` is one of the chart queries of metadata.yml, as the dashboard sends
it (each optional ``[[ ... ]]`` filter clause kept or dropped). Filter
values are bound parameters. Any other SQL is still refused.
"""

from __future__ import annotations

import contextvars
import itertools
from urllib.parse import parse_qs

from datasette import hookimpl

_chart_request = contextvars.ContextVar("kb_chart_request", default=False)


def chart_queries(datasette) -> set[str]:
    """Every SQL text the configured dashboards may send for their charts."""
    from datasette_dashboards import replace_opts_in_query

    queries = set()
    for dashboard in (datasette.plugin_config("datasette-dashboards") or {}).values():
        keys = list((dashboard.get("filters") or {}).keys())
        for chart in (dashboard.get("charts") or {}).values():
            query = chart.get("query")
            if not query:
                continue
            for size in range(len(keys) + 1):
                for present in itertools.combinations(keys, size):
                    queries.add(replace_opts_in_query(query, {key: "x" for key in present}))
    return queries


def is_chart_request(datasette, scope) -> bool:
    """Whether this request is a dashboard page or one of its chart queries."""
    path = scope.get("path", "")
    if path == "/-/dashboards" or path.startswith("/-/dashboards/"):
        return True
    if path.endswith(".json") and path.count("/") == 1:
        sql = parse_qs(scope.get("query_string", b"").decode("utf-8", "replace")).get("sql")
        return bool(sql) and sql[0] in chart_queries(datasette)
    return False


@hookimpl
def asgi_wrapper(datasette):
    """Mark chart requests for :func:`permission_allowed`."""

    def wrap(app):
        async def marked(scope, receive, send):
            if scope.get("type") != "http" or not is_chart_request(datasette, scope):
                return await app(scope, receive, send)
            token = _chart_request.set(True)
            try:
                return await app(scope, receive, send)
            finally:
                _chart_request.reset(token)

        return marked

    return wrap


@hookimpl(trylast=True)
def permission_allowed(action):
    """execute-sql for chart requests (called last, so it has the final word); else no opinion."""
    if action == "execute-sql" and _chart_request.get():
        return True
    return None
