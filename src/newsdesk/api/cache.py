"""A short-lived cache of GET answers, and a ``Server-Timing`` header on every answer.

Many clients poll the same few pages (every open front page asks for the latest stories each
30 seconds), so a successful GET answer of the API is kept for ``serve.cache_seconds`` (2 s by
default) and served again, byte for byte, to the same URL without touching the database. A
report posted through ``POST /articles`` clears the cache; reports ingested by another process
show within the cache's lifetime. Answers say ``X-Cache: hit`` or ``miss``.

Pure ASGI (no per-request task or thread), so a hit costs a dictionary lookup.
``Server-Timing: app;dur=<ms>`` gives the time the server spent on the request, which lets
the load benchmark tell server time from queueing.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["CACHED_PREFIXES", "CacheMiddleware"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

CACHED_PREFIXES = ("/stories", "/search", "/events", "/figures", "/articles")
MAX_ENTRIES = 4096
MAX_BODY = 1 << 20


class CacheMiddleware:
    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], seconds: float) -> None:
        self.app = app
        self.seconds = float(seconds)
        self.entries: OrderedDict[bytes, tuple[float, list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        method, path = scope["method"], scope["path"]
        cacheable = self.seconds > 0 and method == "GET" and path.startswith(CACHED_PREFIXES)
        key = path.encode() + b"?" + scope.get("query_string", b"")
        if cacheable:
            entry = self.entries.get(key)
            if entry is not None and entry[0] > time.monotonic():
                self.hits += 1
                self.entries.move_to_end(key)
                _, headers, body = entry
                await send({"type": "http.response.start", "status": 200,
                            "headers": [*headers, (b"x-cache", b"hit"), _timing(started)]})
                await send({"type": "http.response.body", "body": body})
                return
            self.misses += 1
        status = 0
        kept: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                kept.extend(message.get("headers", []))
                extra = [_timing(started)]
                if cacheable:
                    extra.append((b"x-cache", b"miss"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            elif message["type"] == "http.response.body" and cacheable and status == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    body = b"".join(chunks)
                    if len(body) <= MAX_BODY:
                        self.entries[key] = (time.monotonic() + self.seconds, kept, body)
                        self.entries.move_to_end(key)
                        while len(self.entries) > MAX_ENTRIES:
                            self.entries.popitem(last=False)
            await send(message)

        await self.app(scope, receive, capture)
        if method == "POST" and status in (200, 201):
            self.entries.clear()  # new reports: every cached answer may be stale


def _timing(started: float) -> tuple[bytes, bytes]:
    return b"server-timing", f"app;dur={(time.perf_counter() - started) * 1000:.2f}".encode()
