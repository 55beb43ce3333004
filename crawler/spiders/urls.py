"""kind: urls: a fixed backlog of report URLs (``urls`` list or ``file``), each fetched once."""

from crawler.spiders.base import SourceSpider


class UrlsSpider(SourceSpider):
    """Keys: ``urls`` (a list) or ``file`` (one URL a line, # comments).
    No pre-filter: the list is curated. A URL already stored is not fetched again."""

    name = "urls"

    def source_requests(self, source):
        for url in source.options["urls"]:
            request = self.follow(source.name, url, {"via": source.options.get("file", "sources.yml")})
            if request is not None:
                request.meta["listing"] = True  # a failure is worth reporting
                yield request
