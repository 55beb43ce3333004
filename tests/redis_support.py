"""A real redis-server for the tests, on 127.0.0.1 at a free port, in a temporary folder.

redis-server comes from the Debian package (``make redis-server`` installs
it). A missing or failing redis-server fails the test with the reason; it is
never skipped.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import free_port

REPO = Path(__file__).resolve().parents[1]
KB = [sys.executable, "-c", "import sys; from kb.cli import cli; sys.exit(cli())"]



class RedisServer:
    """redis-server without persistence; ``url`` to connect, ``client()`` for a client."""

    def __init__(self, folder: Path):
        executable = shutil.which("redis-server")
        if executable is None:
            pytest.fail("redis-server is not installed: run `make redis-server` "
                        "(apt-get install redis-server)", pytrace=False)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(folder), "--daemonize", "no"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"redis-server did not start: {self.process.stdout.read()[-500:]}",
                            pytrace=False)
            try:
                if self.client().ping():
                    return
            except Exception:
                time.sleep(0.05)
        self.stop()
        pytest.fail(f"redis-server did not answer on 127.0.0.1:{self.port} within 15s",
                    pytrace=False)

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_connect_timeout=2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
