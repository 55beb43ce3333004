"""The crawled-document item: one fetched response and where it came from."""

import scrapy


class Fetched(scrapy.Item):
    """A response to keep. ``kind`` is "listing" (a feed or API response),
    "article" (a page) or "thread" (a forum thread; ``item["text"]`` holds
    it as plain text). ``source`` names the sources.yml entry; ``via`` the
    listing URL the link came from. ``info`` is a dict kept with the record
    (title, summary, published, text, ...)."""

    kind = scrapy.Field()
    source = scrapy.Field()
    url = scrapy.Field()
    requested_url = scrapy.Field()
    canonical_url = scrapy.Field()
    status = scrapy.Field()
    headers = scrapy.Field()
    request_headers = scrapy.Field()
    body = scrapy.Field()
    info = scrapy.Field()
    refetch = scrapy.Field()
