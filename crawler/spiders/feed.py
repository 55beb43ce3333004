"""kind: feed: an RSS, Atom or JSON Feed; relevant items are followed to the article."""

from __future__ import annotations

import calendar
import json
import time
from datetime import datetime, timezone

import feedparser

from crawler.spiders.base import SourceSpider


def _iso(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))


def _rfc3339(value) -> str | None:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def json_feed_entries(body: bytes) -> list[dict] | None:
    """Entries of a JSON Feed (jsonfeed.org, which feedparser 6.0 does not read)
    in feedparser's shape (link, title, summary, published/updated as ISO), or
    None when the body is not a JSON Feed."""
    if not body.lstrip().startswith(b"{"):
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if "jsonfeed.org" not in str(data.get("version", "")):
        return None
    return [{"link": item.get("url") or item.get("external_url") or item.get("id"),
             "title": item.get("title") or "", "summary": item.get("summary") or
             item.get("content_text") or "", "published": _rfc3339(item.get("date_published")),
             "updated": _rfc3339(item.get("date_modified") or item.get("date_published"))}
            for item in data.get("items", []) if isinstance(item, dict)]


class FeedSpider(SourceSpider):
    """Keys: ``url``. Items whose title and summary pass the pre-filter are
    followed (``prefilter: false`` follows all); an item updated after its
    article was fetched is fetched again (conditional GET)."""

    name = "feed"

    def source_requests(self, source):
        yield self.listing(source, source.options["url"], self.parse_feed)

    def parse_feed(self, response, source: str):
        body = self.listing_body(response, source)
        if body is None:
            return
        entries, problem = json_feed_entries(body), "no items"
        if entries is None:
            parsed = feedparser.parse(body, response_headers={
                "content-location": response.url,
                "content-type": response.headers.get("Content-Type", b"").decode("latin-1")})
            entries = [{"link": e.get("link") or e.get("id"), "title": e.get("title", ""),
                        "summary": e.get("summary", ""), "published": _iso(e.get("published_parsed")),
                        "updated": _iso(e.get("updated_parsed"))} for e in parsed.entries]
            problem = parsed.get("bozo_exception") or problem
        entries = [e for e in entries if e["link"]]
        if not entries:
            self.listing_failed(source, f"{response.url}: not a usable feed ({problem})")
            return
        if response.status == 200:
            yield self.keep_listing(response, source)
        for entry in entries:
            title, summary = entry["title"], entry["summary"]
            info = {"title": title, "summary": summary[:2000], "via": response.url,
                    "published": entry["published"], "updated": entry["updated"]}
            request = self.follow(source, entry["link"], info, changed_at=entry["updated"],
                                  text_for_filter=f"{title}\n{summary}")
            if request is not None:
                yield request
