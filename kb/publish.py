"""A database fit to publish (``kb publish``), and the check ``kb serve --public`` makes.

The public build keeps what the project produced and the facts needed to
find the sources: report titles, links, publishers, dates, every extracted
field, evidence sentence and company statement. It leaves out the full
article text (it belongs to its publishers), the reports' extra metadata,
and every table not in :data:`PUBLIC_TABLES` (the raw-store index, and any
private table such as subscribers). Freed pages are vacuumed away so the
text cannot be recovered from the file.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kb.db import open_db

#: Tables copied to the public build (their FTS tables and views come along).
PUBLIC_TABLES = (
    "reports", "incidents", "incident_ids", "mentions", "incident_reports", "evidence",
    "statements", "agents", "vendors", "sources", "incident_redirects", "incident_merges",
    "incident_crosswalk", "_migrations",
)
#: Report columns emptied in the public build ('' for NOT NULL text, else NULL).
WITHHELD_REPORT_COLUMNS = {"text": "''", "metadata": "NULL"}


class PublishError(Exception):
    """The source or output database cannot be used; the message names it."""


@dataclass
class PublishSummary:
    """What ``publish`` wrote: counts and the output's size in bytes."""

    reports: int
    incidents: int
    dropped_tables: list[str]
    size_bytes: int


def publish(source: Path, out: Path) -> PublishSummary:
    """Write the public build of ``source`` to ``out`` (replaced atomically if it exists).

    ``source`` is migrated first (like every command). Raises PublishError
    when ``source`` is missing or not a database, or ``out`` is ``source``
    or cannot be written.
    """
    source, out = Path(source), Path(out)
    if not source.is_file():
        raise PublishError(f"{source}: no such database (run `kb import` and `kb build` first)")
    if out.exists() and out.resolve() == source.resolve():
        raise PublishError(f"{out}: the output must not be the source database")
    try:
        open_db(source).conn.close()
        out.parent.mkdir(parents=True, exist_ok=True)
    except sqlite3.DatabaseError as error:
        raise PublishError(f"{source}: not a usable SQLite database ({error})") from error
    except OSError as error:
        raise PublishError(f"{out.parent}: cannot create ({error.strerror or error})") from error
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        summary = _write_public_copy(source, partial)
        os.replace(partial, out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise PublishError(f"{out}: cannot write ({error.strerror or error})") from error
    except sqlite3.DatabaseError as error:
        partial.unlink(missing_ok=True)
        raise PublishError(f"{out}: cannot write the public build ({error})") from error
    summary.size_bytes = out.stat().st_size
    return summary


def _write_public_copy(source: Path, target: Path) -> PublishSummary:
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    copy = sqlite3.connect(target, isolation_level=None)
    try:
        copy.execute("PRAGMA foreign_keys=OFF")
        copy.execute("PRAGMA journal_mode=DELETE")
        copy.execute("begin")
        dropped = [name for (name,) in copy.execute(
            "select name from sqlite_master where type = 'table' and name not like '%_fts%' "
            "and name not like 'sqlite_%'") if name not in PUBLIC_TABLES]
        for name in dropped:
            _drop_table(copy, name)
        columns = {row[1] for row in copy.execute("PRAGMA table_info(reports)")}
        assignments = ", ".join(f"[{name}] = {value}" for name, value in
                                WITHHELD_REPORT_COLUMNS.items() if name in columns)
        copy.execute(f"update reports set {assignments}")
        for fts in ("reports_fts", "incidents_fts"):
            if copy.execute("select 1 from sqlite_master where name = ?", [fts]).fetchone():
                copy.execute(f"insert into [{fts}]([{fts}]) values ('rebuild')")
        copy.execute("commit")
        copy.execute("VACUUM")
        reports = copy.execute("select count(*) from reports").fetchone()[0]
        incidents = copy.execute(
            "select count(*) from incidents where status = 'active'").fetchone()[0]
    finally:
        copy.close()
    return PublishSummary(reports, incidents, dropped, 0)


def _drop_table(conn: sqlite3.Connection, name: str) -> None:
    """Drop ``name`` with its FTS tables and the triggers that feed them."""
    for (fts,) in list(conn.execute(
            "select name from sqlite_master where type = 'table' and name = ?", [f"{name}_fts"])):
        conn.execute(f"drop table [{fts}]")
    conn.execute(f"drop table [{name}]")


def check_publishable(path: Path) -> None:
    """Raise PublishError unless ``path`` is a public build (no report text).

    Opens the file read-only; never changes it.
    """
    path = Path(path)
    if not path.is_file():
        raise PublishError(f"{path}: no such database (make one with `kb publish --out {path}`)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            with_text = conn.execute(
                "select count(*) from reports where text is not null and text != ''").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise PublishError(f"{path}: not a usable SQLite database ({error})") from error
    if with_text:
        raise PublishError(f"{path}: {with_text} reports still hold their article text; serve "
                           f"the output of `kb publish` with --public")
