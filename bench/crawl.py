"""Crawl benchmark: pages/s of the whole crawl vs a bare Scrapy spider.

Serves recorded news pages from ../shared/corpus/news-html on 127.0.0.1 (all
of them, then the first ones again under a mirror path until there are at
least --pages URLs), then times, each as a fresh process as a user runs it:

1. a bare Scrapy spider fetching every URL and keeping nothing;
2. the whole crawl: `kb crawl` machinery (crawler subprocess writing WARC and
   its index, then text extraction with trafilatura and storage as reports).

Prints pages/s of both, the ratio, and the split of the whole crawl into its
fetch-and-store and extract-and-store phases. Usage: python bench/crawl.py [--pages N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "tests"))

from crawl_support import Server, news_pages, sources_file  # noqa: E402

SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "CONCURRENT_REQUESTS": "16",
            "CONCURRENT_REQUESTS_PER_DOMAIN": "16", "LOG_LEVEL": "WARNING"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=320, help="URLs to crawl (>= 300)")
    args = parser.parse_args()
    from kb.crawl import ingest_raw, run_crawl
    from kb.db import open_db

    pages = news_pages(SHARED)
    server = Server()
    urls = []
    for copy in range(args.pages // len(pages) + 1):
        for url, html in pages:
            if len(urls) < args.pages:
                local = server.add_page(url, html)
                if copy:
                    local = local.replace(server.base, f"{server.base}/mirror{copy}")
                    server.add(local[len(server.base):].split("?")[0], html)
                urls.append(local)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "urls.txt").write_text("\n".join(urls))
        started = time.perf_counter()
        out = subprocess.run([sys.executable, str(REPO / "bench" / "bare_spider.py"),
                              str(tmp / "urls.txt"), *(f"{k}={v}" for k, v in SETTINGS.items())],
                             capture_output=True, text=True, check=True)
        bare_seconds = time.perf_counter() - started
        bare_pages = int(out.stdout.split()[-1])

        src = sources_file(tmp, [{"name": "bench", "kind": "urls", "urls": urls}])
        started = time.perf_counter()
        summary = run_crawl(tmp / "raw", src, settings=SETTINGS)
        fetched_at = time.perf_counter()
        db = open_db(tmp / "kb.db")
        result = ingest_raw(db, tmp / "raw")
        whole_seconds = time.perf_counter() - started
        fetch_seconds = fetched_at - started
        kept = summary.sources[0]["kept"]
    server.close()
    bare_rate = bare_pages / bare_seconds
    whole_rate = kept / whole_seconds
    print(f"pages served: {len(urls)} URLs ({len(pages)} distinct recorded pages)")
    print(f"bare scrapy spider: {bare_pages} pages in {bare_seconds:.2f}s = {bare_rate:.1f} pages/s")
    print(f"whole crawl:        {kept} pages in {whole_seconds:.2f}s = {whole_rate:.1f} pages/s "
          f"(reports: {result.added} added, {result.unchanged} unchanged, {len(result.errors)} no text)")
    print(f"  fetch + WARC store: {fetch_seconds:.2f}s = {kept / fetch_seconds:.1f} pages/s "
          f"(ratio to bare {kept / fetch_seconds / bare_rate:.2f})")
    print(f"  extract + store:    {whole_seconds - fetch_seconds:.2f}s = "
          f"{kept / (whole_seconds - fetch_seconds):.1f} pages/s")
    print(f"ratio whole/bare: {whole_rate / bare_rate:.2f}")


if __name__ == "__main__":
    main()
