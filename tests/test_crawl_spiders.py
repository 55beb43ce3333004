"""Each spider kind against recorded responses served on 127.0.0.1, and the
crawler's behaviour when servers misbehave."""

import json
import time
from urllib.parse import urlsplit

import pytest

from crawl_support import (Server, crawl, news_pages, records, reddit_body, rss, sources_file,
                           warc_urls)


@pytest.fixture
def server():
    server = Server()
    yield server
    server.close()


@pytest.fixture(scope="module")
def pages(request):
    from conftest import SHARED
    return news_pages(SHARED)


def test_feed_spider_reads_json_feed_and_atom(server, pages, shared, tmp_path):
    npr = (shared / "corpus/feeds/npr-technology.json").read_bytes()
    npr = npr.replace(b"https:\\/\\/www.npr.org", f"{server.base}/www.npr.org".replace("/", "\\/").encode())
    atom = (shared / "corpus/feeds/movabletype-atom.xml").read_bytes()
    atom = atom.replace(b"http://touchnokia.ru/", f"{server.base}/touchnokia.ru/".encode())
    server.add("/npr.json", npr, "application/feed+json")
    server.add("/atom.xml", atom, "application/atom+xml")
    links = [item["url"] for item in json.loads(npr)["items"]]
    import feedparser
    links += [e.link for e in feedparser.parse(atom).entries]
    for index, link in enumerate(links):
        server.add(urlsplit(link).path, pages[index % len(pages)][1])
    src = sources_file(tmp_path, [
        {"name": "npr", "kind": "feed", "url": f"{server.base}/npr.json", "prefilter": False},
        {"name": "atom", "kind": "feed", "url": f"{server.base}/atom.xml", "prefilter": False}])
    result = crawl(src, tmp_path / "raw")
    articles = records(tmp_path / "raw", "article")
    expected = {l.split("?")[0] for l in links}
    assert {a["url"].split("?")[0] for a in articles} == expected
    assert result["sources"]["npr"]["kept"] + result["sources"]["atom"]["kept"] == len(expected)
    assert all(a["canonical_url"].find("utm_") == -1 for a in articles)
    titles = {json.loads(a["item"])["title"] for a in articles}
    assert "Keller Rinaudo: How can delivery drones save lives?" in titles
    assert len(records(tmp_path / "raw", "listing")) == 2


def test_prefilter_decides_which_items_are_fetched(server, pages, tmp_path):
    good = server.add_page(pages[0][0], pages[0][1])
    dull = server.add_page(pages[1][0], pages[1][1])
    server.add("/feed.xml", rss([
        ("Replit AI agent deletes production database", good, "The coding agent wiped it"),
        ("Ten recipes for summer", dull, "Tomatoes and basil")]), "application/rss+xml")
    result = crawl(sources_file(tmp_path, [{"name": "f", "kind": "feed",
                                            "url": f"{server.base}/feed.xml"}]), tmp_path / "raw")
    assert result["sources"]["f"]["kept"] == 1 and result["sources"]["f"]["skipped"] == 1
    assert server.fetched(urlsplit(dull).path) == []
    assert [r["url"] for r in records(tmp_path / "raw", "article")] == [good]


def test_hackernews_spider_keeps_article_and_comment_thread(server, pages, shared, tmp_path):
    fixtures = {f["url"]: f["reply"] for f in
                json.loads((shared / "corpus/forums/hn-algolia/fixtures.json").read_text())}
    search = fixtures["/api/v1/search_by_date?hitsPerPage=1&tags=(story)&query=apple"]
    hit = search["hits"][0]
    hit["url"] = server.add_page(hit["url"], pages[2][1])
    server.add("/api/v1/search_by_date", json.dumps(search), "application/json")
    server.prefixes["/api/v1/items/"] = (200, {"Content-Type": "application/json"},
                                         json.dumps(fixtures["/api/v1/items/17"]).encode())
    src = sources_file(tmp_path, [{"name": "hn", "kind": "hackernews", "queries": ["apple"],
                                   "api": f"{server.base}/api/v1"}])
    result = crawl(src, tmp_path / "raw")
    assert result["sources"]["hn"]["kept"] == 2
    [article] = records(tmp_path / "raw", "article")
    assert article["url"] == hit["url"]
    [thread] = records(tmp_path / "raw", "thread")
    info = json.loads(thread["item"])
    assert info["url"] == f"https://news.ycombinator.com/item?id={hit['objectID']}"
    assert "Sandhill Road" in info["text"] and "dmon:" in info["text"]
    assert any("query=apple" in h and "tags=story" in h for h in server.hits)


def test_reddit_spider_keeps_threads_and_follows_links(server, pages, shared, tmp_path):
    search = json.loads(reddit_body(shared, "TestSubreddit.test_search.json"))
    posts = [c["data"] for c in search["data"]["children"]]
    linked = [p for p in posts if not p["is_self"] and "reddit.com" not in p["url"]]
    for index, post in enumerate(linked):
        post["url"] = server.add_page(post["url"], pages[index][1])
    server.add("/r/programming/search.json", json.dumps(search), "application/json")
    server.prefixes["/r/"] = (200, {"Content-Type": "application/json"},
                              reddit_body(shared, "TestSubmission.test_comments.json"))
    src = sources_file(tmp_path, [{"name": "rd", "kind": "reddit", "subreddits": ["programming"],
                                   "queries": ["praw"], "api": server.base}])
    result = crawl(src, tmp_path / "raw")
    threads = records(tmp_path / "raw", "thread")
    assert len(threads) == len({p["permalink"] for p in posts})
    text = json.loads(threads[0]["item"])["text"]
    assert "HTTPS" in text and ":" in text
    assert len(records(tmp_path / "raw", "article")) == len({p["url"] for p in linked})
    assert result["sources"]["rd"]["failed"] == 0


def test_gdelt_spider_reads_an_artlist(server, pages, tmp_path):
    good = server.add_page(pages[3][0], pages[3][1])
    dull = server.add_page(pages[4][0], pages[4][1])
    server.add("/api/v2/doc/doc", json.dumps({"articles": [
        {"url": good, "title": "AI coding agent wipes startup's production database",
         "seendate": "20251217T103000Z", "domain": "example.com", "language": "English"},
        {"url": dull, "title": "Local team wins the cup", "seendate": "20251217T103000Z"}]}),
        "application/json")
    src = sources_file(tmp_path, [{"name": "g", "kind": "gdelt", "queries": ['"AI agent"'],
                                   "api": f"{server.base}/api/v2/doc/doc"}])
    result = crawl(src, tmp_path / "raw")
    assert result["sources"]["g"]["kept"] == 1
    [article] = records(tmp_path / "raw", "article")
    assert article["url"] == good and json.loads(article["item"])["published"] == "2025-12-17T10:30:00Z"
    assert any("mode=artlist" in h and "format=json" in h for h in server.hits)


def test_misbehaving_servers_are_survived_and_counted(server, pages, tmp_path):
    server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    server.add("/private/page", pages[0][1])
    attempts = []
    small = min((html for _, html in pages), key=len)

    def flaky(handler):
        attempts.append(time.monotonic())
        if len(attempts) == 1:
            return 503, {"Content-Type": "text/plain"}, b"try later"
        return 200, {"Content-Type": "text/html"}, small

    def slow(handler):
        time.sleep(2.5)
        return 200, {"Content-Type": "text/html"}, pages[2][1]

    server.routes["/flaky"] = flaky
    server.routes["/slow"] = slow
    server.add("/big", b"<html><body>" + b"x" * 300_000 + b"</body></html>")
    server.add("/loop/a", b"", status=302, headers={"Location": "/loop/b"})
    server.add("/loop/b", b"", status=302, headers={"Location": "/loop/a"})
    server.add("/bad-feed.xml", "<?xml version='1.0'?><rss><channel><item><title", "application/rss+xml")
    server.add("/private-feed.xml", rss([("AI agent deletes database", f"{server.base}/flaky", "x")]),
               "application/rss+xml")
    base = server.base
    src = sources_file(tmp_path, [
        {"name": "robots", "kind": "urls", "urls": [f"{base}/private/page"]},
        {"name": "flaky", "kind": "urls", "urls": [f"{base}/flaky"]},
        {"name": "slow", "kind": "urls", "urls": [f"{base}/slow"]},
        {"name": "big", "kind": "urls", "urls": [f"{base}/big"]},
        {"name": "loop", "kind": "urls", "urls": [f"{base}/loop/a"]},
        {"name": "malformed", "kind": "feed", "url": f"{base}/bad-feed.xml"},
        {"name": "attacker", "kind": "feed", "url": f"{base}/private-feed.xml", "allow_private": False},
    ])
    result = crawl(src, tmp_path / "raw", settings={"DOWNLOAD_TIMEOUT": "1", "RETRY_TIMES": "1",
                                                      "DOWNLOAD_MAXSIZE": "100000"})
    counts = result["sources"]
    assert counts["robots"]["skipped"] == 1 and server.fetched("/private/") == []
    assert counts["flaky"]["kept"] == 1 and len(attempts) == 2
    assert counts["slow"]["failed"] == 1 and counts["slow"]["kept"] == 0
    assert counts["big"]["failed"] == 1 and counts["big"]["kept"] == 0
    assert counts["loop"]["failed"] == 1 and len(server.fetched("/loop/")) > 2
    assert counts["malformed"]["failed"] == 1
    assert "not a usable feed" in counts["malformed"]["error"]
    assert counts["attacker"]["failed"] == 1 and counts["attacker"]["fetched"] == 0
    assert "private, loopback or link-local" in counts["attacker"]["error"]
    assert server.fetched("/private-feed.xml") == []
    assert [r["url"] for r in records(tmp_path / "raw")] == [f"{base}/flaky"]
    assert warc_urls(tmp_path / "raw") == [f"{base}/flaky"]
