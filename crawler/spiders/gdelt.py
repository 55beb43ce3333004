"""kind: gdelt: the GDELT DOC 2.0 API (mode=artlist, JSON) for each query."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urlencode

from crawler.spiders.base import SourceSpider

API = "https://api.gdeltproject.org/api/v2/doc/doc"


def _seen_date(value: str | None) -> str | None:
    """GDELT's 20251217T103000Z as ISO 8601."""
    try:
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").strftime("%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError):
        return None


class GdeltSpider(SourceSpider):
    """Keys: ``queries``; optional ``api`` and ``timespan`` (default 1w, or
    since the last completed crawl). Articles pass the pre-filter on their title."""

    name = "gdelt"

    def source_requests(self, source):
        since = self.store.get_state(source.name, "last_crawl_at")
        for query in source.options["queries"]:
            params = {"query": query, "mode": "artlist", "format": "json", "maxrecords": 250,
                      "sort": "datedesc"}
            if since and "timespan" not in source.options:
                params["startdatetime"] = since.replace("-", "").replace(":", "").replace("T", "")[:14]
            else:
                params["timespan"] = source.options.get("timespan", "1w")
            url = f"{source.options.get('api', API)}?{urlencode(params)}"
            yield self.listing(source, url, self.parse_artlist)

    def parse_artlist(self, response, source: str):
        body = self.listing_body(response, source)
        if body is None:
            return
        try:
            articles = json.loads(body).get("articles", [])
        except (ValueError, AttributeError) as error:
            self.listing_failed(source, f"{response.url}: not GDELT JSON ({error})")
            return
        if response.status == 200:
            yield self.keep_listing(response, source)
        for article in articles:
            info = {"title": article.get("title"), "published": _seen_date(article.get("seendate")),
                    "publisher": article.get("domain"), "language": article.get("language"),
                    "via": response.url}
            request = self.follow(source, article.get("url"), info,
                                  text_for_filter=article.get("title") or "")
            if request is not None:
                yield request
