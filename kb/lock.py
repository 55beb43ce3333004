"""One ``kb update`` at a time per database, and recovery from a run that died.

:func:`update_lock` holds an exclusive lock (filelock, an flock(2) on Linux,
which the kernel releases when the process dies, so a killed run never leaves
a stale lock) on ``DB.update.lock`` next to the database, and keeps a small
JSON marker ``DB.update.json`` (pid, host, start time) while the run is in
progress. The marker is removed when the run ends, even with an error; a
marker found by the next run therefore means the previous one was killed, and
the next run completes its work (every step is resumable: the raw store cuts
torn WARC records, the ingest and the build pick up what is still pending).
"""

from __future__ import annotations

import json
import os
import socket
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from filelock import FileLock, Timeout

from kb.db import utc_now


class RunLocked(RuntimeError):
    """Another run holds the lock; the message names its pid and start time."""


def lock_paths(db_path: Path) -> tuple[Path, Path]:
    """(lock file, run marker) of the database at ``db_path``."""
    db_path = Path(db_path)
    return (db_path.with_name(db_path.name + ".update.lock"),
            db_path.with_name(db_path.name + ".update.json"))


def read_marker(path: Path) -> Optional[dict]:
    """The run marker at ``path`` as a dict, None if absent; a torn marker
    (the run died while writing it) reads as {}."""
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return None
    except (ValueError, OSError):
        return {}


@contextmanager
def update_lock(db_path: Path) -> Iterator[Optional[dict]]:
    """Hold the update lock of ``db_path`` for the ``with`` block.

    Yields the marker of an earlier run that died (dict: pid, host,
    started_at), or None when the last run ended normally. Raises RunLocked,
    without waiting, when another live run holds the lock.
    """
    lock_path, marker_path = lock_paths(db_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        holder = read_marker(marker_path) or {}
        since = f" (pid {holder.get('pid', '?')}, started {holder.get('started_at', '?')})" \
            if holder else ""
        raise RunLocked(f"{db_path}: another kb update is running{since}") from None
    try:
        interrupted = read_marker(marker_path)
        marker = {"pid": os.getpid(), "host": socket.gethostname(), "started_at": utc_now()}
        temporary = marker_path.with_name(marker_path.name + ".tmp")
        temporary.write_text(json.dumps(marker))
        os.replace(temporary, marker_path)
        try:
            yield interrupted
        finally:
            marker_path.unlink(missing_ok=True)
    finally:
        lock.release()
