"""Run a crawl: ``python -m crawler.run --sources FILE --raw DIR [...]``.

Loads and validates the sources, takes the raw store's lock, recovers it
after a crash, runs one spider per kind (all in one process) and reports on
stdout, one JSON object a line:

- ``{"event": "source", "name", "kind", "fetched", "kept", "skipped", "failed", "error"}``
  when a spider finishes, one per source (``error`` is null or one line);
- ``{"event": "done", "stored": N, "elapsed": seconds, "log": PATH}`` at the end.

With ``--redis URL`` the process is a worker of a distributed crawl
(crawler/distributed.py): it shares its request queue and seen-set with the
other workers in Redis and pushes what it fetched there instead of writing
the raw store (``stored`` then counts responses pushed).

Scrapy's log goes to DIR/logs/. Exit codes: 0 done, 2 bad sources or arguments,
3 store locked by another crawl, 4 Redis unreachable.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from crawler.sources import DEFAULT_SOURCES, SourcesError, load_sources, select_sources


def emit(event: dict) -> None:
    print(json.dumps(event), flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m crawler.run", description=__doc__.split("\n")[0])
    parser.add_argument("--sources", default=str(DEFAULT_SOURCES), help="sources file")
    parser.add_argument("--raw", default="data/raw", help="raw store folder")
    parser.add_argument("--source", action="append", default=[], help="crawl only this source")
    parser.add_argument("--max-items", type=int, help="links followed per source")
    parser.add_argument("--redis", metavar="URL", help="be a worker of the distributed crawl at URL")
    parser.add_argument("--idle", type=float, metavar="SECONDS",
                        help="with --redis: stop after this long with nothing to do")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy setting")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        sources = select_sources(load_sources(args.sources), args.source)
        overrides = dict(pair.split("=", 1) for pair in args.set)
    except SourcesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ValueError:
        print("error: --set takes NAME=VALUE", file=sys.stderr)
        return 2

    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawler.store import RawStore, StoreLocked

    settings = get_project_settings()
    settings.setmodule("crawler.settings", priority="project")
    if args.redis:
        store = _redis_store(args.redis, overrides)
        if store is None:
            return 4
        from crawler.distributed import worker_settings

        settings.update(worker_settings(args.redis, idle_close=args.idle), priority="cmdline")
    else:
        store = RawStore(args.raw)
        try:
            store.lock()
        except StoreLocked as error:
            print(f"error: {error}", file=sys.stderr)
            return 3
        store.recover()
    stamp = time.strftime("crawl-%Y%m%dT%H%M%S", time.gmtime())
    log = Path(args.raw) / "logs" / (f"{stamp}-{os.getpid()}.log" if args.redis else f"{stamp}.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    settings.update({"LOG_FILE": str(log), "RAW_STORE_DIR": args.raw, "SOURCES_FILE": args.sources,
                     **overrides}, priority="cmdline")
    process = CrawlerProcess(settings, install_root_handler=True)
    started = time.monotonic()
    crawlers = []
    for kind in sorted({s.kind for s in sources}):
        crawler = process.create_crawler(kind)
        crawlers.append(crawler)
        process.crawl(crawler, sources=[s for s in sources if s.kind == kind], store=store,
                      max_items=args.max_items)
    reporters = [_reporter(crawler) for crawler in crawlers]  # signals hold weak references
    for crawler, reporter in zip(crawlers, reporters):
        crawler.signals.connect(reporter, signal=_spider_closed())
    process.start()
    stored = sum(c.stats.get_value("pipeline/stored", 0) for c in crawlers)
    store.close()
    emit({"event": "done", "stored": stored, "elapsed": round(time.monotonic() - started, 3),
          "log": str(log)})
    return 0


def _redis_store(url: str, overrides: dict):
    """A RedisStore for ``url``, or None (and one line on stderr) when Redis
    cannot be reached."""
    import redis

    from crawler.distributed import RedisStore

    try:
        store = RedisStore(url, ttl=int(overrides.get("REDIS_WORKER_TTL", 30)))
        store.ping()
    except (redis.exceptions.RedisError, ValueError) as error:
        print(f"error: {url}: cannot reach Redis ({error})", file=sys.stderr)
        return None
    return store


def _spider_closed():
    from scrapy import signals

    return signals.spider_closed


def _reporter(crawler):
    def report(spider, reason):
        stats = crawler.stats
        for name in spider.sources:
            counts = {what: stats.get_value(f"source/{name}/{what}", 0)
                      for what in ("fetched", "kept", "skipped", "failed")}
            emit({"event": "source", "name": name, "kind": spider.name, **counts,
                  "error": stats.get_value(f"source/{name}/error"), "reason": reason})
    return report


if __name__ == "__main__":
    sys.exit(main())
