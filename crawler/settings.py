"""Scrapy settings of the Blast Radius crawler: polite by default.

robots.txt is obeyed, AutoThrottle adapts the pace to each server, at most two
requests at a time go to one domain, failed requests are retried with
exponential backoff, and every download has a timeout and a size cap. The
crawler's own settings are RAW_STORE_DIR (where the raw store lives),
SOURCES_FILE, and RETRY_BACKOFF_BASE / RETRY_BACKOFF_MAX (seconds).
"""

import os

# Where site owners can learn about the crawler: set KB_CRAWLER_URL to the
# page of your deployment (the project's home until it has a public one).
PROJECT_URL = os.environ.get("KB_CRAWLER_URL", "https://github.com/blast-radius-kb/blast-radius")

BOT_NAME = "blast-radius"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
USER_AGENT = f"BlastRadiusBot/0.1 (+{PROJECT_URL}; AI agent incident knowledge base)"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 60.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.private_address.PrivateAddressMiddleware": 50,
    "crawler.middlewares.backoff.RetryBackoffMiddleware": 560,
}
ITEM_PIPELINES = {
    "crawler.pipelines.canonical.CanonicalUrlPipeline": 100,
    "crawler.pipelines.empty.EmptyBodyPipeline": 200,
    "crawler.pipelines.dedupe.DuplicatePipeline": 300,
    "crawler.pipelines.raw_store.RawStorePipeline": 900,
}

RAW_STORE_DIR = "data/raw"
SOURCES_FILE = None  # None: crawler/sources.yml

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
