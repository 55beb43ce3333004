"""A local HTTP server for the crawl tests, serving recorded responses from ../shared.

Recorded pages are served under /<original host>/<original path>, so a URL
found in a recorded feed or API response is made local with :meth:`Server.local`.
The server answers conditional GETs (ETag), logs every request path, and can
be told to misbehave per path (fail first, stall, send too much, redirect in a loop).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]


def news_pages(shared: Path) -> list[tuple[str, bytes]]:
    """(original URL, HTML bytes) of every recorded news page in ../shared."""
    root = shared / "corpus" / "news-html"
    pages = []
    for meta in sorted((root / "fundus").rglob("meta.info")):
        for name, info in json.loads(meta.read_text()).items():
            path = meta.parent / name
            if path.exists():
                pages.append((info["url"], gzip.decompress(path.read_bytes())))
    bench = root / "article-extraction-benchmark"
    for key, truth in sorted(json.loads((bench / "ground-truth.json").read_text()).items()):
        path = bench / "html" / f"{key}.html.gz"
        if path.exists() and truth.get("url"):
            pages.append((truth["url"], gzip.decompress(path.read_bytes())))
    return pages


def reddit_body(shared: Path, cassette: str) -> bytes:
    """The JSON body of the last GET recorded in a Reddit betamax cassette."""
    data = json.loads((shared / "corpus" / "forums" / "reddit" / cassette).read_text())
    return data["interactions"][-1]["response"]["body"]["string"].encode()


class Server:
    """routes: path (with or without query) -> (status, headers dict, body bytes)
    or a callable(handler) returning that triple."""

    def __init__(self):
        self.routes: dict = {}
        self.prefixes: dict = {}
        self.hits: list[str] = []
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                with server.lock:
                    server.hits.append(self.path)
                    server.counts[self.path] = server.counts.get(self.path, 0) + 1
                route = server.find(self.path)
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
                elif callable(route):
                    status, headers, body = route(self)
                else:
                    status, headers, body = route
                if status == 200 and body:
                    etag = '"%s"' % hashlib.sha1(body).hexdigest()
                    headers = {**headers, "ETag": etag}
                    if self.headers.get("If-None-Match") == etag:
                        status, body = 304, b""
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        class Quiet(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # clients that hang up (timeouts, size caps) are expected here

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def find(self, path: str):
        if path in self.routes:
            return self.routes[path]
        bare = path.split("?", 1)[0]
        if bare in self.routes:
            return self.routes[bare]
        for prefix in sorted(self.prefixes, key=len, reverse=True):
            if bare.startswith(prefix):
                return self.prefixes[prefix]
        return None

    def add(self, path, body: bytes | str, content_type="text/html; charset=utf-8", status=200,
            headers=None):
        body = body.encode() if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, body)

    def local(self, url: str) -> str:
        """Where the recorded page of ``url`` is served (register it with :meth:`add_page`)."""
        parts = urlsplit(url)
        return f"{self.base}/{parts.hostname}{parts.path}" + (f"?{parts.query}" if parts.query else "")

    def add_page(self, url: str, html: bytes) -> str:
        local = self.local(url)
        self.add(urlsplit(local).path, html)
        return local

    def fetched(self, prefix: str) -> list[str]:
        with self.lock:
            return [h for h in self.hits if h.startswith(prefix)]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(items: list[tuple[str, str, str]], title="Test feed") -> str:
    """An RSS 2.0 feed of (title, link, description) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description>"
        f"<pubDate>Mon, 01 Dec 2025 10:00:00 GMT</pubDate></item>" for t, link, d in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.org/</link><description>t</description>{entries}</channel></rss>")


#: Scrapy settings for fast tests: no throttling, short timeouts, quick retries.
FAST = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "DOWNLOAD_TIMEOUT": "2",
        "RETRY_TIMES": "2", "RETRY_BACKOFF_BASE": "0.05", "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
        "LOG_LEVEL": "INFO"}


def sources_file(tmp_path: Path, entries: list[dict]) -> Path:
    """A sources.yml with these entries (allow_private defaults to true here)."""
    import yaml

    path = tmp_path / "sources.yml"
    path.write_text(yaml.safe_dump({"sources": [{"allow_private": True, **e} for e in entries]},
                                   sort_keys=False))
    return path


def crawl_command(sources: Path, raw: Path, *extra: str, settings=None) -> list[str]:
    command = [sys.executable, "-m", "crawler.run", "--sources", str(sources), "--raw", str(raw)]
    for key, value in {**FAST, **(settings or {})}.items():
        command += ["--set", f"{key}={value}"]
    return command + list(extra)


def crawl(sources: Path, raw: Path, *extra: str, settings=None) -> dict:
    """Run the crawler to the end; returns {"sources": {name: counts}, "done": {...}}."""
    result = subprocess.run(crawl_command(sources, raw, *extra, settings=settings),
                            capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return {"sources": {e["name"]: e for e in events if e["event"] == "source"},
            "done": next(e for e in events if e["event"] == "done")}


def records(raw: Path, kind: str | None = None) -> list[dict]:
    """Rows of the raw store's index (optionally of one kind); none while the
    crawler has created the index file but not yet its table."""
    import sqlite3

    db = sqlite3.connect(raw / "index.sqlite")
    db.row_factory = sqlite3.Row
    try:
        rows = [dict(r) for r in db.execute("select * from records order by id")]
    except sqlite3.OperationalError:
        rows = []
    finally:
        db.close()
    return [r for r in rows if kind is None or r["kind"] == kind]


def warc_urls(raw: Path) -> list[str]:
    """Target URIs of every response record in every WARC file of the store."""
    from warcio.archiveiterator import ArchiveIterator

    urls = []
    for path in sorted((raw / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    urls.append(record.rec_headers.get_header("WARC-Target-URI"))
    return urls


def wait_for(condition, timeout=30.0, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False
