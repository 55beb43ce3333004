"""Old incident ids keep working in Datasette.

When an incident was merged into another, its row is gone and its id is in
``incident_redirects``. A request for the old row (``/kb/incidents/OLD``,
with or without ``.json`` or another format) would be a 404; this plugin's
``handle_exception`` hook answers it with a redirect (302) to the row of the
incident it became.
"""

from __future__ import annotations

import re

from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response

ROW_PATH = re.compile(r"^/(?P<database>[^/]+)/incidents/(?P<pk>[^/]+?)(?P<format>\.\w+)?$")


async def new_incident_id(datasette, database: str, old_id: str):
    """The id ``old_id`` redirects to in ``database``, or None."""
    db = datasette.get_database(database)
    if "incident_redirects" not in await db.table_names():
        return None
    result = await db.execute("select new_id from incident_redirects where old_id = ?", [old_id])
    row = result.first()
    return row["new_id"] if row else None


@hookimpl
def handle_exception(datasette, request, exception):
    if not isinstance(exception, NotFound) or request is None:
        return None
    match = ROW_PATH.match(request.path)
    if not match:
        return None

    async def redirect():
        try:
            database = tilde_decode(match["database"])
            datasette.get_database(database)
        except KeyError:
            return None
        new_id = await new_incident_id(datasette, database, tilde_decode(match["pk"]))
        if new_id is None:
            return None
        path = datasette.urls.row(database, "incidents", tilde_encode(new_id))
        query = f"?{request.query_string}" if request.query_string else ""
        return Response.redirect(path + (match["format"] or "") + query)

    return redirect
