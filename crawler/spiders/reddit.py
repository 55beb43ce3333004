"""kind: reddit: Reddit search JSON per subreddit and query; post + comments as a thread."""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit

from crawler.spiders.base import SourceSpider
from crawler.spiders.threads import iso_from_epoch

API = "https://www.reddit.com"


class RedditSpider(SourceSpider):
    """Keys: ``subreddits``, ``queries``; optional ``api``. Each post's
    selftext and comments become a thread; a post linking elsewhere has its
    article followed."""

    name = "reddit"

    def source_requests(self, source):
        api = source.options.get("api", API)
        for subreddit in source.options["subreddits"]:
            for query in source.options["queries"]:
                params = {"q": query, "restrict_sr": 1, "sort": "new", "t": "month",
                          "limit": 100, "raw_json": 1}
                url = f"{api}/r/{subreddit}/search.json?{urlencode(params)}"
                yield self.listing(source, url, self.parse_search, api=api)

    def parse_search(self, response, source: str, api: str):
        body = self.listing_body(response, source)
        if body is None:
            return
        posts = [c["data"] for c in json.loads(body).get("data", {}).get("children", [])
                 if c.get("kind") == "t3"]
        if response.status == 200:
            yield self.keep_listing(response, source)
        for post in posts:
            permalink = post.get("permalink", "")
            info = {"title": post.get("title"), "published": iso_from_epoch(post.get("created_utc")),
                    "discussion": f"https://www.reddit.com{permalink}",
                    "subreddit": post.get("subreddit"), "via": response.url}
            link = post.get("url") or ""
            if not post.get("is_self") and "reddit.com" not in (urlsplit(link).hostname or ""):
                request = self.follow(source, link, info)
                if request is not None:
                    yield request
            if permalink:
                request = self.follow(source, f"{api}{permalink.rstrip('/')}.json?raw_json=1&limit=500",
                                      info, callback=self.parse_thread)
                if request is not None:
                    yield request

    def parse_thread(self, response, source: str, info: dict, refetch: bool):
        self.count(source, "fetched")
        listings = json.loads(response.body)
        post = listings[0]["data"]["children"][0]["data"]
        lines = [post.get("selftext") or ""]

        def walk(children, depth):
            for child in children:
                if child.get("kind") != "t1":
                    continue
                data = child["data"]
                lines.append(f"{'  ' * depth}{data.get('author') or '[deleted]'}: {data.get('body', '')}")
                replies = data.get("replies")
                if isinstance(replies, dict):
                    walk(replies["data"]["children"], depth + 1)

        walk(listings[1]["data"]["children"] if len(listings) > 1 else [], 0)
        yield self.keep_thread(response, source, {
            **info, "title": post.get("title") or info.get("title"),
            "text": "\n\n".join(line for line in lines if line.strip()),
            "url": f"https://www.reddit.com{post.get('permalink', '')}"})
