"""Distributed crawl benchmark: pages/s with 1 and with 2 `kb crawl --redis` workers.

Starts its own redis-server (127.0.0.1, a free port) and serves a feed of
--pages links to recorded news pages (../shared/corpus/news-html, repeated
under mirror paths) on 127.0.0.1, each answered after --delay seconds (a
remote site's latency; without it the local server, not the crawl, is
measured). For 1 and then 2 workers (fresh Redis and raw store each time) it
times, from the workers' start, until every page has been pushed to Redis;
then runs the single writer, `kb ingest --redis --until-idle 0`, alone and
times it storing every page (raw store and reports). Prints pages/s and the
speed-up of 2 workers over 1; the machine's load average is printed too, as
the workers compete with whatever else runs for the same cores.
Usage: python bench/crawl_redis.py [--pages N] [--delay SECONDS]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "tests"))

from crawl_support import Server, news_pages, rss, sources_file  # noqa: E402
from redis_support import KB, RedisServer  # noqa: E402

SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "CONCURRENT_REQUESTS": "8",
            "CONCURRENT_REQUESTS_PER_DOMAIN": "8", "LOG_LEVEL": "WARNING"}


def stored_articles(raw: Path) -> int:
    index = raw / "index.sqlite"
    if not index.exists():
        return 0
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=5)
    try:
        return db.execute("select count(*) from records where kind = 'article'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


def run(workers: int, feed: Path, pages: int, folder: Path) -> dict:
    """Time one distributed crawl; returns seconds until the last page was
    pushed and stored, the pages stored, and the responses each worker pushed."""
    redis = RedisServer(folder / "redis")
    client = redis.client()
    try:
        started = time.perf_counter()
        processes = []
        for index in range(workers):
            command = KB + ["crawl", "--redis", redis.url, "--sources", str(feed), "--idle", "1",
                            "--raw", str(folder / f"worker{index}")]
            for key, value in SETTINGS.items():
                command += ["--set", f"{key}={value}"]
            processes.append(subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE,
                                              stderr=subprocess.DEVNULL, text=True))
        # The time of the last page pushed (some recorded pages are empty or
        # share a URL, so count what arrives rather than wait for a number).
        pushed, pushed_at, first_at = 0, 0.0, None
        while any(p.poll() is None for p in processes):
            count = client.hlen("blast-radius:stored")
            if count > pushed:
                pushed, pushed_at = count, time.perf_counter() - started
                first_at = pushed_at if first_at is None else first_at
            time.sleep(0.05)
        pushed = max(pushed, client.hlen("blast-radius:stored"))
        shares = []
        for process in processes:
            out, _ = process.communicate(timeout=120)
            line = next(line for line in out.splitlines() if line.startswith("worker done"))
            shares.append(int(line.split("pushed ")[1].split()[0]))
        # Then the single writer alone, so it does not take the workers' CPU.
        started = time.perf_counter()
        subprocess.run(KB + ["ingest", "--redis", redis.url, "--db", str(folder / "kb.db"),
                             "--raw", str(folder / "raw"), "--until-idle", "0"],
                       cwd=REPO, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stored_in = time.perf_counter() - started
        stored = stored_articles(folder / "raw")
    finally:
        redis.stop()
    return {"pushed": pushed_at, "first": first_at, "pages": pushed, "stored": stored, "stored_in": stored_in,
            "shares": shares}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=600, help="pages in the feed")
    parser.add_argument("--delay", type=float, default=0.2, help="seconds each page takes to answer")
    args = parser.parse_args()
    recorded = news_pages(SHARED)
    server = Server()
    links = []
    for index in range(args.pages):
        url, html = recorded[index % len(recorded)]
        path = f"/mirror{index // len(recorded)}" + server.local(url)[len(server.base):].split("?")[0]

        def slow(handler, route=(200, {"Content-Type": "text/html; charset=utf-8"}, html)):
            time.sleep(args.delay)
            return route

        server.routes[path] = slow
        links.append((f"AI agent incident {index}", server.base + path, "agent"))
    server.add("/feed.xml", rss(links), "application/rss+xml")
    results = {}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        feed = sources_file(tmp, [{"name": "bench", "kind": "feed", "url": f"{server.base}/feed.xml",
                                   "prefilter": False}])
        for workers in (1, 2):
            results[workers] = run(workers, feed, args.pages, tmp / f"run{workers}")
    server.close()
    print(f"distributed crawl of a feed of {args.pages} pages served with {args.delay:g}s latency "
          f"on 127.0.0.1, one Redis; load average before: {load:.1f} on {os.cpu_count()} CPUs")
    for workers, result in results.items():
        print(f"  {workers} worker{'s' if workers > 1 else ' '}: {result['pages']} pages fetched and "
              f"pushed in {result['pushed']:.1f}s = {result['pages'] / result['pushed']:.1f} pages/s "
              f"({(result['pages'] - 1) / (result['pushed'] - result['first']):.1f} pages/s from the "
              f"first page to the last; responses per worker {result['shares']}); then kb ingest stored "
              f"{result['stored']} in {result['stored_in']:.1f}s = "
              f"{result['stored'] / result['stored_in']:.1f} pages/s")
    one, two = results[1], results[2]
    print(f"  speed-up of 2 workers over 1 (fetch and push): {one['pushed'] / two['pushed']:.2f}x "
          f"with start-up, {(one['pushed'] - one['first']) / (two['pushed'] - two['first']):.2f}x "
          f"from the first page to the last")

if __name__ == "__main__":
    main()
