"""A cache of GET answers, and a ``Server-Timing`` header on every answer.

Many clients ask for the same few pages (every open front page polls the latest stories each
30 seconds; searches repeat), so a successful GET answer of the API is kept and served again,
byte for byte, to the same URL without touching the database, for as long as it is still the
answer:

- with a ``version`` function (the SQLite store's ``PRAGMA data_version``, which changes as
  soon as any other connection or process commits), an answer is served only while the
  database is unchanged, for at most ``unchanged_seconds``: never stale;
- without one, for ``seconds`` (``serve.cache_seconds``, 2 s by default): reports ingested
  by another process show within that time.

A report posted through ``POST /articles`` clears the cache. ``seconds`` = 0 turns it off.
Answers say ``X-Cache: hit`` or ``miss``. At most ``MAX_ENTRIES`` answers are kept (least
recently used go first), of at most ``MAX_BYTES`` in all.

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
MAX_BYTES = 64 << 20  # all kept answers together (answers now live minutes, not seconds)


class CacheMiddleware:
    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], seconds: float,
                 version: Callable[[], Any] | None = None, unchanged_seconds: float = 300.0) -> None:
        self.app = app
        self.seconds = float(seconds)
        self.version = version
        self.unchanged_seconds = float(unchanged_seconds)
        self.entries: OrderedDict[bytes, tuple[float, Any, list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self.bytes = 0  # the bodies kept
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
        version = None
        if cacheable:
            version = self._version()
            entry = self.entries.get(key)
            if entry is not None and entry[0] > time.monotonic() and entry[1] == version:
                self.hits += 1
                self.entries.move_to_end(key)
                _, _, headers, body = entry
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
                    if len(body) <= MAX_BODY:  # tagged with the version read before the answer was made
                        life = self.seconds if version is None else self.unchanged_seconds
                        old = self.entries.pop(key, None)
                        if old is not None:
                            self.bytes -= len(old[3])
                        self.entries[key] = (time.monotonic() + life, version, kept, body)
                        self.bytes += len(body)
                        while len(self.entries) > MAX_ENTRIES or self.bytes > MAX_BYTES:
                            self.bytes -= len(self.entries.popitem(last=False)[1][3])
            await send(message)

        await self.app(scope, receive, capture)
        if method == "POST" and status in (200, 201):
            self.entries.clear()  # new reports: every cached answer may be stale
            self.bytes = 0


    def _version(self) -> Any:
        """The store's data version (None: unknown, the time bound alone applies)."""
        return None if self.version is None else self.version()


def _timing(started: float) -> tuple[bytes, bytes]:
    return b"server-timing", f"app;dur={(time.perf_counter() - started) * 1000:.2f}".encode()
