"""Give every item its canonical URL (the dedupe key)."""

from crawler.urls import canonicalize


class CanonicalUrlPipeline:
    """Sets ``canonical_url`` from the URL the spider asked for (before redirects)."""

    def process_item(self, item, spider):
        item["canonical_url"] = canonicalize(item.get("requested_url") or item["url"])
        return item
