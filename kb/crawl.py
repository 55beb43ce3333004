"""``kb crawl``: run the crawler, then turn new raw-store records into reports.

The crawl runs as a subprocess (``python -m crawler.run``, see crawler/run.py)
that writes only to the raw store (data/raw/: WARC files plus index.sqlite).
:func:`ingest_raw` then reads every article and thread record not yet in the
``raw_records`` table, extracts its text (kb.text) and stores it as a report
(kb.ingest.store_document), recording the record as ingested in the same
transaction, so an interrupted ingest is simply resumed by the next run.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

import sqlite_utils

from kb.db import utc_now
from kb.ingest import ImportResult, store_document
from kb.text import Document, DocumentError, decode, document_from_html, document_from_text

DEFAULT_RAW = Path("data") / "raw"


class CrawlError(RuntimeError):
    """The crawl could not start (bad sources file, store locked, crash); one line."""


@dataclass
class CrawlSummary:
    """What a crawl did: one dict per source (name, kind, fetched, kept,
    skipped, failed, error), the number of responses stored, seconds taken."""

    sources: list[dict] = field(default_factory=list)
    stored: int = 0
    elapsed: float = 0.0
    log: Optional[str] = None

    @property
    def unreachable(self) -> list[dict]:
        """Sources that failed without fetching anything."""
        return [s for s in self.sources if s["fetched"] == 0 and s["failed"] > 0]


def run_crawl(raw_dir: Path, sources_file: Optional[Path] = None, names: Iterable[str] = (),
              max_items: Optional[int] = None, settings: Optional[dict] = None,
              on_source: Optional[Callable[[dict], None]] = None,
              redis_url: Optional[str] = None, idle: Optional[float] = None) -> CrawlSummary:
    """Crawl the sources (all enabled ones, or those ``names``) into ``raw_dir``.

    With ``redis_url`` the crawl is a worker of the distributed crawl there
    (crawler/distributed.py): it pushes what it fetches to Redis for ``kb
    ingest --redis`` (``stored`` then counts responses pushed; ``raw_dir``
    only receives its log) and stops after ``idle`` seconds with nothing to do.

    ``settings`` overrides Scrapy settings (e.g. {"AUTOTHROTTLE_ENABLED": "False"});
    ``on_source(dict)`` is called as each source finishes. Raises CrawlError
    with the crawler's one-line message when it cannot run.
    """
    command = [sys.executable, "-m", "crawler.run", "--raw", str(raw_dir)]
    if sources_file:
        command += ["--sources", str(sources_file)]
    for name in names:
        command += ["--source", name]
    if max_items is not None:
        command += ["--max-items", str(max_items)]
    if redis_url:
        command += ["--redis", redis_url]
    if idle is not None:
        command += ["--idle", str(idle)]
    for key, value in (settings or {}).items():
        command += ["--set", f"{key}={value}"]
    summary = CrawlSummary()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in process.stdout:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("event") == "source":
            summary.sources.append(event)
            if on_source:
                on_source(event)
        elif event.get("event") == "done":
            summary.stored, summary.elapsed = event["stored"], event["elapsed"]
            summary.log = event.get("log")
    stderr = process.stderr.read()
    if process.wait() != 0:
        lines = [line for line in stderr.strip().splitlines() if line.strip()]
        raise CrawlError(lines[-1].removeprefix("error: ") if lines else
                         f"the crawler exited with code {process.returncode}")
    return summary


def record_sources(db: sqlite_utils.Database, sources: list, summary: CrawlSummary) -> None:
    """Upsert the ``sources`` table from the configured sources (crawler.sources.Source)
    and the counts of the crawl that just ran."""
    done = {s["name"]: s for s in summary.sources}
    now = utc_now()
    with db.conn:
        for source in sources:
            row = {"name": source.name, "kind": source.kind, "enabled": int(source.enabled),
                   "config": json.dumps(source.options, ensure_ascii=False)}
            if source.name in done:
                counts = done[source.name]
                row.update({k: counts[k] for k in ("fetched", "kept", "skipped", "failed")},
                           last_crawl_at=now, last_error=counts.get("error"))
            db["sources"].upsert(row, pk="name", alter=True)


def pending_records(db: sqlite_utils.Database, raw_dir: Path) -> list[dict]:
    """Article and thread records of the raw store not yet ingested, oldest first."""
    index = Path(raw_dir) / "index.sqlite"
    if not index.exists():
        return []
    raw = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    raw.row_factory = sqlite3.Row
    try:
        rows = [dict(r) for r in raw.execute(
            "select * from records where kind in ('article', 'thread') and status = 200 "
            "order by id")]
    finally:
        raw.close()
    done = {r[0] for r in db.execute("select record_id from raw_records")}
    return [r for r in rows if r["record_id"] not in done]


def read_payload(raw_dir: Path, record: dict) -> bytes:
    """The HTTP body of a raw-store record (from its WARC file at its offset)."""
    from warcio.archiveiterator import ArchiveIterator

    with open(Path(raw_dir) / record["warc_file"], "rb") as stream:
        stream.seek(record["offset"])
        for warc_record in ArchiveIterator(stream):
            return warc_record.content_stream().read()
    raise DocumentError(f"{record['url']}: record {record['record_id']} missing from its WARC file")


def record_document(raw_dir: Path, record: dict) -> Document:
    """A raw-store record as a Document: an article's HTML through trafilatura,
    a thread's text as is. Raises DocumentError when there is no text."""
    info = json.loads(record["item"] or "{}")
    published = (info.get("published") or "")[:10] or None
    if record["kind"] == "thread":
        document = document_from_text(info.get("text") or "", record["url"], info.get("title"),
                                      info.get("url") or record["url"], published)
    else:
        html = decode(read_payload(raw_dir, record), record["url"])
        document = document_from_html(html, record["url"], record["url"])
        document.title = document.title or info.get("title")
        document.published = document.published or published
    document.metadata = {"source": record["source"], "fetched_url": record["url"],
                         "fetched_at": record["fetched_at"], "warc_file": record["warc_file"],
                         "warc_record_id": record["record_id"],
                         **{k: info[k] for k in ("discussion", "via") if info.get(k)}}
    return document


def _extract(job: tuple[str, dict]):
    raw_dir, record = job
    try:
        return record_document(Path(raw_dir), record)
    except DocumentError as error:
        return str(error)
    except Exception as error:  # a page trafilatura chokes on must not stop the ingest
        return f"{record['url']}: cannot extract ({type(error).__name__}: {error})"


def ingest_raw(db: sqlite_utils.Database, raw_dir: Path, workers: Optional[int] = None,
               progress: Optional[Callable[[dict, str], None]] = None) -> ImportResult:
    """Store every pending raw record as a report; returns the counts.

    Text extraction runs in ``workers`` processes (default: one per CPU when
    there are more than 16 records). ``progress(record, outcome)`` is called
    per record, outcome being added/updated/unchanged or the error line.
    """
    records = pending_records(db, raw_dir)
    summary = ImportResult()
    jobs = [(str(raw_dir), r) for r in records]
    workers = workers or (os.cpu_count() or 1)
    if workers > 1 and len(jobs) > 16:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_extract, jobs, chunksize=4))
    else:
        results = [_extract(job) for job in jobs]
    for record, result in zip(records, results):
        with db.conn:
            report_id = None
            if isinstance(result, Document):
                outcome = store_document(db, result)
                found = next(db["reports"].rows_where(
                    "origin = ? or content_hash = ?", [result.url, result.content_hash],
                    select="id", limit=1), None)
                report_id = found["id"] if found else None
                setattr(summary, outcome, getattr(summary, outcome) + 1)
            else:
                outcome = result
                summary.errors.append(result)
            db["raw_records"].insert({
                "record_id": record["record_id"], "kind": record["kind"],
                "source": record["source"], "url": record["url"],
                "warc_file": record["warc_file"], "warc_offset": record["offset"],
                "fetched_at": record["fetched_at"], "report_id": report_id,
                "outcome": outcome if report_id else "no text", "ingested_at": utc_now(),
            }, replace=True)
        if progress:
            progress(record, outcome)
    return summary
