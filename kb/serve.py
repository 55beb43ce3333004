"""Datasette over the knowledge base (``kb serve``).

:func:`make_datasette` builds the Datasette instance (database served under
the name ``kb``, the project's metadata.yml, ``suggest_facets`` off); tests
use its ``.client``; :func:`run` serves it with uvicorn.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Optional

import yaml
from datasette.app import Datasette
from datasette.database import Database

#: metadata.yml at the project root (next to the kb package).
DEFAULT_METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"
DATABASE_NAME = "kb"


class MetadataError(ValueError):
    """The metadata file is missing or not valid YAML."""


def load_metadata(path: Optional[Path] = None) -> dict:
    """The Datasette metadata as a dict. Raises MetadataError naming the file."""
    path = path or DEFAULT_METADATA
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise MetadataError(f"{path}: cannot read metadata ({error.strerror or error})") from error
    except yaml.YAMLError as error:
        raise MetadataError(f"{path}: not valid YAML ({error})") from error
    if not isinstance(loaded, dict):
        raise MetadataError(f"{path}: metadata must be a mapping")
    return loaded


def make_datasette(db_path: Path, metadata_path: Optional[Path] = None) -> Datasette:
    """A Datasette instance serving ``db_path`` as ``/kb`` with the project's metadata
    and the plugins of :mod:`kb.datasette_plugins`."""
    from kb.datasette_plugins import register_all

    register_all()
    datasette = Datasette(
        metadata=load_metadata(metadata_path),
        settings={"suggest_facets": False},
    )
    datasette.add_database(Database(datasette, path=str(db_path), is_mutable=True),
                           name=DATABASE_NAME)
    return datasette


def run(datasette: Datasette, host: str, port: int) -> None:
    """Serve until interrupted (blocking)."""
    import uvicorn

    asyncio.run(datasette.invoke_startup())
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
