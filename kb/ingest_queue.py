"""``kb ingest --redis URL``: the single writer of a distributed crawl.

Workers (``kb crawl --redis URL``, crawler/distributed.py) push what they
fetched onto the Redis list ``blast-radius:fetched``, one JSON message per
response. :func:`ingest_queue` takes the raw store's lock, moves one message
at a time to ``blast-radius:ingesting`` (Redis LMOVE), writes it to the raw
store (WARC + index, crawler.store.RawStore) and only then removes it, so an
ingester killed at any point loses nothing: at start it puts the message it
was storing back at the head of the queue, and an article already indexed
is not stored twice. Every batch of stored responses then becomes reports
with kb.crawl.ingest_raw (resumable the same way).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import sqlite_utils

from kb.crawl import ingest_raw
from kb.ingest import ImportResult

#: Responses stored to the raw store between two turns into reports.
BATCH = 50


class QueueError(RuntimeError):
    """Redis cannot be reached, or the raw store is locked; one line."""


@dataclass
class QueueIngestSummary:
    """What ``kb ingest --redis`` did: responses stored in the raw store (by
    kind), duplicates skipped, the reports added/updated, seconds taken."""

    stored: dict = field(default_factory=dict)
    duplicates: int = 0
    reports: ImportResult = field(default_factory=ImportResult)
    elapsed: float = 0.0

    def add_reports(self, result: ImportResult) -> None:
        for name in ("added", "updated", "unchanged"):
            setattr(self.reports, name, getattr(self.reports, name) + getattr(result, name))
        self.reports.errors.extend(result.errors)


def connect(url: str):
    """A Redis client for ``url``; raises QueueError when it cannot be reached."""
    import redis

    try:
        server = redis.Redis.from_url(url, socket_connect_timeout=10)
        server.ping()
    except (redis.exceptions.RedisError, ValueError) as error:
        raise QueueError(f"{url}: cannot reach Redis ({error})") from None
    return server


def publish_stored(server, store) -> int:
    """Copy the raw store's articles and threads (canonical URL -> fetched_at,
    etag, last_modified) to Redis so workers skip what is already stored;
    returns how many."""
    import json

    from crawler.distributed import STORED

    rows = store.db.execute(
        "select canonical_url, max(fetched_at), etag, last_modified from records "
        "where kind in ('article', 'thread') group by canonical_url").fetchall()
    pipe = server.pipeline(transaction=False)
    for canonical, fetched_at, etag, last_modified in rows:
        pipe.hset(STORED, canonical, json.dumps(
            {"fetched_at": fetched_at, "etag": etag, "last_modified": last_modified}))
        if len(pipe) >= 1000:
            pipe.execute()
    pipe.execute()
    return len(rows)


def store_message(store, message: dict) -> bool:
    """Write one decoded message to the raw store; False when it is an
    article or thread already stored (and not a deliberate re-fetch)."""
    if message["kind"] != "listing" and not message.get("refetch") \
            and store.latest(message["canonical_url"]) is not None:
        return False
    store.add(message["spider"], kind=message["kind"], source=message["source"],
              url=message["url"], canonical_url=message["canonical_url"],
              status=message["status"], headers=message["headers"], body=message["body"],
              request_headers=message["request_headers"], item=message["item"])
    return True


def ingest_queue(db: sqlite_utils.Database, raw_dir: Path, url: str,
                 until_idle: Optional[float] = None,
                 progress: Optional[Callable[[str, str], None]] = None) -> QueueIngestSummary:
    """Store what workers push to Redis at ``url`` in ``raw_dir`` and ``db``.

    Runs until interrupted (Ctrl-C, SIGTERM), or with ``until_idle`` until
    nothing has arrived for that many seconds while the crawl has no work left
    (crawler.distributed.crawl_pending). ``progress(url, outcome)`` is called
    per message, outcome "stored" or "duplicate". Raises QueueError when Redis
    cannot be reached or another crawl or ingester holds the raw store.
    """
    import redis

    from crawler.distributed import FETCHED, INGESTING, crawl_pending, decode_message
    from crawler.store import RawStore, StoreLocked

    server = connect(url)
    store = RawStore(raw_dir)
    try:
        store.lock()
    except StoreLocked:
        store.close()
        raise QueueError(f"{raw_dir}: another crawl or ingester holds the raw store") from None
    summary = QueueIngestSummary()
    started = last_seen = time.monotonic()
    pending_reports = 0
    try:
        store.recover()
        while server.lmove(INGESTING, FETCHED, "RIGHT", "LEFT"):
            pass  # a message a killed ingester was storing goes back first
        publish_stored(server, store)
        while True:
            data = server.blmove(FETCHED, INGESTING, 1, "LEFT", "RIGHT")
            if data is not None:
                message = decode_message(data)
                if store_message(store, message):
                    kind = message["kind"]
                    summary.stored[kind] = summary.stored.get(kind, 0) + 1
                    pending_reports += kind != "listing"
                    outcome = "stored"
                else:
                    summary.duplicates += 1
                    outcome = "duplicate"
                server.lrem(INGESTING, 1, data)
                last_seen = time.monotonic()
                if progress:
                    progress(message["url"], outcome)
                if pending_reports >= BATCH:
                    summary.add_reports(ingest_raw(db, raw_dir))
                    pending_reports = 0
                continue
            if pending_reports:
                summary.add_reports(ingest_raw(db, raw_dir))
                pending_reports = 0
            if crawl_pending(server):
                last_seen = time.monotonic()
            elif until_idle is not None and time.monotonic() - last_seen >= until_idle:
                break
    except KeyboardInterrupt:
        pass
    except redis.exceptions.RedisError as error:
        raise QueueError(f"{url}: Redis failed ({error})") from None
    finally:
        store.close()
    summary.add_reports(ingest_raw(db, raw_dir))
    summary.elapsed = time.monotonic() - started
    return summary
