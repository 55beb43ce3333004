"""Drop responses with nothing to keep."""

from scrapy.exceptions import DropItem

from crawler.pipelines import CountingPipeline


class EmptyBodyPipeline(CountingPipeline):
    """Drops items whose body is empty (and threads with no text), counting
    them in the stats as ``pipeline/dropped/empty``."""

    def process_item(self, item, spider):
        empty = not item.get("body") or (item["kind"] == "thread" and not item["info"].get("text"))
        if empty:
            self.stats.inc_value("pipeline/dropped/empty")
            self.stats.inc_value(f"source/{item['source']}/skipped")
            raise DropItem(f"empty response: {item['url']}")
        return item
