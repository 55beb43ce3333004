"""A bare Scrapy spider: fetch every URL of a file, keep nothing (the benchmark's baseline).

Usage: python bench/bare_spider.py URLS_FILE [NAME=VALUE ...]; prints the pages fetched.
"""

import sys

import scrapy
from scrapy.crawler import CrawlerProcess


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls_file, **kwargs):
        super().__init__(**kwargs)
        self.urls = open(urls_file).read().split()
        self.pages = 0

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response):
        self.pages += 1


if __name__ == "__main__":
    settings = dict(pair.split("=", 1) for pair in sys.argv[2:])
    process = CrawlerProcess({"LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False, **settings})
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, urls_file=sys.argv[1])
    process.start()
    print(crawler.spider.pages)
