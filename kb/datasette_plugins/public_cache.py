"""A response cache for the public server (``kb serve --public``).

The public build is immutable, so an answer to a GET never changes while
the server runs: this ASGI wrapper keeps up to N complete 200 answers in
memory (least recently used dropped first) and replays them, which keeps a
burst of readers on the same pages (a story linking to an incident, a feed
polled by many readers) from queueing behind SQLite and HTML rendering.

Active only when the metadata's ``plugins`` has ``kb-public-cache:
{entries: N}`` with N > 0 (kb.serve.make_datasette sets it in public mode).
Answers are keyed on scheme, host, path and query string; requests carrying
cookies or an Authorization header, non-GET requests and answers over
:data:`MAX_BODY_BYTES` are never cached.
"""

from __future__ import annotations

from collections import OrderedDict

from datasette import hookimpl

PLUGIN_NAME = "kb-public-cache"
MAX_BODY_BYTES = 2_000_000


class ResponseCache:
    """Least-recently-used map of request key -> (start message, body bytes)."""

    def __init__(self, entries: int):
        self.entries = entries
        self.items: OrderedDict = OrderedDict()

    def get(self, key):
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
        return found

    def put(self, key, value) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.entries:
            self.items.popitem(last=False)


def _cacheable_request(scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    names = {name.lower() for name, _ in scope.get("headers", [])}
    return not names & {b"cookie", b"authorization"}


def _key(scope):
    headers = dict(scope.get("headers", []))
    return (scope.get("scheme"), headers.get(b"host"), scope["path"], scope.get("query_string"))


@hookimpl
def asgi_wrapper(datasette):
    """Wrap the app with the cache when the plugin is configured (else unchanged)."""
    entries = int((datasette.plugin_config(PLUGIN_NAME) or {}).get("entries") or 0)

    def wrap(app):
        if entries <= 0:
            return app
        cache = ResponseCache(entries)

        async def cached_app(scope, receive, send):
            if not _cacheable_request(scope):
                return await app(scope, receive, send)
            key = _key(scope)
            hit = cache.get(key)
            if hit is not None:
                start, body = hit
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            start, chunks, size = None, [], 0
            keep = True

            async def capture(message):
                nonlocal start, size, keep
                if message["type"] == "http.response.start":
                    start = message
                    keep = message.get("status") == 200
                elif message["type"] == "http.response.body" and keep:
                    chunks.append(message.get("body", b""))
                    size += len(chunks[-1])
                    keep = size <= MAX_BODY_BYTES
                    if keep and not message.get("more_body"):
                        cache.put(key, (start, b"".join(chunks)))
                await send(message)

            await app(scope, receive, capture)

        return cached_app

    return wrap
