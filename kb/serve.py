"""Datasette over the knowledge base (``kb serve``).

:func:`make_datasette` builds the Datasette instance (database served under
the name ``kb``, the project's metadata.yml, ``suggest_facets`` off, the
project's templates in kb/templates and plugins in kb/datasette_plugins);
tests use its ``.client``; :func:`run` serves it with uvicorn.

Public mode (``kb serve --public``, for the output of ``kb publish``) opens
the database immutable, limits every query to :data:`PUBLIC_SQL_TIME_LIMIT_MS`
and turns arbitrary SQL off unless asked for; canned queries stay on.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Optional

from datasette.app import Datasette
from datasette.database import Database

from kb.yamlfile import read_yaml

#: metadata.yml at the project root (next to the kb package).
DEFAULT_METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"
DATABASE_NAME = "kb"
#: Custom templates (the incident page).
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
#: Settings of every instance: no facet suggestions (they cost a query per column),
#: a screenful of rows per page (?_size=max for more), long cells cut in HTML.
BASE_SETTINGS = {"suggest_facets": False, "default_page_size": 30, "truncate_cells_html": 400}
#: Longest a query may run on the public server, in milliseconds.
PUBLIC_SQL_TIME_LIMIT_MS = 1000
#: Answers the public server keeps in memory (kb/datasette_plugins/public_cache.py).
PUBLIC_CACHE_ENTRIES = 2000


class MetadataError(ValueError):
    """The metadata file is missing or not valid YAML."""


def load_metadata(path: Optional[Path] = None) -> dict:
    """The Datasette metadata as a dict. Raises MetadataError naming the file."""
    return read_yaml(path or DEFAULT_METADATA, "metadata", MetadataError)


def make_datasette(db_path: Path, metadata_path: Optional[Path] = None, *, public: bool = False,
                   allow_sql: Optional[bool] = None, sql_time_limit_ms: Optional[int] = None,
                   cache_entries: int = PUBLIC_CACHE_ENTRIES) -> Datasette:
    """A Datasette instance serving ``db_path`` as ``/kb`` with the project's metadata.

    ``public``: immutable database, ``sql_time_limit_ms`` (default
    :data:`PUBLIC_SQL_TIME_LIMIT_MS`), arbitrary SQL off unless ``allow_sql``,
    up to ``cache_entries`` answers cached in memory (0: no cache).
    Raises MetadataError for an unreadable metadata file.
    """
    from kb.datasette_plugins import register_all

    register_all()
    settings = dict(BASE_SETTINGS)
    if public:
        settings.update({
            "sql_time_limit_ms": sql_time_limit_ms or PUBLIC_SQL_TIME_LIMIT_MS,
            "default_allow_sql": bool(allow_sql),
            "allow_download": False,
        })
    elif sql_time_limit_ms:
        settings["sql_time_limit_ms"] = sql_time_limit_ms
    metadata = load_metadata(metadata_path)
    if public and cache_entries > 0:
        from kb.datasette_plugins.public_cache import PLUGIN_NAME

        metadata.setdefault("plugins", {})[PLUGIN_NAME] = {"entries": cache_entries}
    datasette = Datasette(
        metadata=metadata,
        settings=settings,
        template_dir=str(TEMPLATE_DIR),
    )
    datasette.add_database(Database(datasette, path=str(db_path), is_mutable=not public),
                           name=DATABASE_NAME)
    return datasette


def run(datasette: Datasette, host: str, port: int) -> None:
    """Serve until interrupted (blocking)."""
    import uvicorn

    asyncio.run(datasette.invoke_startup())
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
