"""Keep an article or thread once, even when two spiders reach it at the same time."""

from scrapy.exceptions import DropItem

from crawler.pipelines import CountingPipeline


class DuplicatePipeline(CountingPipeline):
    """Drops an article or thread whose canonical URL is already in the raw
    store (unless the spider re-fetched it on purpose because it changed),
    counting them as ``pipeline/dropped/duplicate``."""

    def process_item(self, item, spider):
        if item["kind"] != "listing" and not item.get("refetch") \
                and spider.store.latest(item["canonical_url"]) is not None:
            self.stats.inc_value("pipeline/dropped/duplicate")
            self.stats.inc_value(f"source/{item['source']}/skipped")
            raise DropItem(f"already stored: {item['canonical_url']}")
        return item
