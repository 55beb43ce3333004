"""Local files into the ``reports`` table (``kb import``).

A report is identified by its origin (the file's absolute path, or its URL
when the HTML names one): importing the same content again adds nothing, a
changed file updates its report and queues it for extraction again. The same
content under another origin (a copy of the file elsewhere, a republished
article) is stored as a copy: a report whose ``duplicate_of`` is the report
first stored with that content, which counts as no new source
(:mod:`kb.dedupe` also finds copies that are not byte for byte the same). Each file
is stored in its own transaction, so a bad file never loses a good one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

import sqlite_utils

from kb.db import utc_now
from kb.text import Document, DocumentError, is_supported, read_document


@dataclass
class ImportResult:
    """Counts of one run that stores reports (``kb import`` of files, or the
    crawl's ingest of raw-store records); ``errors`` holds one line per input
    that gave no report."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicate: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.duplicate + len(self.errors)


def expand_paths(paths: list[Path], errors: list[str]) -> Iterator[Path]:
    """Files named by ``paths``: files as given, folders walked recursively
    (supported files only, sorted). A missing path adds a line to ``errors``."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and is_supported(p))
        elif path.exists():
            yield path
        else:
            errors.append(f"{path}: no such file or folder")


def store_document(db: sqlite_utils.Database, document: Document) -> str:
    """Insert or update one report; returns "added", "updated", "unchanged" or
    "duplicate" (stored as a copy of the report first stored with this content).

    The origin is the document's URL if it has one, else its absolute path.
    """
    origin = document.url or str(Path(document.path).resolve())
    now = utc_now()
    existing = next(db["reports"].rows_where("origin = ?", [origin], limit=1), None)
    if existing is not None and existing["content_hash"] == document.content_hash:
        return "unchanged"
    same_content = next(db["reports"].rows_where(
        "content_hash = ? and origin != ?", [document.content_hash, origin],
        order_by="id", limit=1), None)
    copy_of = None
    if same_content is not None:
        copy_of = same_content.get("duplicate_of") or same_content["id"]
    row = {
        "origin": origin, "url": document.url, "title": document.title,
        "publisher": document.publisher, "author": document.author,
        "published": document.published, "language": document.language,
        "text": document.text, "content_hash": document.content_hash,
        "metadata": json.dumps(document.metadata) if document.metadata else None,
        "updated_at": now,
        # A changed text must be extracted again.
        "extractor_version": None, "extracted_at": None, "relevant": None,
        "relevance": None, "extraction_note": None,
    }
    if "duplicate_of" in db["reports"].columns_dict:
        row.update(duplicate_of=copy_of, duplicate_similarity=1.0 if copy_of else None)
    if existing is not None:
        db["reports"].update(existing["id"], row)
        return "updated"
    db["reports"].insert({**row, "imported_at": now})
    return "duplicate" if copy_of is not None else "added"


def import_paths(
    db: sqlite_utils.Database,
    paths: list[Path],
    progress: Optional[Callable[[Path, str], None]] = None,
) -> ImportResult:
    """Import every supported file under ``paths`` as reports.

    ``progress(path, outcome)`` is called after each file, outcome being
    "added", "updated", "unchanged" or the error line. Errors never stop the run.
    """
    result = ImportResult()
    for path in expand_paths(paths, result.errors):
        try:
            document = read_document(path)
        except DocumentError as error:
            outcome = str(error)
            result.errors.append(outcome)
        else:
            with db.conn:
                outcome = store_document(db, document)
            setattr(result, outcome, getattr(result, outcome) + 1)
        if progress:
            progress(path, outcome)
    return result
