"""The knowledge base database: schema, migrations, full-text search, views.

Everything is built with sqlite-utils. :func:`open_db` opens (creating if
needed) a database file and applies every pending migration, so each command
can rely on the current schema. A migration is a function registered in
:data:`MIGRATIONS` under a name that never changes; applied names are kept in
the ``_migrations`` table.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import sqlite_utils

DEFAULT_DB = Path("data") / "kb.db"

MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = []


def migration(name: str):
    """Register a schema migration under ``name`` (applied once, in order)."""

    def register(function):
        MIGRATIONS.append((name, function))
        return function

    return register


def utc_now() -> str:
    """Current UTC time as ISO 8601 with seconds, e.g. 2026-11-22T10:00:00Z."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class NestedTransactions(sqlite3.Connection):
    """A connection on which ``with conn:`` blocks nest: only the outermost
    block commits (or rolls back on an exception), and ``commit()`` inside a
    block waits for it. sqlite-utils wraps each insert/update in its own
    ``with conn:``; without this, those inner blocks would commit half of a
    unit of work (a report's extraction, a whole resolve), and a process
    killed in between would leave it half-written."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.depth = 0

    def __enter__(self):
        self.depth += 1
        return self

    def __exit__(self, exc_type, exc, traceback):
        self.depth -= 1
        if self.depth:
            return False
        return super().__exit__(exc_type, exc, traceback)

    def commit(self):
        if not self.depth:
            super().commit()


def default_db_path() -> Path:
    """``KB_DB`` if set, else data/kb.db relative to the working directory."""
    return Path(os.environ.get("KB_DB") or DEFAULT_DB)


def open_db(path: Path | str) -> sqlite_utils.Database:
    """Open the database at ``path`` (created with its folder if missing) and migrate it.

    Raises sqlite3.DatabaseError when the file exists but is not a SQLite database.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(sqlite3.connect(str(path), factory=NestedTransactions))
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    migrate(db)
    return db


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations; returns the names applied now."""
    db["_migrations"].create({"name": str, "applied_at": str}, pk="name", if_not_exists=True)
    done = {row["name"] for row in db["_migrations"].rows}
    applied = []
    for name, function in MIGRATIONS:
        if name in done:
            continue
        with db.conn:
            function(db)
            db["_migrations"].insert({"name": name, "applied_at": utc_now()})
        applied.append(name)
    return applied


@migration("0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    db["reports"].create(
        {
            "id": int, "origin": str, "url": str, "title": str, "publisher": str,
            "author": str, "published": str, "language": str, "text": str,
            "content_hash": str, "metadata": str, "imported_at": str, "updated_at": str,
            "relevant": int, "relevance": float, "extractor_version": str,
            "extracted_at": str, "extraction_note": str,
        },
        pk="id",
        not_null={"origin", "text", "content_hash"},
    )
    db["reports"].create_index(["origin"], unique=True)
    db["reports"].create_index(["content_hash"])
    db["vendors"].create({"id": str, "name": str, "aliases": str}, pk="id")
    db["agents"].create(
        {"id": str, "name": str, "vendor_id": str, "aliases": str}, pk="id",
        foreign_keys=[("vendor_id", "vendors", "id")],
    )
    db["incidents"].create(
        {
            "id": str, "title": str, "agent": str, "vendor": str, "deployer": str,
            "action": str, "action_type": str, "target": str, "outage_hours": float,
            "systems": str, "region": str, "records_lost": int, "people_affected": int,
            "cost_usd": float, "blamed": str, "blame_statement": str, "occurred": str,
            "first_reported": str, "last_reported": str, "report_count": int,
            "signature": str, "status": str, "created_at": str, "updated_at": str,
        },
        pk="id",
    )
    # Every id ever issued, so a slug is never handed to a different incident.
    db["incident_ids"].create({"id": str, "issued_at": str}, pk="id")
    db["mentions"].create(
        {
            "id": int, "report_id": int, "position": int, "is_primary": int,
            "incident_id": str, "agent": str, "vendor": str, "deployer": str,
            "action": str, "action_type": str, "target": str, "outage_hours": float,
            "systems": str, "region": str, "records_lost": int, "people_affected": int,
            "cost_usd": float, "blamed": str, "blame_statement": str, "occurred": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id"), ("incident_id", "incidents", "id")],
    )
    db["mentions"].create_index(["report_id"])
    db["mentions"].create_index(["incident_id"])
    db["incident_reports"].create(
        {"incident_id": str, "report_id": int, "role": str, "similarity": float},
        pk=("incident_id", "report_id"),
        foreign_keys=[("incident_id", "incidents", "id"), ("report_id", "reports", "id")],
    )
    db["evidence"].create(
        {
            "id": int, "report_id": int, "mention_id": int, "field": str, "value": str,
            "sentence": str, "start": int, "end": int,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id"), ("mention_id", "mentions", "id")],
    )
    db["evidence"].create_index(["mention_id"])
    db["statements"].create(
        {
            "id": int, "report_id": int, "mention_id": int, "speaker": str, "blamed": str,
            "quote": str, "start": int, "end": int, "date": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id"), ("mention_id", "mentions", "id")],
    )
    db["reports"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")
    db["incidents"].enable_fts(
        ["title", "agent", "vendor", "deployer", "action", "target", "systems", "region",
         "blame_statement"],
        create_triggers=True, tokenize="porter",
    )
    db.create_view("failure_patterns", """
        select action_type, blamed, count(*) as incidents
        from incidents where status = 'active'
        group by action_type, blamed order by incidents desc
    """)
    db.create_view("incidents_by_month", """
        select substr(occurred, 1, 7) as month, action_type, count(*) as incidents
        from incidents where status = 'active' and occurred is not null
        group by month, action_type order by month
    """)


@migration("0002_sources")
def _sources(db: sqlite_utils.Database) -> None:
    # The configured sources and how their last crawl went (kb crawl).
    db["sources"].create(
        {
            "name": str, "kind": str, "enabled": int, "config": str, "last_crawl_at": str,
            "fetched": int, "kept": int, "skipped": int, "failed": int, "last_error": str,
        },
        pk="name",
    )
    # Raw-store records already turned into reports, so re-runs are idempotent.
    db["raw_records"].create(
        {
            "record_id": str, "kind": str, "source": str, "url": str, "warc_file": str,
            "warc_offset": int, "fetched_at": str, "report_id": int, "outcome": str,
            "ingested_at": str,
        },
        pk="record_id",
    )
    db["raw_records"].create_index(["report_id"])


@migration("0003_incident_key_sentences")
def _incident_key_sentences(db: sqlite_utils.Database) -> None:
    # The sentences behind an incident's values, for reading and for search.
    db["incidents"].add_column("key_sentences", str)
    db["incidents"].disable_fts()
    db["incidents"].enable_fts(
        ["title", "agent", "vendor", "deployer", "action", "target", "systems", "region",
         "blame_statement", "key_sentences"],
        create_triggers=True, tokenize="porter", replace=True,
    )


@migration("0004_evidence_rule_confidence")
def _evidence_rule_confidence(db: sqlite_utils.Database) -> None:
    # Which rule produced each value, and how sure it is (kb explain shows both).
    db["evidence"].add_column("rule", str)
    db["evidence"].add_column("confidence", float)


@migration("0005_duplicates_redirects_crosswalk")
def _duplicates_redirects_crosswalk(db: sqlite_utils.Database) -> None:
    # Copies of a report point to the earliest copy (kb.dedupe).
    db["reports"].add_column("duplicate_of", int)
    db["reports"].add_column("duplicate_similarity", float)
    db["reports"].create_index(["duplicate_of"])
    # Ids that stopped naming an incident of their own lead to the one that holds it now.
    db["incident_redirects"].create(
        {"old_id": str, "new_id": str, "reason": str, "created_at": str}, pk="old_id")
    # What merged or split incidents, and why (kb.resolve, kb.overrides).
    db["incident_merges"].create(
        {"id": int, "kind": str, "from_ids": str, "to_ids": str, "reason": str,
         "origin": str, "created_at": str}, pk="id")
    # The same incident's ids in other databases (kb.crosswalk).
    db["incident_crosswalk"].create(
        {"incident_id": str, "database": str, "external_id": str, "url": str, "origin": str},
        pk=("incident_id", "database", "external_id"))
    # The automatic group a mention fell in before overrides, so merges and
    # splits apply the same way on every build.
    db["mentions"].add_column("grouped_as", str)
    # How alike a report's text is to the incident's other primary reports
    # (the evidence of borderline groupings).
    db["incident_reports"].add_column("text_similarity", float)
    # Coverage: who broke the story, and when the company first commented.
    db["incidents"].add_column("first_reported_by", str)
    db["incidents"].add_column("company_first_commented", str)


@migration("0006_publishing_indexes")
def _publishing_indexes(db: sqlite_utils.Database) -> None:
    # The published Datasette's default facets and sorts (metadata.yml) read
    # these columns on every table page; an index each keeps pages fast at 100k reports.
    for table, columns in {
        "incidents": ["vendor", "agent", "action_type", "blamed", "last_reported", "updated_at"],
        "reports": ["published", "publisher", "language", "relevant"],
        "statements": ["blamed", "speaker", "date"],
        "mentions": ["action_type", "blamed"],
        "evidence": ["field"],
    }.items():
        for column in columns:
            db[table].create_index([column], if_not_exists=True)


@migration("0007_subscribers_digests")
def _subscribers_digests(db: sqlite_utils.Database) -> None:
    # Who gets the weekly digest (kb subscribe), with optional vendor/agent filters.
    db["subscribers"].create(
        {
            "id": int, "email": str, "vendors": str, "agents": str, "token": str,
            "status": str, "created_at": str, "updated_at": str,
        },
        pk="id", not_null={"email", "token", "status"},
    )
    db["subscribers"].create_index(["email"], unique=True)
    db["subscribers"].create_index(["token"], unique=True)
    # Which week's digest went to whom: never sent twice, a failed recipient retried.
    db["digests"].create(
        {
            "week": str, "subscriber_id": int, "email": str, "status": str, "attempts": int,
            "message_id": str, "incidents": int, "error": str, "sent_at": str, "updated_at": str,
        },
        pk=("week", "subscriber_id"),
        foreign_keys=[("subscriber_id", "subscribers", "id")],
    )
