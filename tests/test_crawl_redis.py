"""The distributed crawl: two `kb crawl --redis` workers and one `kb ingest --redis`
against a real redis-server and the local replay server store every page of a
feed exactly once, also when one worker is killed with SIGKILL mid-run."""

import json
import os
import signal
import subprocess
import time
from collections import Counter

import pytest
from click.testing import CliRunner

from crawler.distributed import SPIDERS, announce, crawl_pending, requeue_orphans, spider_key
from crawl_support import FAST, REPO, Server, news_pages, records, rss, sources_file, wait_for, \
    warc_urls
from kb.cli import cli
from kb.db import open_db
from redis_support import KB, RedisServer

N_ARTICLES = 40
# Each worker takes from the shared queue only what it downloads at once (one host here).
SETTINGS = {**FAST, "CONCURRENT_REQUESTS": "2", "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
            "REDIS_WORKER_TTL": "2"}


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis")
    yield server
    server.stop()


@pytest.fixture
def site(shared):
    """A local feed of N_ARTICLES relevant items linking to recorded news pages,
    each served in 0.25 s, so a crawl lasts long enough to share and to kill."""
    server = Server()
    pages = [p for p in news_pages(shared) if len(p[1]) < 400_000][:N_ARTICLES]
    items = []
    for index, (url, html) in enumerate(pages):
        local = server.add_page(url, html)
        path = local[len(server.base):].split("?")[0]

        def slow(handler, route=server.routes[path]):
            time.sleep(0.25)
            return route

        server.routes[path] = slow
        items.append((f"AI agent incident number {index} wipes a database", local, "agent"))
    server.add("/feed.xml", rss(items), "application/rss+xml")
    server.articles = [link for _, link, _ in items]
    yield server
    server.close()


def worker(src, url, tmp_path, name):
    command = KB + ["crawl", "--redis", url, "--sources", str(src), "--idle", "2",
                    "--raw", str(tmp_path / name)]
    for key, value in SETTINGS.items():
        command += ["--set", f"{key}={value}"]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def crawler_pids(process) -> list[int]:
    """Process ids of the crawler subprocesses `kb crawl` started (Linux /proc)."""
    path = f"/proc/{process.pid}/task/{process.pid}/children"
    try:
        with open(path) as children:
            return [int(pid) for pid in children.read().split()]
    except FileNotFoundError:
        return []


def ingester(url, tmp_path, until_idle="10"):
    return subprocess.Popen(KB + ["ingest", "--redis", url, "--db", str(tmp_path / "kb.db"),
                                  "--raw", str(tmp_path / "raw"), "--until-idle", until_idle],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def pushed(output: str) -> int:
    line = next(line for line in output.splitlines() if line.startswith("worker done"))
    return int(line.split("pushed ")[1].split()[0])


def assert_every_page_once(site, tmp_path):
    articles = records(tmp_path / "raw", "article")
    assert sorted(a["url"] for a in articles) == sorted(site.articles)
    assert Counter(a["canonical_url"] for a in articles).most_common(1)[0][1] == 1
    responses = Counter(warc_urls(tmp_path / "raw"))
    assert all(responses[url] == 1 for url in site.articles)
    db = open_db(tmp_path / "kb.db")
    fetched = [json.loads(r["metadata"])["fetched_url"] for r in db["reports"].rows]
    assert sorted(fetched) == sorted(site.articles)
    assert db["raw_records"].count == N_ARTICLES


def test_two_workers_and_one_ingester_store_every_page_once(site, redis_server, tmp_path):
    src = sources_file(tmp_path, [{"name": "local", "kind": "feed", "url": f"{site.base}/feed.xml"}])
    workers = [worker(src, redis_server.url, tmp_path, name) for name in ("w1", "w2")]
    writer = ingester(redis_server.url, tmp_path, until_idle="5")
    outputs = [w.communicate(timeout=180) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], [err for _, err in outputs]
    out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert f"reports: {N_ARTICLES} added" in out
    # Both workers did part of the work; together the feed once and each article once.
    shares = [pushed(out) for out, _ in outputs]
    assert all(share > 0 for share in shares) and sum(shares) == N_ARTICLES + 1
    assert_every_page_once(site, tmp_path)
    assert len(records(tmp_path / "raw", "listing")) == 1
    # The crawl's keys are cleaned up: no queue, no in-flight requests, no live worker.
    client = redis_server.client()
    assert client.llen("blast-radius:fetched") == 0 and client.llen("blast-radius:ingesting") == 0
    assert client.zcard("blast-radius:feed:requests") == 0
    assert not client.keys("blast-radius:feed:inflight:*")
    assert client.scard("blast-radius:feed:workers") == 0

    # A second round fetches the feed again but no article twice.
    hits = len(site.hits)
    again = worker(src, redis_server.url, tmp_path, "w3")
    writer = ingester(redis_server.url, tmp_path, until_idle="3")
    assert again.wait(timeout=120) == 0 and writer.wait(timeout=120) == 0
    assert [h for h in site.hits[hits:] if h != "/robots.txt"] == ["/feed.xml"]
    assert_every_page_once(site, tmp_path)


def test_a_worker_killed_with_sigkill_loses_nothing(site, redis_server, tmp_path):
    src = sources_file(tmp_path, [{"name": "local", "kind": "feed", "url": f"{site.base}/feed.xml"}])
    victim = worker(src, redis_server.url, tmp_path, "w1")
    survivor = worker(src, redis_server.url, tmp_path, "w2")
    writer = ingester(redis_server.url, tmp_path)
    client = redis_server.client()
    pids = []

    def victim_inflight():
        pids[:] = pids or crawler_pids(victim)
        return sum(client.hlen(key) for pid in pids
                   for key in client.keys(f"blast-radius:feed:inflight:*-{pid}-*"))

    # Kill the first worker while it holds requests in flight.
    assert wait_for(lambda: (tmp_path / "raw" / "index.sqlite").exists() and victim_inflight()
                    and len(records(tmp_path / "raw", "article")) >= 8,
                    timeout=90)
    os.killpg(victim.pid, signal.SIGKILL)  # the worker and its crawler process
    victim.wait()
    assert victim_inflight() > 0  # orphaned: only the other worker can bring them back
    assert len(records(tmp_path / "raw", "article")) < N_ARTICLES
    out, err = survivor.communicate(timeout=180)
    assert survivor.returncode == 0, err
    out, err = writer.communicate(timeout=180)
    assert writer.returncode == 0, err
    assert_every_page_once(site, tmp_path)
    assert not client.keys("blast-radius:feed:inflight:*")


def test_a_stalled_worker_is_dropped_and_back_on_its_next_heartbeat(redis_server):
    """A worker whose heartbeat lapsed (a stall longer than its TTL) has its
    requests requeued and leaves the workers set; its next heartbeat puts it
    back, so requests it leases afterwards are still requeued if it dies."""
    client = redis_server.client()
    workers, queue = spider_key("feed", "workers"), spider_key("feed", "requests")
    announce(client, "feed", "stalled", "busy", ttl=1)
    announce(client, "feed", "alive", "busy", ttl=60)
    client.hset(spider_key("feed", "inflight", "stalled"), "lease-a:0", "request-a")
    client.hset(spider_key("feed", "inflight", "alive"), "lease-b:0", "request-b")
    assert requeue_orphans(client, "feed") == 0  # both alive: nothing moves
    client.delete(spider_key("feed", "worker", "stalled"))  # its TTL ran out
    assert requeue_orphans(client, "feed") == 1
    assert client.zrange(queue, 0, -1) == [b"request-a"]
    assert client.smembers(workers) == {b"alive"}
    assert client.hlen(spider_key("feed", "inflight", "alive")) == 1
    announce(client, "feed", "stalled", "busy", ttl=1)  # the stall is over
    assert client.smembers(workers) == {b"alive", b"stalled"}
    client.zrem(queue, "request-a")
    client.hset(spider_key("feed", "inflight", "stalled"), "lease-c:0", "request-c")
    client.delete(spider_key("feed", "worker", "stalled"))  # now it dies
    client.sadd(SPIDERS, "feed")
    assert crawl_pending(client)  # an orphan and a live worker to requeue it
    assert requeue_orphans(client, "feed") == 1
    assert client.zrange(queue, 0, -1) == [b"request-c"]


def test_bad_redis_url_is_one_line_and_no_traceback(tmp_path):
    src = sources_file(tmp_path, [{"name": "local", "kind": "feed", "url": "http://127.0.0.1:9/f"}])
    runner = CliRunner(mix_stderr=False)
    port = __import__("redis_support").free_port()
    result = runner.invoke(cli, ["crawl", "--redis", f"redis://127.0.0.1:{port}/0", "--sources",
                                 str(src), "--raw", str(tmp_path / "raw")])
    assert result.exit_code == 1 and "cannot reach Redis" in result.stderr
    assert "Traceback" not in result.stderr
    result = runner.invoke(cli, ["ingest", "--redis", f"redis://127.0.0.1:{port}/0", "--db",
                                 str(tmp_path / "kb.db"), "--raw", str(tmp_path / "raw")])
    assert result.exit_code == 1 and "cannot reach Redis" in result.stderr
    assert "Traceback" not in result.stderr
