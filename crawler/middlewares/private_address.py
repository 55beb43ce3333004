"""Refuse to fetch loopback, private and link-local addresses (SSRF guard)."""

from __future__ import annotations

import asyncio
import socket
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from crawler.urls import is_private_address


class PrivateAddressRefused(IgnoreRequest):
    """The request's host is or resolves to a non-public address."""


class PrivateAddressMiddleware:
    """Checks every request (redirects included: they come through again)
    before it is downloaded: when the host is, or resolves to, a
    non-public address (see :func:`crawler.urls.is_private_address`) the
    request fails with PrivateAddressRefused and ``ssrf/refused`` is counted,
    unless ``request.meta["allow_private"]`` is true (a source with
    ``allow_private: true``). robots.txt requests to a host an allowed
    request already went to are let through. A host that does not resolve
    is left to the downloader, which reports the DNS error.
    """

    def __init__(self, stats):
        self.stats = stats
        self.allowed_hosts: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    async def process_request(self, request, spider):
        host = urlsplit(request.url).hostname or ""
        if request.meta.get("allow_private"):
            self.allowed_hosts.add(host)
            return None
        if request.url.endswith("/robots.txt") and host in self.allowed_hosts:
            return None
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, None,
                                                                 type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return None
        addresses = {info[4][0] for info in infos}
        if any(is_private_address(address) for address in addresses):
            self.stats.inc_value("ssrf/refused")
            raise PrivateAddressRefused(f"refused {request.url}: {host} is a private, loopback or "
                                        f"link-local address (set allow_private: true to allow)")
        return None
