"""A loopback news site for tests: RSS 2.0 and Atom feeds, OPML lists and article pages built at
test time from real Wikinews reports (``../shared/bench/geo_geovirus.jsonl``), plus the faults a
feed reader meets in the wild (slow answers, 404/500, redirect loops and long chains, bodies that
are not XML, oversized bodies, items whose link is dead).

Usage::

    items = wikinews_items(bench_dir, 5)
    with FeedServer() as server:
        site = build_site(server, items)      # /feed.rss, /feed.atom, /article/<n>.html, faults
        ... server.url("/feed.rss") ...
        server.log                            # every request: time, path, headers, client

The server binds 127.0.0.1 on a free port, answers each request in its own thread, honours
``If-None-Match`` / ``If-Modified-Since`` on the pages registered as conditional, and records
every request it receives (``server.log``). Nothing here touches the network beyond loopback.
"""

from __future__ import annotations

import hashlib
import html
import ipaddress
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import escape

__all__ = [
    "FeedServer",
    "Item",
    "LoopbackGuard",
    "Request",
    "Site",
    "article_html",
    "atom_feed",
    "build_site",
    "opml_doc",
    "rss_feed",
    "wikinews_items",
]

BASE_DATE = datetime(2014, 10, 1, 8, 0, tzinfo=UTC)


# --- content ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Item:
    """One report served by the site (text from the shared bench set)."""

    key: str
    title: str
    text: str
    source_url: str  # where the report lives on Wikinews (used only as a canonical link)
    published: datetime
    author: str = "Wikinews contributors"
    path: str = ""  # path of its article page on the test server

    def paragraphs(self) -> list[str]:
        """The text cut into paragraphs of about three sentences (the bench texts have none)."""
        sentences = re.split(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])", self.text)
        return [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]


def wikinews_items(bench_dir: Path, n: int, *, offset: int = 0) -> list[Item]:
    """``n`` reports with distinct URLs from the GeoVirus set (Wikinews), titles taken from their
    URLs, publication times one hour apart."""
    items: list[Item] = []
    seen: set[str] = set()
    skipped = 0
    with open(bench_dir / "geo_geovirus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            url = rec.get("url") or ""
            if not url or url in seen:
                continue
            seen.add(url)
            if skipped < offset:
                skipped += 1
                continue
            title = unquote(url.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ")
            k = len(items)
            items.append(Item(key=f"{offset + k}", title=title, text=rec["text"], source_url=url,
                              published=BASE_DATE + timedelta(hours=offset + k)))
            if len(items) == n:
                break
    return items


def article_html(item: Item, *, canonical: bool = True) -> str:
    """A news page: site chrome (nav, footer, links to other hosts) around one article."""
    paras = "\n".join(f"      <p>{html.escape(p)}</p>" for p in item.paragraphs())
    canon = f'<link rel="canonical" href="{html.escape(item.source_url)}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head>
  <meta charset="utf-8">
  <title>{html.escape(item.title)} - Test Wire</title>
  {canon}
  <meta name="author" content="{html.escape(item.author)}">
  <meta property="og:site_name" content="Test Wire">
  <meta property="article:published_time" content="{item.published.isoformat()}">
  <link rel="stylesheet" href="https://cdn.example.com/site.css">
  <script src="https://cdn.example.com/track.js"></script>
</head><body>
  <nav><a href="/">Home</a> | <a href="https://www.example.org/world">World</a> |
       <a href="https://www.example.org/sports">Sports</a></nav>
  <main>
    <article>
      <h1>{html.escape(item.title)}</h1>
      <p class="byline">By {html.escape(item.author)}</p>
      <img src="https://images.example.net/{item.key}.jpg" alt="">
{paras}
    </article>
  </main>
  <footer><p>Test Wire is a loopback site for newsdesk tests. Text from
  <a href="{html.escape(item.source_url)}">Wikinews</a>, CC BY 2.5.</p></footer>
</body></html>
"""


def rss_feed(items: Sequence[Item], base: str, *, title: str = "Test Wire",
             links: Sequence[str] | None = None) -> bytes:
    """An RSS 2.0 document; item links point at ``base + item.path`` unless ``links`` says
    otherwise. Carries an image, enclosures and a comments link that must never be fetched."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel>",
        f"<title>{escape(title)}</title>",
        f"<link>{escape(base)}/</link>",
        "<description>Reports for newsdesk tests</description>",
        ("<image><url>https://images.example.net/logo.png</url>"
         f"<title>{escape(title)}</title><link>{escape(base)}/</link></image>"),
    ]
    for i, it in enumerate(items):
        link = links[i] if links is not None else base + it.path
        out += [
            "<item>",
            f"<title>{escape(it.title)}</title>",
            f"<link>{escape(link)}</link>",
            f'<guid isPermaLink="false">test-wire-{escape(it.key)}</guid>',
            f"<pubDate>{format_datetime(it.published)}</pubDate>",
            f"<dc:creator>{escape(it.author)}</dc:creator>",
            f"<description>{escape(it.paragraphs()[0])}</description>",
            f'<enclosure url="https://media.example.net/{escape(it.key)}.mp3" length="1" type="audio/mpeg"/>',
            f"<comments>https://comments.example.net/{escape(it.key)}</comments>",
            "</item>",
        ]
    out += ["</channel>", "</rss>"]
    return "\n".join(out).encode("utf-8")


def atom_feed(items: Sequence[Item], base: str, *, title: str = "Test Wire (Atom)") -> bytes:
    """An Atom 1.0 document whose entries link to the article pages."""
    updated = max((it.published for it in items), default=BASE_DATE)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title>",
        f'<link rel="self" href="{escape(base)}/feed.atom"/>',
        f"<id>urn:test-wire:{escape(title)}</id>",
        f"<updated>{updated.isoformat()}</updated>",
    ]
    for it in items:
        out += [
            "<entry>",
            f"<title>{escape(it.title)}</title>",
            f'<link rel="alternate" href="{escape(base + it.path)}"/>',
            f"<id>urn:test-wire:{escape(it.key)}</id>",
            f"<published>{it.published.isoformat()}</published>",
            f"<updated>{it.published.isoformat()}</updated>",
            f"<author><name>{escape(it.author)}</name></author>",
            f"<summary>{escape(it.paragraphs()[0])}</summary>",
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(out).encode("utf-8")


def opml_doc(feeds: Sequence[tuple[str, str]], *, nested: bool = True) -> bytes:
    """An OPML 2.0 list of ``(title, url)`` feeds; with ``nested`` the second half sits in a folder."""
    half = len(feeds) // 2 if nested else len(feeds)

    def outline(t: str, u: str) -> str:
        return f'<outline type="rss" text="{escape(t)}" title="{escape(t)}" xmlUrl="{escape(u)}"/>'

    body = [outline(t, u) for t, u in feeds[:half]]
    if nested and feeds[half:]:
        body.append('<outline text="Folder">' + "".join(outline(t, u) for t, u in feeds[half:]) + "</outline>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0"><head><title>Test feeds</title>'
            f"</head><body>{''.join(body)}</body></opml>").encode()


# --- server ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Request:
    time: float  # time.monotonic() when the request line was read
    method: str
    path: str
    headers: dict[str, str]
    client: str
    status: int = 0


@dataclass(slots=True)
class _Route:
    handler: Callable[[_Handler, Request], None]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        req = Request(time=time.monotonic(), method="GET", path=self.path,
                      headers={k.lower(): v for k, v in self.headers.items()}, client=self.client_address[0])
        owner = self.server.owner
        with owner._lock:
            owner.log.append(req)
        route = owner.routes.get(urlsplit(self.path).path)
        if route is None:
            self.reply(req, 404, b"not found", "text/plain")
            return
        try:
            route.handler(self, req)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def reply(self, req: Request, status: int, body: bytes = b"", ctype: str = "text/plain",
              headers: dict[str, str] | None = None, length: bool = True) -> None:
        req.status = status
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if body:
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: FeedServer


class FeedServer:
    """An HTTP server on 127.0.0.1 (free port) in a background thread, with a request log."""

    def __init__(self) -> None:
        self.routes: dict[str, _Route] = {}
        self.log: list[Request] = []
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self.port = self._httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True, name="feedserver")

    # --- lifecycle ------------------------------------------------------------------------------
    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- helpers --------------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return self.base + path

    def requests_for(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.log if urlsplit(r.path).path == path]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    # --- routes ---------------------------------------------------------------------------------
    def add(self, path: str, body: bytes | str, ctype: str = "text/html; charset=utf-8", *,
            conditional: bool = False, last_modified: datetime = BASE_DATE) -> None:
        """A static page; ``conditional`` pages send ETag/Last-Modified and answer 304."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        lm = format_datetime(last_modified.astimezone(UTC), usegmt=True)

        def handle(h: _Handler, req: Request) -> None:
            if not conditional:
                h.reply(req, 200, data, ctype)
                return
            extra = {"ETag": etag, "Last-Modified": lm}
            inm = req.headers.get("if-none-match")
            ims = req.headers.get("if-modified-since")
            if inm is not None:
                fresh = etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
            elif ims is not None:
                try:
                    fresh = parsedate_to_datetime(ims) >= last_modified.replace(microsecond=0)
                except (TypeError, ValueError):
                    fresh = False
            else:
                fresh = False
            if fresh:
                h.reply(req, 304, b"", ctype, extra, length=False)
            else:
                h.reply(req, 200, data, ctype, extra)

        self.routes[path] = _Route(handle)

    def add_status(self, path: str, status: int, body: bytes = b"error page") -> None:
        self.routes[path] = _Route(lambda h, req: h.reply(req, status, body, "text/html"))

    def add_redirect(self, path: str, to: str, status: int = 302) -> None:
        target = to if "://" in to else self.url(to)
        self.routes[path] = _Route(lambda h, req: h.reply(req, status, b"", "text/plain", {"Location": target}))

    def add_slow(self, path: str, seconds: float, body: bytes = b"<rss version='2.0'/>",
                 ctype: str = "application/rss+xml") -> None:
        """Waits ``seconds`` before answering (returns early when the server closes)."""

        def handle(h: _Handler, req: Request) -> None:
            self._closing.wait(seconds)
            h.reply(req, 200, body, ctype)

        self.routes[path] = _Route(handle)

    def add_big(self, path: str, nbytes: int, *, declare_length: bool, ctype: str = "application/rss+xml") -> None:
        """A body of ``nbytes`` sent in 64 kB chunks, with or without a Content-Length."""

        def handle(h: _Handler, req: Request) -> None:
            req.status = 200
            h.send_response(200)
            h.send_header("Content-Type", ctype)
            if declare_length:
                h.send_header("Content-Length", str(nbytes))
            h.end_headers()
            chunk = b"<!-- " + b"x" * (65536 - 9) + b" -->\n"
            sent = 0
            while sent < nbytes and not self._closing.is_set():
                part = chunk[: nbytes - sent]
                h.wfile.write(part)
                sent += len(part)

        self.routes[path] = _Route(handle)


# --- a whole site -------------------------------------------------------------------------------


@dataclass(slots=True)
class Site:
    """What :func:`build_site` registered (paths on the server)."""

    items: list[Item]
    rss: str = "/feed.rss"
    atom: str = "/feed.atom"
    opml: str = "/feeds.opml"
    broken_item_feed: str = "/broken-item.rss"
    dead_link: str = "/article/gone.html"
    faults: dict[str, str] = field(default_factory=dict)  # name -> path


def build_site(server: FeedServer, items: list[Item], *, slow_seconds: float = 3.0,
               big_bytes: int = 512 * 1024, redirect_chain: int = 8) -> Site:
    """Register article pages for ``items``, an RSS feed of all of them, an Atom feed of the
    same, an OPML list, a feed with one dead item link, and the fault endpoints."""
    site = Site(items=items)
    for it in items:
        it.path = f"/article/{it.key}.html"
        server.add(it.path, article_html(it))
    server.add(site.rss, rss_feed(items, server.base), "application/rss+xml; charset=utf-8", conditional=True)
    server.add(site.atom, atom_feed(items, server.base), "application/atom+xml; charset=utf-8", conditional=True)
    server.add(site.opml, opml_doc([("Test Wire RSS", server.url(site.rss)),
                                    ("Test Wire Atom", server.url(site.atom))]), "text/x-opml")
    links = [server.base + it.path for it in items]
    if links:
        links[len(links) // 2] = server.url(site.dead_link)
    server.add(site.broken_item_feed, rss_feed(items, server.base, title="Broken item", links=links),
               "application/rss+xml")
    # faults
    f = site.faults
    f["slow"] = "/fault/slow.rss"
    server.add_slow(f["slow"], slow_seconds)
    f["404"] = "/fault/missing.rss"
    server.add_status(f["404"], 404)
    f["500"] = "/fault/error.rss"
    server.add_status(f["500"], 500)
    f["loop"] = "/fault/loop-a.rss"
    server.add_redirect("/fault/loop-a.rss", "/fault/loop-b.rss")
    server.add_redirect("/fault/loop-b.rss", "/fault/loop-a.rss")
    f["chain"] = "/fault/chain-0.rss"
    for i in range(redirect_chain):
        server.add_redirect(f"/fault/chain-{i}.rss", f"/fault/chain-{i + 1}.rss", 301)
    server.add(f"/fault/chain-{redirect_chain}.rss", rss_feed(items[:1], server.base), "application/rss+xml")
    f["notxml"] = "/fault/not-xml.rss"
    server.add(f["notxml"], b"\x00\x01binary garbage, certainly not a feed \xff\xfe", "application/octet-stream")
    f["big"] = "/fault/big.rss"
    server.add_big(f["big"], big_bytes, declare_length=True)
    f["big_stream"] = "/fault/big-stream.rss"
    server.add_big(f["big_stream"], big_bytes, declare_length=False)
    return site


# --- a guard: nothing leaves the machine -----------------------------------------------------------


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


class LoopbackGuard:
    """While active, any name lookup or connection to a host that is not loopback is recorded
    in ``attempts`` and refused with ``OSError`` (so a test fails loudly and nothing leaves)."""

    def __init__(self) -> None:
        self.attempts: list[str] = []
        self._saved: tuple[object, object] | None = None

    def __enter__(self) -> LoopbackGuard:
        real_getaddrinfo = socket.getaddrinfo
        real_connect = socket.socket.connect
        guard = self

        def getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
            h = host.decode() if isinstance(host, bytes) else host
            if not _is_loopback(h):
                guard.attempts.append(f"lookup {h}")
                raise OSError(f"LoopbackGuard: lookup of {h} refused")
            return real_getaddrinfo(host, *args, **kwargs)

        def connect(sock, address):  # type: ignore[no-untyped-def]
            if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
                guard.attempts.append(f"connect {address[0]}")
                raise OSError(f"LoopbackGuard: connection to {address[0]} refused")
            return real_connect(sock, address)

        self._saved = (real_getaddrinfo, real_connect)
        socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]
        socket.socket.connect = connect  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._saved is not None
        socket.getaddrinfo, socket.socket.connect = self._saved  # type: ignore[assignment,method-assign]
