"""Item pipelines, one class per module, in the order of ITEM_PIPELINES."""


class CountingPipeline:
    """Base of the pipelines: keeps the crawl stats, where drops are counted."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)
