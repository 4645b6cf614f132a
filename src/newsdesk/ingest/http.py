"""A polite HTTP fetcher for feeds and the article pages their items link to.

:class:`Fetcher` wraps one ``httpx.Client`` and adds what a well-behaved news reader owes the
sites it reads:

* only ``http``/``https`` URLs, and only the URLs it is asked for (it never discovers links);
* a ``User-Agent`` that names newsdesk (``FeedOptions.user_agent``);
* conditional GET: ``etag``/``last_modified`` become ``If-None-Match``/``If-Modified-Since``
  and a ``304`` comes back as ``Response.not_modified``;
* a timeout per request (``FeedOptions.timeout``, also enforced over the whole download);
* a size cap (``FeedOptions.max_bytes``): the body is streamed and the download stops at the cap;
* a polite delay between two requests to one host (``FeedOptions.per_host_delay``), tracked in
  the fetcher instance (no globals), so one fetcher should serve one run;
* redirects followed by hand, bounded by ``FeedOptions.max_redirects``; loops are detected.

Every failure is a :class:`~newsdesk.errors.FetchError` naming the URL asked for and the cause
(``timed out after 20 s``, ``HTTP 404 Not Found``, ``redirect loop (a -> b -> a)``,
``response larger than 10 MB``, ...).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from newsdesk.errors import FetchError
from newsdesk.options import FeedOptions, Options

__all__ = ["Fetcher", "Response", "check_http_url", "host_key", "human_bytes"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
    "text/x-opml;q=0.9, text/html;q=0.8, application/xhtml+xml;q=0.8, */*;q=0.5"
)


@dataclass(slots=True)
class Response:
    """What one fetch returned (after redirects)."""

    url: str  # the URL the body came from, after redirects
    status: int
    headers: Mapping[str, str]  # case-insensitive (an ``httpx.Headers``)
    body: bytes = b""
    not_modified: bool = False  # the server answered 304 to a conditional GET
    requested: str = ""  # the URL asked for
    redirects: list[str] = field(default_factory=list)  # the URLs passed through, in order
    fetched: datetime | None = None  # when the response arrived (UTC)

    @property
    def content_type(self) -> str:
        """The media type, lowercased, without parameters (``""`` when absent)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


def human_bytes(n: int) -> str:
    """``10485760`` -> ``"10 MB"``; ``1500`` -> ``"1.5 kB"`` (binary units, short names)."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} bytes"


def host_key(url: str) -> str:
    """The key the per-host delay is kept under: host and port (``example.org:443``)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    port = port or (443 if parts.scheme.lower() == "https" else 80)
    return f"{host}:{port}"


def check_http_url(url: str) -> str | None:
    """Why ``url`` may not be fetched (a cause for a FetchError), or None when it may."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"only http and https URLs are fetched, not {parts.scheme or 'a relative URL'!r}"
    if not parts.hostname:
        return "URL has no host"
    return None


class Fetcher:
    """Fetches URLs politely (see the module docstring). Use as a context manager or call
    :meth:`close`. ``transport`` (an ``httpx.BaseTransport``) lets tests inject
    ``httpx.MockTransport``; ``clock`` and ``sleep`` let them control time; ``stop`` (an event)
    makes the per-host wait return early, raising a FetchError ``stopped``."""

    def __init__(
        self,
        options: FeedOptions | Options,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.options: FeedOptions = options.feeds if isinstance(options, Options) else options
        self._clock = clock
        self._sleep = sleep
        self._stop = stop
        self._last: dict[str, float] = {}  # host key -> clock() of the last request's start
        self._lock = threading.Lock()
        self.requests = 0  # requests sent (each redirect hop counts)
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(self.options.timeout),
            follow_redirects=False,
            headers={"User-Agent": self.options.user_agent, "Accept": _ACCEPT},
            trust_env=False,  # never route through a proxy taken from the environment
        )

    # --- lifecycle ----------------------------------------------------------------------------
    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- politeness -----------------------------------------------------------------------------
    def _wait_turn(self, url: str) -> None:
        """Sleep until ``per_host_delay`` has passed since the last request to this host."""
        key = host_key(url)
        delay = self.options.per_host_delay
        while True:
            with self._lock:
                now = self._clock()
                last = self._last.get(key)
                wait = 0.0 if last is None else last + delay - now
                if wait <= 0:
                    self._last[key] = now
                    return
            if self._sleep is not None:
                self._sleep(wait)
            elif self._stop is not None:
                if self._stop.wait(wait):
                    raise FetchError(url, "stopped before the request was sent")
            else:
                time.sleep(wait)

    # --- fetching -------------------------------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` (following redirects), conditionally when ``etag``/``last_modified`` are
        given. Returns the final :class:`Response` (``not_modified`` on 304); raises FetchError."""
        why = check_http_url(url)
        if why:
            raise FetchError(url, why)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        chain = [url]
        current = url
        while True:
            resp = self._get(url, current, headers)
            if resp.status in _REDIRECTS:
                location = resp.headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {resp.status} redirect without a Location header")
                target = urljoin(current, location.strip())
                why = check_http_url(target)
                if why:
                    raise FetchError(url, f"redirected to {target}: {why}")
                if target in chain:
                    loop = " -> ".join([*chain[chain.index(target):], target])
                    raise FetchError(url, f"redirect loop ({loop})")
                chain.append(target)
                if len(chain) - 1 > self.options.max_redirects:
                    raise FetchError(url, f"more than {self.options.max_redirects} redirects (last: {target})")
                current = target
                continue
            resp.requested = url
            resp.redirects = chain[:-1]
            if resp.status == 304:
                resp.not_modified = True
                return resp
            if resp.status >= 400:
                reason = _reason(resp.status)
                raise FetchError(url, f"HTTP {resp.status}{' ' + reason if reason else ''}"
                                 + (f" (at {current})" if current != url else ""))
            if resp.status >= 300 or resp.status < 200:
                raise FetchError(url, f"unexpected HTTP {resp.status}")
            return resp

    def _get(self, asked: str, url: str, headers: Mapping[str, str]) -> Response:
        """One request (no redirect following); the body is read only for a 2xx answer."""
        self._wait_turn(url)
        timeout = self.options.timeout
        cap = self.options.max_bytes
        started = time.monotonic()
        self.requests += 1
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                body = b""
                if 200 <= r.status_code < 300:
                    declared = r.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > cap:
                        raise FetchError(asked, f"response larger than {human_bytes(cap)} "
                                                f"(Content-Length {human_bytes(int(declared))})")
                    parts: list[bytes] = []
                    size = 0
                    for chunk in r.iter_bytes():
                        size += len(chunk)
                        if size > cap:
                            raise FetchError(asked, f"response larger than {human_bytes(cap)}")
                        if time.monotonic() - started > timeout:
                            raise FetchError(asked, f"timed out after {timeout:g} s")
                        parts.append(chunk)
                    body = b"".join(parts)
                return Response(url=str(r.url), status=r.status_code, headers=r.headers, body=body,
                                fetched=datetime.now(UTC))
        except httpx.TimeoutException:
            raise FetchError(asked, f"timed out after {timeout:g} s") from None
        except httpx.TooManyRedirects:  # pragma: no cover - redirects are followed by hand
            raise FetchError(asked, "too many redirects") from None
        except httpx.ConnectError as exc:
            raise FetchError(asked, f"cannot connect ({_short(exc)})") from None
        except httpx.DecodingError as exc:
            raise FetchError(asked, f"cannot decode the response ({_short(exc)})") from None
        except httpx.HTTPError as exc:
            raise FetchError(asked, f"{type(exc).__name__} ({_short(exc)})") from None


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
