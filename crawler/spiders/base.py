"""The base spider: sources, the raw store, per-source counts, incremental fetching.

A concrete spider sets ``name`` (= its kind) and implements
:meth:`SourceSpider.source_requests` (the listing requests of one source) and
a listing callback that calls :meth:`SourceSpider.follow` for each link and
:meth:`SourceSpider.keep_thread` for each forum thread. The base class:

- re-fetches listings with conditional GET (If-None-Match/If-Modified-Since);
  a 304 is answered from the raw store, so links a killed crawl never reached
  are followed on the next run;
- skips a link whose canonical URL is already stored, unless the listing says
  it changed after it was fetched; applies the source's pre-filter and
  ``max_items``;
- counts per source, in the crawl stats: ``source/NAME/fetched``, ``kept``,
  ``skipped``, ``failed``, and ``source/NAME/error`` when a listing failed.
Callbacks get their data through ``cb_kwargs`` (plain strings and dicts).
"""

from __future__ import annotations

import json
from email.utils import parsedate_to_datetime

import scrapy
from scrapy.exceptions import IgnoreRequest

from crawler import prefilter
from crawler.items import Fetched
from crawler.sources import DEFAULT_SOURCES, Source, load_sources
from crawler.store import RawStore
from crawler.urls import canonicalize


class SourceSpider(scrapy.Spider):
    """Base of all spiders. Arguments: ``sources`` (list of Source or their
    dicts as JSON; default: the enabled sources of this kind in SOURCES_FILE),
    ``store`` (a RawStore; default: one at RAW_STORE_DIR), ``max_items``
    (links followed per source, overriding the sources' own)."""

    def __init__(self, sources=None, store=None, max_items=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(sources, str):
            sources = [Source.from_dict(s) for s in json.loads(sources)]
        self._given_sources = sources
        self.store = store
        self.max_items = int(max_items) if max_items not in (None, "") else None
        self.followed: dict[str, int] = {}
        self.scheduled: set[str] = set()  # canonical URLs requested in this run

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.store is None:
            spider.store = RawStore(crawler.settings.get("RAW_STORE_DIR"))
        sources = spider._given_sources
        if sources is None:
            path = crawler.settings.get("SOURCES_FILE") or DEFAULT_SOURCES
            sources = [s for s in load_sources(path) if s.enabled]
        spider.sources = {s.name: s for s in sources if s.kind == spider.name}
        return spider

    async def start(self):
        if not self.store.claim_start(self.name):
            return  # a distributed crawl: another worker queued this round's listings
        for source in self.sources.values():
            for request in self.source_requests(source):
                yield request

    def source_requests(self, source: Source):
        """The listing requests of one source (feed URL, API searches...)."""
        raise NotImplementedError

    # -- counting ----------------------------------------------------------
    def count(self, source: str, what: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"source/{source}/{what}", n)

    def listing_failed(self, source: str, message: str) -> None:
        """Count a listing (feed, search API) as failed and remember why."""
        self.count(source, "failed")
        self.crawler.stats.set_value(f"source/{source}/error", message)

    def failed(self, failure):
        """Errback of every request: counts the failure (an ignored request,
        e.g. robots.txt, as skipped) and remembers a listing's error."""
        request = failure.request
        source = request.cb_kwargs.get("source") or request.meta.get("source")
        refused = "refused" in str(failure.value)
        if failure.check(IgnoreRequest) and not refused and "max redirections" not in str(failure.value):
            self.count(source, "skipped")
        else:
            self.count(source, "failed")
        message = f"{request.url}: {failure.getErrorMessage() or failure.type.__name__}"
        self.logger.warning("%s failed: %s", source, message)
        if request.meta.get("listing"):
            self.crawler.stats.set_value(f"source/{source}/error", message)

    # -- listings ------------------------------------------------------------
    def listing(self, source: Source, url: str, callback, **cb_kwargs) -> scrapy.Request:
        """A conditional GET of a listing (feed, search API), never deduped."""
        headers = {}
        previous = self.store.latest(canonicalize(url), kinds=("listing",))
        if previous:
            if previous["etag"]:
                headers["If-None-Match"] = previous["etag"]
            if previous["last_modified"]:
                headers["If-Modified-Since"] = previous["last_modified"]
        return scrapy.Request(
            url, callback=callback, errback=self.failed, headers=headers, dont_filter=True,
            cb_kwargs={"source": source.name, **cb_kwargs},
            meta={"allow_private": source.allow_private, "listing": True, "source": source.name,
                  "handle_httpstatus_list": [304]})

    def listing_body(self, response, source: str) -> bytes | None:
        """The listing's body: kept in the raw store when new (200), read back
        from it when not modified (304); None (and counted failed) otherwise."""
        self.count(source, "fetched")
        if response.status == 304:
            previous = self.store.latest(canonicalize(response.url), kinds=("listing",))
            if previous:
                self.logger.info("%s not modified: %s", source, response.url)
                return self.store.read_body(previous)
        if response.status != 200:
            self.listing_failed(source, f"{response.url}: HTTP {response.status}")
            return None
        return response.body

    def keep_listing(self, response, source: str) -> Fetched:
        return self.fetched(response, source, "listing", {})

    # -- links and threads ---------------------------------------------------
    def follow(self, source: str, url: str, info: dict, changed_at: str | None = None,
               text_for_filter: str | None = None, callback=None):
        """A request for a linked article, or None when it is skipped (not
        http, pre-filtered out, over max_items, or already stored and not
        changed since ``changed_at`` (ISO 8601)). ``callback(response, source,
        info, refetch)`` defaults to :meth:`parse_article`."""
        config = self.sources[source]
        if not url or not url.startswith(("http://", "https://")):
            return None
        if config.prefilter and text_for_filter is not None:
            keywords = config.prefilter if isinstance(config.prefilter, list) else None
            if not prefilter.passes(text_for_filter, keywords):
                self.count(source, "skipped")
                self.crawler.stats.inc_value("prefilter/rejected")
                return None
        limit = self.max_items if self.max_items is not None else config.max_items
        if limit is not None and self.followed.get(source, 0) >= limit:
            return None
        canonical = canonicalize(url)
        if canonical in self.scheduled:
            self.count(source, "skipped")
            return None
        previous = self.store.latest(canonical)
        headers = {}
        if previous:
            if not changed_at or changed_at <= previous["fetched_at"]:
                self.count(source, "skipped")
                return None
            if previous["etag"]:
                headers["If-None-Match"] = previous["etag"]
            if previous["last_modified"]:
                headers["If-Modified-Since"] = previous["last_modified"]
        self.followed[source] = self.followed.get(source, 0) + 1
        self.scheduled.add(canonical)
        # Deduped here by canonical URL, so the scheduler's filter (which would
        # silently swallow the second hop of a redirect loop) is not needed,
        # except in a distributed crawl, where workers share its seen-set.
        return scrapy.Request(
            url, callback=callback or self.parse_article, errback=self.failed, headers=headers,
            dont_filter=bool(previous) or not self.store.shared_seen_set,
            cb_kwargs={"source": source, "info": info, "refetch": bool(previous)},
            meta={"allow_private": config.allow_private, "source": source,
                  "handle_httpstatus_list": [304]})

    def parse_article(self, response, source: str, info: dict, refetch: bool):
        self.count(source, "fetched")
        if response.status == 304:
            self.count(source, "skipped")
            return
        if not isinstance(response, scrapy.http.TextResponse):
            self.count(source, "skipped")
            return
        yield self.fetched(response, source, "article", info, refetch=refetch)

    def keep_thread(self, response, source: str, info: dict) -> Fetched:
        """An item for a forum thread (``info["text"]`` is the thread as text)."""
        return self.fetched(response, source, "thread", info)

    def fetched(self, response, source: str, kind: str, info: dict, refetch=False) -> Fetched:
        return Fetched(
            kind=kind, source=source, url=response.url,
            requested_url=response.request.meta.get("redirect_urls", [response.url])[0],
            status=response.status,
            headers=[(k, v) for k, values in response.headers.items() for v in values],
            request_headers=[(k, v) for k, values in response.request.headers.items()
                             for v in values],
            body=response.body, info=info, refetch=refetch)

    def closed(self, reason):
        if reason == "finished":
            stats = self.crawler.stats
            for name in self.sources:
                if stats.get_value(f"source/{name}/error"):
                    continue
                self.store.set_state(name, "last_crawl_at",
                                     stats.get_value("start_time").strftime(
                                         "%Y-%m-%dT%H:%M:%SZ"))


def http_date_to_iso(value: str | None) -> str | None:
    """An HTTP or RFC 822 date as UTC ISO 8601 (None if unparsable)."""
    try:
        return parsedate_to_datetime(value).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None
    except (TypeError, ValueError):
        return None
