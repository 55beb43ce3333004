"""kind: hackernews: Hacker News Algolia search; the story's article and its comment thread."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from urllib.parse import urlencode

from crawler.spiders.base import SourceSpider
from crawler.spiders.threads import html_to_text, iso_from_epoch

API = "https://hn.algolia.com/api/v1"


class HackernewsSpider(SourceSpider):
    """Keys: ``queries``; optional ``api`` and ``min_points``. Searches
    stories by date since the last completed crawl, follows each story's
    URL, and keeps the story's comment thread (items API) as a thread."""

    name = "hackernews"

    def source_requests(self, source):
        api = source.options.get("api", API)
        since = self.store.get_state(source.name, "last_crawl_at")
        for query in source.options["queries"]:
            params = {"query": query, "tags": "story", "hitsPerPage": 100}
            if since:
                epoch = int(datetime.strptime(since, "%Y-%m-%dT%H:%M:%SZ")
                            .replace(tzinfo=timezone.utc).timestamp()) - 3600
                params["numericFilters"] = f"created_at_i>{epoch}"
            yield self.listing(source, f"{api}/search_by_date?{urlencode(params)}",
                               self.parse_search, api=api)

    def parse_search(self, response, source: str, api: str):
        body = self.listing_body(response, source)
        if body is None:
            return
        hits = json.loads(body).get("hits", [])
        if response.status == 200:
            yield self.keep_listing(response, source)
        minimum = self.sources[source].options.get("min_points", 0)
        for hit in hits:
            if (hit.get("points") or 0) < minimum or not hit.get("objectID"):
                continue
            story = hit["objectID"]
            info = {"title": hit.get("title"), "published": hit.get("created_at"),
                    "discussion": f"https://news.ycombinator.com/item?id={story}",
                    "points": hit.get("points"), "via": response.url}
            for request in (self.follow(source, hit.get("url"), info),
                            self.follow(source, f"{api}/items/{story}", info,
                                        callback=self.parse_thread)):
                if request is not None:
                    yield request

    def parse_thread(self, response, source: str, info: dict, refetch: bool):
        self.count(source, "fetched")
        item = json.loads(response.body)
        lines = [html_to_text(item.get("text") or "")]

        def walk(node, depth):
            for child in node.get("children") or []:
                if child.get("text"):
                    indent = "  " * depth
                    lines.append(f"{indent}{child.get('author') or '[deleted]'}: "
                                 f"{html_to_text(child['text'])}")
                walk(child, depth + 1)

        walk(item, 0)
        title = item.get("title") or info.get("title") or f"Hacker News item {item.get('id')}"
        text = "\n\n".join(line for line in lines if line.strip())
        yield self.keep_thread(response, source, {
            **info, "title": title, "text": text, "url": info["discussion"],
            "published": iso_from_epoch(item.get("created_at_i")) or info.get("published")})
