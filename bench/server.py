"""`kb serve` on 127.0.0.1 in a child process, for the Datasette benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.request import urlopen

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def kb_server(db: Path, public: bool = False, timeout: float = 60, options: tuple = ()):
    """Yield the base URL (http://127.0.0.1:PORT) of `kb serve` on ``db`` (with
    ``options``, e.g. ("--cache", "0")); stop it after.

    Raises RuntimeError when the server exits or does not answer within ``timeout`` s.
    """
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO),
                                                                     os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-c", "from kb.cli import cli; cli()", "serve", "--db", str(db),
               "--host", "127.0.0.1", "--port", str(port)] + (["--public"] if public else []) + list(options)
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urlopen(f"{url}/-/versions.json", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"kb serve exited: {process.stderr.read().decode()[-500:]}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"kb serve did not answer within {timeout:.0f}s")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
