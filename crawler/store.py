"""The raw store: everything the crawler fetched, as WARC, plus an index.

Layout of the store folder (default data/raw/):

- ``warc/*.warc.gz``: one gzipped WARC file per spider run, request and
  response records (warcio); never rewritten, only appended to.
- ``index.sqlite``: table ``records``, one row per stored response:
  ``record_id`` (the WARC-Record-ID), ``kind`` ("listing" for feeds and API
  responses, "article" for pages, "thread" for forum threads), ``source``,
  ``url`` (as fetched), ``canonical_url`` (dedupe key), ``status``,
  ``warc_file`` (relative to the store), ``offset``/``length`` (bytes in it),
  ``fetched_at`` (UTC ISO 8601), ``etag``, ``last_modified``, ``item``
  (JSON: title, summary, published, and for threads the text); and table
  ``source_state`` (per-source values such as the last completed crawl).

This, and only this, is the crawler's contract with the knowledge base.

Crash safety: a WARC record is written and flushed before its index row is
committed, and a record with no index row does not exist: :meth:`RawStore.recover`
(run at the start of every crawl) cuts each WARC file back to the end of its
last indexed record, so a crawl killed with SIGKILL leaves neither a torn
record nor a stored-but-unindexed one that would be stored again.
"""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import sqlite3
import time
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SCHEMA = """
create table if not exists records (
    id integer primary key, record_id text unique not null, kind text not null,
    source text not null, url text not null, canonical_url text not null,
    status integer, content_type text, warc_file text not null, offset integer not null,
    length integer not null, fetched_at text not null, etag text, last_modified text,
    item text
);
create index if not exists records_canonical on records(canonical_url);
create table if not exists source_state (
    source text not null, key text not null, value text, primary key (source, key)
);
"""
#: Response headers that describe the transfer, not the (decoded) body kept.
_TRANSFER_HEADERS = {b"content-encoding", b"transfer-encoding", b"content-length"}


def utc_now() -> str:
    """Current UTC time, ISO 8601 with seconds and a Z."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class StoreLocked(RuntimeError):
    """Another crawl holds the store's lock."""


class RawStore:
    """The raw store at ``root`` (created if missing). Open one per process."""

    #: Spiders dedupe article requests themselves (crawler.distributed shares a seen-set).
    shared_seen_set = False

    def __init__(self, root: Path | str):
        self.root = Path(root)
        (self.root / "warc").mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.root / "index.sqlite", timeout=30)
        self.db.execute("pragma journal_mode=wal")
        self.db.execute("pragma synchronous=normal")
        self.db.executescript(SCHEMA)
        self._writers: dict[str, "WarcFile"] = {}
        self._lock = None

    # -- crawl lifecycle -------------------------------------------------
    def lock(self) -> None:
        """Take the store's exclusive crawl lock; raises StoreLocked if held."""
        self._lock = open(self.root / "crawl.lock", "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreLocked(f"{self.root}: another crawl is running") from None

    def claim_start(self, spider_name: str) -> bool:
        """A local crawl always queues its own listing requests."""
        return True

    def recover(self) -> int:
        """Cut every WARC file back to the end of its last indexed record
        (removing files left empty); returns the number of bytes removed."""
        removed = 0
        ends = dict(self.db.execute(
            "select warc_file, max(offset + length) from records group by warc_file"))
        for path in sorted((self.root / "warc").glob("*.warc.gz")):
            end = ends.get(f"warc/{path.name}", 0)
            size = path.stat().st_size
            if size > end:
                removed += size - end
                if end == 0:
                    path.unlink()
                else:
                    os.truncate(path, end)
        return removed

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()
        self.db.close()
        if self._lock:
            self._lock.close()

    # -- queries ---------------------------------------------------------
    def latest(self, canonical_url: str, kinds=("article", "thread")) -> dict | None:
        """The newest record for a canonical URL among ``kinds``, as a dict, or None."""
        marks = ",".join("?" * len(kinds))
        cursor = self.db.execute(
            f"select * from records where canonical_url = ? and kind in ({marks}) "
            "order by id desc limit 1", [canonical_url, *kinds])
        row = cursor.fetchone()
        return dict(zip([c[0] for c in cursor.description], row)) if row else None

    def read_body(self, record: dict) -> bytes:
        """The HTTP payload of an indexed record, read back from its WARC file."""
        from warcio.archiveiterator import ArchiveIterator

        with open(self.root / record["warc_file"], "rb") as stream:
            stream.seek(record["offset"])
            for warc_record in ArchiveIterator(stream):
                return warc_record.content_stream().read()
        raise KeyError(record["record_id"])

    def get_state(self, source: str, key: str) -> str | None:
        row = self.db.execute("select value from source_state where source = ? and key = ?",
                              [source, key]).fetchone()
        return row[0] if row else None

    def set_state(self, source: str, key: str, value: str) -> None:
        with self.db:
            self.db.execute("insert or replace into source_state values (?, ?, ?)",
                            [source, key, value])

    # -- writing ---------------------------------------------------------
    def writer(self, name: str) -> "WarcFile":
        """This process's WARC file for spider ``name`` (opened on first use)."""
        if name not in self._writers:
            stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
            path = self.root / "warc" / f"{stamp}-{name}-{os.getpid()}.warc.gz"
            self._writers[name] = WarcFile(path)
        return self._writers[name]

    def add(self, spider: str, *, kind: str, source: str, url: str, canonical_url: str,
            status: int, headers: list[tuple[bytes, bytes]], body: bytes,
            request_headers: list[tuple[bytes, bytes]], item: dict | None = None,
            refetch: bool = False) -> str:
        """Write one response (and its request) to WARC, then index it.

        ``headers`` are the response headers as (name, value) byte pairs;
        ``refetch`` (a changed page fetched again) matters only to
        crawler.distributed.RedisStore;
        returns the WARC-Record-ID of the response record.
        """
        warc = self.writer(spider)
        record_id, offset, length = warc.write(url, status, headers, body, request_headers)
        lookup = {k.lower(): v for k, v in headers}

        def header(name: bytes) -> str | None:
            value = lookup.get(name)
            return value.decode("latin-1") if value is not None else None

        with self.db:
            self.db.execute(
                "insert into records (record_id, kind, source, url, canonical_url, status, "
                "content_type, warc_file, offset, length, fetched_at, etag, last_modified, item) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [record_id, kind, source, url, canonical_url, status, header(b"content-type"),
                 f"warc/{warc.path.name}", offset, length, utc_now(), header(b"etag"),
                 header(b"last-modified"), json.dumps(item or {}, ensure_ascii=False)])
        return record_id


class WarcFile:
    """An append-only gzipped WARC file; each :meth:`write` adds a response
    record and its request record and flushes them to the OS."""

    #: gzip level of each record: 3 is several times faster than warcio's 9
    #: and a few percent larger, which matters at hundreds of pages a second.
    COMPRESS_LEVEL = 3

    def __init__(self, path: Path):
        self.path = path
        self.stream = open(path, "ab")
        self.buffer = BytesIO()
        self.warc = WARCWriter(self.buffer, gzip=False)

    def _append(self, record) -> None:
        """Write one record as its own gzip member (the usual .warc.gz layout)."""
        self.buffer.seek(0)
        self.buffer.truncate()
        self.warc.write_record(record)
        self.stream.write(gzip.compress(self.buffer.getvalue(), compresslevel=self.COMPRESS_LEVEL))

    def write(self, url, status, headers, body, request_headers) -> tuple[str, int, int]:
        """Returns (response record id, offset of the pair, length of the pair in bytes)."""
        from http import HTTPStatus

        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        kept = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers
                if k.lower() not in _TRANSFER_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {reason}", kept, protocol="HTTP/1.1")
        response = self.warc.create_warc_record(url, "response", payload=BytesIO(body),
                                                http_headers=http_headers)
        path = url.split("/", 3)[3] if url.count("/") >= 3 else ""
        request = self.warc.create_warc_record(
            url, "request", payload=BytesIO(b""),
            http_headers=StatusAndHeaders(f"GET /{path} HTTP/1.1",
                                          [(k.decode("latin-1"), v.decode("latin-1"))
                                           for k, v in request_headers],
                                          is_http_request=True))
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        request.rec_headers.add_header("WARC-Concurrent-To", record_id)
        offset = self.stream.tell()
        self._append(response)
        self._append(request)
        self.stream.flush()
        return record_id, offset, self.stream.tell() - offset

    def close(self) -> None:
        self.stream.close()
