"""The distributed crawl: Scrapy workers sharing one request queue in Redis.

``python -m crawler.run --redis URL`` (``kb crawl --redis URL``) runs a
worker: Scrapy with scrapy-redis's scheduler, priority queue and dupefilter,
so any number of workers on any number of machines share one request queue
and one seen-set. Workers do not write the raw store (SQLite has one writer):
:class:`RedisStore` stands in for :class:`crawler.store.RawStore` and pushes
each fetched response, with its item, onto a Redis list that ``kb ingest
--redis URL`` (kb/ingest_queue.py) stores in the raw store and the database.

Redis keys, all under :data:`PREFIX` (one deployment per Redis database; use
redis://host:6379/N to run several):

- ``PREFIX:SPIDER:requests`` (sorted set) and ``PREFIX:SPIDER:dupefilter``
  (set): scrapy-redis's queue and seen-set, kept between runs;
- ``PREFIX:SPIDER:inflight:WORKER`` (hash): requests a worker popped and has
  not finished, the "lease" of each; ``PREFIX:SPIDER:worker:WORKER`` (string
  "busy" or "idle", expires after REDIS_WORKER_TTL seconds unless renewed)
  says the worker is alive; ``PREFIX:SPIDER:workers`` lists worker ids;
- ``PREFIX:SPIDER:round``: held (with an expiry) by the worker that queued
  this round's listing requests, so the other workers do not queue them again;
- ``PREFIX:fetched`` (list): JSON messages of fetched responses for the
  ingester; ``PREFIX:ingesting``: the message being stored;
- ``PREFIX:stored`` (hash): canonical URL -> {fetched_at, etag,
  last_modified} of every article and thread pushed or stored, so a page is
  pushed once; ``PREFIX:state`` (hash): per-source values ("SOURCE\\tKEY").

A worker killed mid-crawl loses nothing: when its key has expired, any live
worker moves its in-flight requests back to the queue (an atomic Lua script).
A worker stops when, for REDIS_IDLE_CLOSE seconds, the queue is empty and no
other live worker is busy.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import time
import uuid

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, DropItem
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

#: Prefix of every Redis key of Blast Radius.
PREFIX = "blast-radius"
#: This process's worker id: host, process id and a random suffix.
WORKER_ID = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
#: Meta key holding the lease (inflight hash field) of a popped request.
LEASE = "redis_lease"


def spider_key(spider_name: str, what: str, worker: str | None = None) -> str:
    """The Redis key of ``what`` (requests, inflight, worker, workers, round) of a spider."""
    return f"{PREFIX}:{spider_name}:{what}" + (f":{worker}" if worker else "")


FETCHED = f"{PREFIX}:fetched"
INGESTING = f"{PREFIX}:ingesting"
STORED = f"{PREFIX}:stored"
STATE = f"{PREFIX}:state"
SPIDERS = f"{PREFIX}:spiders"

# Pop the best request and record it as in flight, in one step.
_POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
local field = redis.sha1hex(r[1]) .. ':' .. r[2]
redis.call('HSET', KEYS[2], field, r[1])
return {r[1], field}
"""
# Put a worker's in-flight requests back in the queue and drop it from the
# workers set (KEYS[4], member ARGV[1]), unless it is alive (KEYS[3] exists;
# pass a key that never exists to force it). One script, so a worker that
# announces itself (see announce) is never dropped half-way.
_REQUEUE = """
if redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  local score = string.match(entries[i], ':([^:]*)$')
  redis.call('ZADD', KEYS[2], tonumber(score), entries[i + 1])
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[4], ARGV[1])
return #entries / 2
"""
# Push a fetched response for the ingester; an article or thread only once.
_PUSH = """
if ARGV[1] == 'new' then
  if redis.call('HSETNX', KEYS[1], ARGV[2], ARGV[3]) == 0 then return 0 end
elseif ARGV[1] == 'refetch' then
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
end
redis.call('RPUSH', KEYS[2], ARGV[4])
return 1
"""


def requeue_orphans(server, spider_name: str, force_worker: str | None = None) -> int:
    """Move the in-flight requests of dead workers of a spider back to its
    queue (or, with ``force_worker``, that worker's, alive or not); returns
    how many requests went back."""
    moved = 0
    workers = [force_worker.encode()] if force_worker else server.smembers(spider_key(spider_name, "workers"))
    for worker in workers:
        worker = worker.decode()
        alive_key = spider_key(spider_name, "worker", worker) if not force_worker else \
            f"{PREFIX}:never:{uuid.uuid4().hex}"
        count = server.eval(_REQUEUE, 4, spider_key(spider_name, "inflight", worker),
                            spider_key(spider_name, "requests"), alive_key,
                            spider_key(spider_name, "workers"), worker)
        moved += max(count, 0)
    return moved


def announce(server, spider_name: str, worker: str, state: str, ttl: int) -> None:
    """Say that ``worker`` is alive and ``state`` ("busy" or "idle") for
    ``ttl`` seconds: its heartbeat key and its place in the workers set are
    written in one transaction, so no other worker (requeue_orphans) or
    ingester (crawl_pending) ever sees a live worker missing from the set,
    and a worker dropped after a stall longer than ``ttl`` is back on its
    next heartbeat."""
    pipe = server.pipeline(transaction=True)
    pipe.set(spider_key(spider_name, "worker", worker), state, ex=ttl)
    pipe.sadd(spider_key(spider_name, "workers"), worker)
    pipe.execute()


def crawl_pending(server) -> bool:
    """True while a distributed crawl has work left: a request queued, a live
    worker busy, or a dead worker's requests that a live worker will requeue."""
    for name in server.smembers(SPIDERS):
        name = name.decode()
        if server.zcard(spider_key(name, "requests")):
            return True
        live, orphans = False, False
        for worker in server.smembers(spider_key(name, "workers")):
            worker = worker.decode()
            state = server.get(spider_key(name, "worker", worker))
            if state == b"busy":
                return True
            if state is not None:
                live = True
            elif server.hlen(spider_key(name, "inflight", worker)):
                orphans = True
        if live and orphans:
            return True
    return False


class LeasedQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop leaves the request in this
    worker's in-flight hash until it is finished (see :class:`LeaseMiddleware`)."""

    def pop(self, timeout=0):
        inflight = spider_key(self.spider.name, "inflight", WORKER_ID)
        popped = self.server.eval(_POP, 2, self.key, inflight)
        if not popped:
            return None
        data, lease = popped
        request = self._decode_request(data)
        request.meta[LEASE] = lease.decode() if isinstance(lease, bytes) else lease
        return request


def finish(server, spider_name: str, request) -> None:
    """Drop a finished request's lease (no-op for a request without one)."""
    lease = request.meta.get(LEASE)
    if lease:
        server.hdel(spider_key(spider_name, "inflight", WORKER_ID), lease)


class WorkerScheduler(Scheduler):
    """scrapy-redis's scheduler plus worker bookkeeping: a heartbeat key,
    in-flight leases, requeueing dead workers' requests, and staying open
    while other workers may still queue requests.

    Settings: REDIS_WORKER_TTL (seconds a worker counts as alive without a
    heartbeat, default 30), REDIS_IDLE_CLOSE (seconds of nothing to do before
    the worker stops, default 10)."""

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.ttl = max(1, crawler.settings.getint("REDIS_WORKER_TTL", 30))
        scheduler.idle_close = crawler.settings.getfloat("REDIS_IDLE_CLOSE", 10.0)
        scheduler.idle_since = None
        scheduler.state = None
        scheduler.beat = scheduler.poll = None
        scheduler.crawler = crawler
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def key(self, what: str, worker: str | None = None) -> str:
        return spider_key(self.spider.name, what, worker)

    def open(self, spider):
        super().open(spider)
        from twisted.internet.task import LoopingCall

        self.server.sadd(SPIDERS, spider.name)
        self.mark("busy")
        moved = requeue_orphans(self.server, spider.name)
        if moved:
            spider.logger.info("requeued %d requests of stopped workers", moved)
        self.beat = LoopingCall(self.heartbeat)
        self.beat.start(max(self.ttl / 3, 0.2), now=False)
        self.poll = LoopingCall(self.wake_when_queued)
        self.poll.start(self.POLL, now=False)

    #: Seconds between two looks at the shared queue while this worker is idle.
    POLL = 0.5

    def wake_when_queued(self) -> None:
        """While idle, look at the queue often: the engine itself only asks
        the scheduler again every 5 s, which would leave an idle worker out
        of a short crawl that others keep feeding."""
        if self.state == "idle" and len(self.queue):
            slot = getattr(self.crawler.engine, "_slot", None)  # Scrapy 2.13's engine slot
            if slot is not None:
                slot.nextcall.schedule()

    def mark(self, state: str) -> None:
        """Set (and renew) this worker's heartbeat key to busy or idle (announce)."""
        self.state = state
        announce(self.server, self.spider.name, WORKER_ID, state, self.ttl)

    def heartbeat(self) -> None:
        self.mark(self.state or "busy")
        self.server.expire(self.key("round"), self.ttl * 2)

    def enqueue_request(self, request):
        # A redirect or retry of a popped request carries its lease: the new
        # request is now in the queue, so the old one is done.
        lease = request.meta.pop(LEASE, None)
        queued = super().enqueue_request(request)
        if lease:
            self.server.hdel(self.key("inflight", WORKER_ID), lease)
        return queued

    def next_request(self):
        request = super().next_request()
        if request is not None:
            self.idle_since = None
            if self.state != "busy":
                self.mark("busy")
        return request

    def others_busy(self) -> bool:
        for worker in self.server.smembers(self.key("workers")):
            worker = worker.decode()
            if worker != WORKER_ID and self.server.get(self.key("worker", worker)) == b"busy":
                return True
        return False

    def spider_idle(self, spider):
        """Keep the spider open while the shared crawl has work left."""
        if self.state != "idle":
            self.mark("idle")
        moved = requeue_orphans(self.server, spider.name)
        if moved:
            spider.logger.info("requeued %d requests of stopped workers", moved)
        if len(self.queue) or self.others_busy():
            self.idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle_close:
            raise DontCloseSpider

    def close(self, reason):
        for loop in (self.beat, self.poll):
            if loop and loop.running:
                loop.stop()
        if reason == "finished":
            # Everything popped was handled (the engine is idle), leases left
            # over are of requests dropped before their callback.
            self.server.delete(self.key("inflight", WORKER_ID))
            if not self.others_busy():
                self.server.delete(self.key("round"))
        else:
            requeue_orphans(self.server, self.spider.name, force_worker=WORKER_ID)
        self.server.delete(self.key("worker", WORKER_ID))
        self.server.srem(self.key("workers"), WORKER_ID)


class LeaseMiddleware:
    """Spider middleware: a request is finished once its callback's output
    (items pushed, new requests queued) has been handled, or the callback
    raised; then its lease is dropped."""

    def __init__(self, server):
        self.server = server

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy_redis.connection import get_redis_from_settings

        return cls(get_redis_from_settings(crawler.settings))

    def process_spider_output(self, response, result, spider):
        yield from result
        finish(self.server, spider.name, response.request)

    async def process_spider_output_async(self, response, result, spider):
        async for item in result:
            yield item
        finish(self.server, spider.name, response.request)

    def process_spider_exception(self, response, exception, spider):
        finish(self.server, spider.name, response.request)


class RedisStore:
    """What a worker has instead of the raw store (same methods as
    crawler.store.RawStore): pushes fetched responses to Redis for ``kb
    ingest``, answers "already stored?" from the shared ``stored`` hash, and
    keeps per-source state in Redis. Listings are fetched in full every round
    (their bodies live only in the ingester's raw store)."""

    #: Article requests go through the shared seen-set (scrapy-redis dupefilter).
    shared_seen_set = True

    def __init__(self, url: str, ttl: int = 30):
        import redis

        self.server = redis.Redis.from_url(url, socket_connect_timeout=10)
        self.ttl = ttl

    def ping(self) -> None:
        """Raises redis.exceptions.ConnectionError when Redis cannot be reached."""
        self.server.ping()

    def lock(self) -> None:
        """No lock: any number of workers run at once."""

    def recover(self) -> int:
        return 0

    def close(self) -> None:
        self.server.close()

    def claim_start(self, spider_name: str) -> bool:
        """True for the one worker that queues this round's listing requests
        (the claim lasts while workers of the spider are alive)."""
        return bool(self.server.set(spider_key(spider_name, "round"), WORKER_ID, nx=True,
                                    ex=self.ttl * 2))

    def latest(self, canonical_url: str, kinds=("article", "thread")) -> dict | None:
        if "listing" in kinds:
            return None
        value = self.server.hget(STORED, canonical_url)
        return json.loads(value) if value else None

    def read_body(self, record: dict) -> bytes:
        raise KeyError(canonical_key(record))

    def get_state(self, source: str, key: str) -> str | None:
        value = self.server.hget(STATE, f"{source}\t{key}")
        return value.decode() if value is not None else None

    def set_state(self, source: str, key: str, value: str) -> None:
        self.server.hset(STATE, f"{source}\t{key}", value)

    def add(self, spider: str, *, kind: str, source: str, url: str, canonical_url: str,
            status: int, headers, body: bytes, request_headers, item: dict | None = None,
            refetch: bool = False) -> str:
        """Push one fetched response onto ``PREFIX:fetched``; raises DropItem
        when another worker already pushed this article or thread."""
        from crawler.store import utc_now

        fetched_at = utc_now()
        lookup = {k.lower(): v for k, v in headers}
        stored = {"fetched_at": fetched_at,
                  "etag": _text(lookup.get(b"etag")), "last_modified": _text(lookup.get(b"last-modified"))}
        message = {
            "spider": spider, "kind": kind, "source": source, "url": url,
            "canonical_url": canonical_url, "status": status, "fetched_at": fetched_at,
            "headers": [[_text(k), _text(v)] for k, v in headers],
            "request_headers": [[_text(k), _text(v)] for k, v in request_headers],
            "body": base64.b64encode(body).decode("ascii"), "item": item or {},
            "refetch": bool(refetch), "worker": WORKER_ID}
        mode = "listing" if kind == "listing" else ("refetch" if refetch else "new")
        pushed = self.server.eval(_PUSH, 2, STORED, FETCHED, mode, canonical_url,
                                  json.dumps(stored), json.dumps(message, ensure_ascii=False))
        if not pushed:
            raise DropItem(f"already pushed by another worker: {canonical_url}")
        return f"redis:{WORKER_ID}"


def canonical_key(record: dict) -> str:
    return record.get("canonical_url") or record.get("url") or "?"


def _text(value) -> str | None:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def decode_message(data: bytes) -> dict:
    """A message of ``PREFIX:fetched`` with bytes back where the store wants them."""
    message = json.loads(data)
    message["body"] = base64.b64decode(message["body"])
    message["headers"] = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in message["headers"]]
    message["request_headers"] = [(k.encode("latin-1"), v.encode("latin-1"))
                                  for k, v in message["request_headers"]]
    return message


def worker_settings(url: str, ttl: int | None = None, idle_close: float | None = None) -> dict:
    """Scrapy settings that make a crawl a worker of the shared queue at ``url``."""
    from crawler import settings as base

    settings = {
        "SCHEDULER": "crawler.distributed.WorkerScheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.distributed.LeasedQueue",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_KEY": f"{PREFIX}:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{PREFIX}:%(spider)s:dupefilter",
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": url,
        "SPIDER_MIDDLEWARES": {**getattr(base, "SPIDER_MIDDLEWARES", {}),
                               "crawler.distributed.LeaseMiddleware": 10},
    }
    if ttl is not None:
        settings["REDIS_WORKER_TTL"] = ttl
    if idle_close is not None:
        settings["REDIS_IDLE_CLOSE"] = idle_close
    return settings
