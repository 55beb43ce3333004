"""`kb crawl` end to end: a local feed's articles become reports, a second run
fetches nothing new, and a crawl killed with SIGKILL resumes without loss or duplicates."""

import os
import signal
import subprocess
import time
from collections import Counter

import pytest
from click.testing import CliRunner

from crawl_support import (FAST, REPO, Server, crawl_command, news_pages, records, rss,
                           sources_file, wait_for, warc_urls)
from kb.cli import cli
from kb.db import open_db

N_ARTICLES = 30


@pytest.fixture
def site(shared):
    """A local feed of N_ARTICLES relevant items, each linking to a recorded news page;
    articles are served slowly enough to kill a crawl half-way."""
    server = Server()
    pages = [p for p in news_pages(shared) if len(p[1]) < 400_000][:N_ARTICLES]
    items = []
    for index, (url, html) in enumerate(pages):
        local = server.add_page(url, html)
        route = server.routes[local[len(server.base):].split("?")[0]]

        def slow(handler, route=route):
            time.sleep(0.15)
            return route

        server.routes[local[len(server.base):].split("?")[0]] = slow
        items.append((f"AI agent incident number {index} wipes a database", local, "agent"))
    server.add("/feed.xml", rss(items), "application/rss+xml")
    server.articles = [link for _, link, _ in items]
    yield server
    server.close()


def kb_crawl(sources, raw, db, *extra):
    args = ["crawl", "--sources", str(sources), "--raw", str(raw), "--db", str(db), *extra]
    for key, value in {**FAST, "CONCURRENT_REQUESTS_PER_DOMAIN": "4"}.items():
        args += ["--set", f"{key}={value}"]
    result = CliRunner(mix_stderr=False).invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output + result.stderr
    return result


def report_urls(db_path):
    return sorted(r["url"] for r in open_db(db_path)["reports"].rows)


def test_feed_articles_become_reports_and_a_second_run_fetches_nothing(site, tmp_path):
    src = sources_file(tmp_path, [{"name": "local", "kind": "feed", "url": f"{site.base}/feed.xml"}])
    first = kb_crawl(src, tmp_path / "raw", tmp_path / "kb.db")
    assert f"feed local: fetched {N_ARTICLES + 1}, kept {N_ARTICLES}" in first.stderr
    assert f"reports: {N_ARTICLES} added" in first.output
    db = open_db(tmp_path / "kb.db")
    assert db["reports"].count == N_ARTICLES
    assert db["sources"].get("local")["kept"] == N_ARTICLES
    assert db["raw_records"].count == N_ARTICLES
    report = next(db["reports"].rows)
    assert '"warc_record_id"' in report["metadata"] and len(report["text"]) > 200

    hits = len(site.hits)
    second = kb_crawl(src, tmp_path / "raw", tmp_path / "kb.db")
    assert "kept 0" in second.stderr and "reports: 0 added, 0 updated, 0 unchanged" in second.output
    assert site.hits[hits:] == ["/robots.txt", "/feed.xml"]  # the feed answered 304
    assert open_db(tmp_path / "kb.db")["reports"].count == N_ARTICLES

    offline = CliRunner().invoke(cli, ["crawl", "--offline", "--raw", str(tmp_path / "raw"),
                                       "--db", str(tmp_path / "rebuilt.db")])
    assert offline.exit_code == 0 and f"reports: {N_ARTICLES} added" in offline.output
    assert report_urls(tmp_path / "rebuilt.db") == report_urls(tmp_path / "kb.db")


def test_sigkill_mid_crawl_then_resume_loses_nothing_and_stores_nothing_twice(site, tmp_path):
    src = sources_file(tmp_path, [{"name": "local", "kind": "feed", "url": f"{site.base}/feed.xml"}])
    kb_crawl(src, tmp_path / "whole-raw", tmp_path / "whole.db")

    raw = tmp_path / "raw"
    process = subprocess.Popen(crawl_command(src, raw, settings={"CONCURRENT_REQUESTS_PER_DOMAIN": "4"}),
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_for(lambda: (raw / "index.sqlite").exists()
                    and len(records(raw, "article")) >= N_ARTICLES // 3, timeout=60)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored_before = len(records(raw, "article"))
    assert 0 < stored_before < N_ARTICLES

    kb_crawl(src, raw, tmp_path / "kb.db")
    articles = records(raw, "article")
    assert len(articles) == N_ARTICLES
    assert Counter(a["canonical_url"] for a in articles).most_common(1)[0][1] == 1
    responses = Counter(warc_urls(raw))
    assert set(responses) >= set(site.articles)
    assert all(responses[url] == 1 for url in site.articles)
    assert report_urls(tmp_path / "kb.db") == report_urls(tmp_path / "whole.db")
    assert len(report_urls(tmp_path / "kb.db")) == N_ARTICLES


def test_an_unreachable_source_is_one_line_and_the_others_go_on(site, tmp_path):
    src = sources_file(tmp_path, [
        {"name": "local", "kind": "feed", "url": f"{site.base}/feed.xml"},
        {"name": "gone", "kind": "feed", "url": "http://127.0.0.1:9/feed.xml"}])
    result = kb_crawl(src, tmp_path / "raw", tmp_path / "kb.db", "--max-items", "3")
    lines = [l for l in result.stderr.splitlines() if "gone" in l]
    assert len(lines) == 1 and lines[0].startswith("unreachable: gone (")
    assert "1 unreachable (gone)" in result.output
    assert open_db(tmp_path / "kb.db")["reports"].count == 3
