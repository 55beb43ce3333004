"""Wait before a retry: exponential backoff for requests the retry middleware re-sends."""

from __future__ import annotations

import asyncio


class RetryBackoffMiddleware:
    """Delays the n-th retry of a request by RETRY_BACKOFF_BASE * 2**(n-1)
    seconds, at most RETRY_BACKOFF_MAX (settings; seconds, floats allowed).
    Other requests pass untouched."""

    def __init__(self, base: float, maximum: float):
        self.base = base
        self.maximum = maximum

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getfloat("RETRY_BACKOFF_BASE", 1.0),
                   crawler.settings.getfloat("RETRY_BACKOFF_MAX", 60.0))

    async def process_request(self, request, spider):
        attempt = request.meta.get("retry_times", 0)
        if attempt and self.base > 0:
            await asyncio.sleep(min(self.maximum, self.base * 2 ** (attempt - 1)))
        return None
