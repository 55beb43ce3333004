"""Hand each item to the raw store (WARC plus index)."""

from crawler.pipelines import CountingPipeline


class RawStorePipeline(CountingPipeline):
    """Writes the item's response to the spider's WARC file and indexes it;
    counts ``pipeline/stored`` and, for articles and threads, the source's
    ``kept``."""

    def process_item(self, item, spider):
        spider.store.add(
            spider.name, kind=item["kind"], source=item["source"], url=item["url"],
            canonical_url=item["canonical_url"], status=item["status"], headers=item["headers"],
            body=item["body"], request_headers=item["request_headers"], item=item["info"],
            refetch=bool(item.get("refetch")))
        self.stats.inc_value("pipeline/stored")
        if item["kind"] != "listing":
            self.stats.inc_value(f"source/{item['source']}/kept")
        return item
