"""RSS and Atom feeds over HTTP, and URL inputs in general.

:func:`read_url` reads one URL the user gave: a feed (RSS 0.9x/1.0/2.0 or Atom, parsed by
feedparser) yields one article per item, an OPML list yields the articles of every feed it
names, an HTML page yields one article. Each item is followed to its article page (when
``FeedOptions.follow_links``) and the page is read by :func:`newsdesk.ingest.html.article_from_html`;
what the page lacks (title, dates, author, source) is filled in from the feed item, and when the
page holds no article the item's own content or summary becomes the text (``meta["text_from"]``
says so).

:func:`poll_feed` is the same for one poll of ``newsdesk watch``: a conditional GET with the
feed's stored state, the items not seen before, and the new state to store.

Nothing is fetched but the URL given, the feeds an OPML list names and the item links of those
feeds: never images, enclosures, canonical links or comments. Every failure is an
:class:`~newsdesk.errors.InputError` (usually a :class:`~newsdesk.errors.FetchError`) naming the
URL and the cause, yielded next to the articles, so one dead link never stops a feed.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import IO, Any

from newsdesk.errors import FetchError, FormatError, InputError
from newsdesk.ingest.http import Fetcher, Response, check_http_url
from newsdesk.options import Options
from newsdesk.records import Article

__all__ = [
    "NOT_A_FEED",
    "FeedItem",
    "FeedPoll",
    "ParsedFeed",
    "html_to_text",
    "not_a_feed",
    "parse_feed",
    "poll_feed",
    "read_feed",
    "read_url",
    "sniff",
]

NOT_A_FEED = "not a feed (no RSS/Atom XML)"
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
               "text/xml", "application/feed+json")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SEEN_KEEP = 2000  # item links remembered per feed in its state (newest kept)
KnownCheck = Callable[[str], bool]
_PROLOG = re.compile(rb"\A(?:\s*(?:<\?xml[^>]*\?>|<!--.*?-->|<!doctype[^>]*>|<\?xml-stylesheet[^>]*\?>))+", re.DOTALL)


# --- recognising what came back -------------------------------------------------------------------


def not_a_feed(detail: str | None = None) -> str:
    """The cause for a document that is not a feed: ``not a feed (no RSS/Atom XML; <detail>)``."""
    return f"{NOT_A_FEED[:-1]}; {detail})" if detail else NOT_A_FEED


def sniff(body: bytes, content_type: str = "") -> str:
    """``"feed"``, ``"opml"``, ``"html"`` or ``"other"``: by the document's first element, then
    by the declared content type."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<!doctype html"):
        return "html"
    head = _PROLOG.sub(b"", head).lstrip()
    if head.startswith(b"<opml"):
        return "opml"
    if head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "html"
    ctype = content_type.split(";", 1)[0].strip().lower()
    if ctype in ("text/x-opml", "application/x-opml+xml"):
        return "opml"
    if ctype in _HTML_TYPES:
        return "html"
    if ctype in _FEED_TYPES or ctype.endswith("+xml"):
        return "feed"
    return "other"


# --- parsing feeds ------------------------------------------------------------------------------


@dataclass(slots=True)
class FeedItem:
    """One item of a feed, as the feed describes it."""

    link: str | None
    title: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    author: str | None = None
    text: str = ""  # the item's content, else its summary, as plain text
    guid: str | None = None


@dataclass(slots=True)
class ParsedFeed:
    url: str
    title: str | None
    version: str  # feedparser's name for the format: rss20, atom10, ...
    items: list[FeedItem]
    warning: str | None = None  # a recoverable problem feedparser reported (bozo)


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Parse a feed document; raises FetchError(url, NOT_A_FEED) when it holds no RSS/Atom."""
    import feedparser

    # A stream, never bytes or a str: feedparser would treat those as a URL or path to open.
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=True,
                              resolve_relative_uris=True)
    version = parsed.get("version") or ""
    bozo = parsed.get("bozo")
    items = [it for it in (_item(e) for e in parsed.entries) if it.link or it.title or it.text]
    # A feed with errors is kept when items could be recovered from it (feedparser is lenient);
    # without items, an error means the document is broken or not a feed at all.
    if (bozo or not version) and not items:
        raise FetchError(url, not_a_feed(_bozo_text(parsed) if bozo else "no items"))
    warning = _bozo_text(parsed) if bozo else None
    title = _clean(parsed.feed.get("title"))
    return ParsedFeed(url=url, title=title, version=version, items=items, warning=warning)


def _bozo_text(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    text = str(exc) if exc else "malformed XML"
    return text if len(text) < 160 else text[:157] + "..."


def _clean(text: Any) -> str | None:
    if not text:
        return None
    out = re.sub(r"\s+", " ", str(text)).strip()
    return out or None


def _date(entry: Mapping[str, Any], key: str) -> datetime | None:
    """An item date with its original UTC offset when the raw string has one."""
    # dict.get: feedparser's own get() maps a missing "updated" to "published" (with a warning)
    raw = dict.get(entry, key)
    if raw:
        raw = str(raw).strip()
        for parse in (parsedate_to_datetime, datetime.fromisoformat):
            try:
                value = parse(raw)
            except (TypeError, ValueError, IndexError):
                continue
            if value is not None and value.tzinfo is not None:
                return value
    parsed = dict.get(entry, f"{key}_parsed")
    if parsed:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    return None


def _item(entry: Mapping[str, Any]) -> FeedItem:
    link = entry.get("link")
    if not link:
        for alt in entry.get("links") or ():
            if alt.get("rel", "alternate") == "alternate" and alt.get("href"):
                link = alt["href"]
                break
    content = ""
    for c in entry.get("content") or ():
        if c.get("value"):
            content = c["value"]
            break
    text = html_to_text(content or entry.get("summary") or "")
    return FeedItem(
        link=str(link).strip() if link else None,
        title=_clean(entry.get("title")),
        published=_date(entry, "published") or _date(entry, "created"),
        updated=_date(entry, "updated"),
        author=_clean(entry.get("author")),
        text=text,
        guid=entry.get("id"),
    )


_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed content), one paragraph per block element."""
    if not fragment or "<" not in fragment:
        return re.sub(r"[ \t]+", " ", fragment or "").strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


# --- building articles ------------------------------------------------------------------------


def _article_from_page(resp: Response, link: str, options: Options) -> Article:
    """The article on a fetched page (raises InputError when the page holds none)."""
    from newsdesk.ingest.html import article_from_html

    kind = sniff(resp.body, resp.headers.get("content-type", ""))
    if kind not in ("html", "other"):
        raise FormatError(link, f"not an article page ({resp.content_type or 'no content type'})")
    return article_from_html(resp.body, url=resp.url, fetched=resp.fetched, options=options, origin=link,
                             content_type=resp.headers.get("content-type"))


def _article_from_item(item: FeedItem, feed: ParsedFeed, options: Options, fetched: datetime | None,
                       note: str) -> Article:
    """An article whose text is the feed item's own content or summary (raises FormatError
    when it has none)."""
    from newsdesk.ingest.build import build_article

    meta: dict[str, Any] = {"text_from": "feed item", "why": note, "feed": feed.url}
    if item.guid:
        meta["feed_item"] = item.guid
    return build_article(
        text=item.text, options=options, origin=item.link or feed.url, title=item.title, url=item.link,
        byline=item.author, published=item.published, updated=item.updated,
        fetched=fetched or datetime.now(UTC), meta=meta,
    )


def _fill(article: Article, item: FeedItem, feed: ParsedFeed) -> Article:
    """Fill what the page left empty from the feed item; note where the item came from."""
    if not article.title and item.title:
        article.title = item.title
    if article.published is None and item.published is not None:
        article.published = item.published
    if article.updated is None and item.updated is not None:
        article.updated = item.updated
    if not article.byline and item.author:
        article.byline = item.author
    if not article.source:
        from newsdesk.ingest.canonical import registered_domain

        article.source = registered_domain(article.url or item.link or feed.url)
    article.meta.setdefault("feed", feed.url)
    if item.guid:
        article.meta.setdefault("feed_item", item.guid)
    return article


def _read_item(item: FeedItem, feed: ParsedFeed, options: Options, fetcher: Fetcher,
               where: str) -> Article | InputError:
    """One item: its article page when links are followed, else (or as a fallback) its own text."""
    why_not = "the item has no link" if options.feeds.follow_links else \
        "links are not followed (feeds.follow_links is off)"
    fetched: datetime | None = None
    if options.feeds.follow_links and item.link:
        bad = check_http_url(item.link)
        if bad:
            why_not = f"its link {item.link!r} is not fetched: {bad}"
        else:
            try:
                resp = fetcher.fetch(item.link)
            except InputError as exc:
                return exc
            fetched = resp.fetched
            try:
                article = _article_from_page(resp, item.link, options)
            except InputError as exc:
                if len(item.text) < max(1, options.ingest.min_text_chars):
                    return exc
                why_not = f"page has no article: {exc.cause}"
            else:
                # Extraction that finds less than the feed item itself holds has missed the article
                # (a front page, a consent wall); the item's own text is the better copy then.
                if len(article.text) >= len(item.text):
                    return _fill(article, item, feed)
                why_not = (f"page has no article: the text found on it ({len(article.text)} chars) is "
                           f"shorter than the feed item's ({len(item.text)} chars)")
    if len(item.text) < max(1, options.ingest.min_text_chars):
        return FormatError(where, f"feed item has no text and {why_not}")
    return _article_from_item(item, feed, options, fetched, why_not)


def _link_key(link: str) -> str:
    from newsdesk.ingest.canonical import canonical_url

    return hashlib.blake2b(canonical_url(link).encode("utf-8"), digest_size=8).hexdigest()


def _read_feed(feed: ParsedFeed, options: Options, fetcher: Fetcher, *, seen: set[str],
               known: KnownCheck | None, stop: threading.Event | None,
               done: list[str], counts: dict[str, int] | None = None) -> Iterator[Article | InputError]:
    """Every item not seen before (by link); the keys of finished items are appended to ``done``
    (an item that failed is not: it is tried again when the feed next changes). Items passed
    over (seen in an earlier poll, or known to the store) are counted in ``counts["skipped"]``."""
    counts = counts if counts is not None else {}
    counts.setdefault("skipped", 0)
    batch: set[str] = set()  # links of this document (a repeated item is read once, not counted)
    for n, item in enumerate(feed.items, 1):
        if stop is not None and stop.is_set():
            return
        where = item.link or f"{feed.url}#item{n}"
        key = _link_key(item.link) if item.link else None
        if key is not None:
            if key in seen:
                counts["skipped"] += key not in batch
                continue
            seen.add(key)
            batch.add(key)
            if known is not None and item.link and _is_known(known, item.link):
                done.append(key)
                counts["skipped"] += 1
                continue
        result = _read_item(item, feed, options, fetcher, where)
        if isinstance(result, InputError) and stop is not None and stop.is_set():
            return  # cut short by stop, not an error of the item: it is read next time
        if key is not None and not isinstance(result, InputError):
            done.append(key)
        yield result


def _is_known(known: KnownCheck, link: str) -> bool:
    from newsdesk.ingest.canonical import canonical_url

    return bool(known(canonical_url(link)))


# --- entry points ----------------------------------------------------------------------------


def read_url(url: str, options: Options, *, fetcher: Fetcher | None = None,
             state: Mapping[str, Any] | None = None, known: KnownCheck | None = None,
             stop: threading.Event | None = None) -> Iterator[Article | InputError]:
    """Read the URL the user gave: a feed, an OPML list of feeds, or an article page.

    ``state`` (a feed's stored ``etag``/``last_modified``) makes the request conditional: an
    unchanged feed yields nothing. ``known(canonical_url) -> bool`` skips items whose article is
    already stored (``Store.has_url``). ``fetcher`` shares one polite fetcher (and its per-host
    clock) across URLs; without one a fetcher is made and closed here."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(options.feeds, stop=stop)
    try:
        yield from _read_url(url, options, fetcher, state=state, known=known, stop=stop, nested=False)
    finally:
        if own:
            fetcher.close()


def _read_url(url: str, options: Options, fetcher: Fetcher, *, state: Mapping[str, Any] | None,
              known: KnownCheck | None, stop: threading.Event | None,
              nested: bool) -> Iterator[Article | InputError]:
    state = state or {}
    try:
        resp = fetcher.fetch(url, etag=state.get("etag"), last_modified=state.get("last_modified"))
    except InputError as exc:
        yield exc
        return
    if resp.not_modified:
        return
    kind = sniff(resp.body, resp.headers.get("content-type", ""))
    if kind == "opml":
        if nested:
            yield FormatError(url, "an OPML list inside an OPML list is not followed")
            return
        from newsdesk.ingest.opml import parse_opml

        try:
            refs = parse_opml(resp.body, url)
        except InputError as exc:
            yield exc
            return
        for ref in refs:
            if isinstance(ref, InputError):
                yield ref
                continue
            if stop is not None and stop.is_set():
                return
            yield from _read_url(ref.url, options, fetcher, state=None, known=known, stop=stop, nested=True)
        return
    if kind == "html":
        try:
            yield _article_from_page(resp, url, options)
        except InputError as exc:
            yield exc
        return
    if kind == "other":
        yield FetchError(url, not_a_feed(f"got {resp.content_type or 'no content type'}"))
        return
    try:
        feed = parse_feed(resp.body, resp.url, resp.headers.get("content-type", ""))
    except InputError as exc:
        yield exc if exc.source == url else FetchError(url, exc.cause)
        return
    yield from _read_feed(feed, options, fetcher, seen=set(), known=known, stop=stop, done=[])


def read_feed(stream: IO[bytes], *, origin: str, options: Options,
              fetcher: Fetcher | None = None) -> Iterator[Article | InputError]:
    """A feed or OPML list read from a file or stdin (the ``feed``/``opml`` formats of
    ``read_inputs``): a feed's items are followed to their pages like a fetched feed's; an
    OPML list's feeds are fetched and read."""
    cap = options.feeds.max_bytes
    body = stream.read(cap + 1)
    if len(body) > cap:
        from newsdesk.ingest.http import human_bytes

        yield FormatError(origin, f"feed file larger than {human_bytes(cap)} (feeds.max_bytes)")
        return
    own = fetcher is None
    fetcher = fetcher or Fetcher(options.feeds)
    try:
        if sniff(body, "application/xml") == "opml":
            from newsdesk.ingest.opml import parse_opml

            try:
                refs = parse_opml(body, origin)
            except InputError as exc:
                yield exc
                return
            for ref in refs:
                if isinstance(ref, InputError):
                    yield ref
                else:
                    yield from _read_url(ref.url, options, fetcher, state=None, known=None, stop=None, nested=True)
            return
        try:
            feed = parse_feed(body, origin)
        except InputError as exc:
            yield exc
            return
        yield from _read_feed(feed, options, fetcher, seen=set(), known=None, stop=None, done=[])
    finally:
        if own:
            fetcher.close()


@dataclass(slots=True)
class FeedPoll:
    """The outcome of one poll of one feed."""

    url: str
    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)  # to store with Store.set_feed_state
    not_modified: bool = False
    items: int = 0  # items in the feed document
    skipped: int = 0  # items already seen in an earlier poll (not fetched)
    read: int = 0  # articles read (in ``articles``, or handed to ``sink``)
    feeds: list[str] = field(default_factory=list)  # when the URL is an OPML list: its feeds
    complete: bool = True  # False when ``stop`` cut the poll short


def poll_feed(url: str, state: Mapping[str, Any] | None, options: Options, fetcher: Fetcher, *,
              known: KnownCheck | None = None, stop: threading.Event | None = None,
              sink: Callable[[Article], None] | None = None) -> FeedPoll:
    """Poll one feed: conditional GET with ``state`` (``etag``, ``last_modified``), then the
    articles of the items not seen in earlier polls. The returned ``state`` adds
    ``last_polled``, ``last_status`` and ``error``, and remembers the links of the items read
    (``seen``), so an item is fetched once even when the store cannot tell. When ``stop`` cuts
    the poll short the feed's validators are not advanced, so the next poll reads the rest.
    With ``sink``, each article is handed to it as soon as it is read (so a long poll can be
    stored as it goes) instead of being collected in ``articles``. ``state["failures"]`` counts
    the polls in a row whose feed could not be read."""
    poll = _poll_feed(url, state, options, fetcher, known=known, stop=stop, sink=sink)
    # consecutive polls that failed (the feed itself, not one item): the watch loop backs off
    poll.state["failures"] = int((state or {}).get("failures") or 0) + 1 if poll.state.get("error") else 0
    return poll


def _poll_feed(url: str, state: Mapping[str, Any] | None, options: Options, fetcher: Fetcher, *,
               known: KnownCheck | None, stop: threading.Event | None,
               sink: Callable[[Article], None] | None) -> FeedPoll:
    old = dict(state or {})
    new: dict[str, Any] = dict(old)
    new["last_polled"] = datetime.now(UTC).isoformat(timespec="seconds")
    poll = FeedPoll(url=url, state=new)

    def take(article: Article) -> None:
        poll.read += 1
        if sink is not None:
            sink(article)
        else:
            poll.articles.append(article)

    try:
        resp = fetcher.fetch(url, etag=old.get("etag"), last_modified=old.get("last_modified"))
    except InputError as exc:
        if stop is not None and stop.is_set():  # stopped before or while asking: not the feed's fault
            poll.complete = False
            return poll
        new["error"] = exc.cause
        new["last_status"] = _status_of(exc.cause)
        poll.errors.append(exc)
        return poll
    new["last_status"] = resp.status
    new["error"] = None
    if resp.not_modified:
        poll.not_modified = True
        return poll
    kind = sniff(resp.body, resp.headers.get("content-type", ""))
    if kind == "opml":
        from newsdesk.ingest.opml import parse_opml

        try:
            for ref in parse_opml(resp.body, url):
                if isinstance(ref, InputError):
                    poll.errors.append(ref)
                else:
                    poll.feeds.append(ref.url)
        except InputError as exc:
            poll.errors.append(exc)
            new["error"] = exc.cause
        # no validators for a list: a 304 would hide its feeds from the next run's expansion
        new["etag"] = new["last_modified"] = None
        new["kind"] = "opml"
        return poll
    if kind == "html":
        try:
            take(_article_from_page(resp, url, options))
            _advance(new, resp)
        except InputError as exc:
            poll.errors.append(exc)
            new["error"] = exc.cause
        return poll
    if kind == "other":
        exc = FetchError(url, not_a_feed(f"got {resp.content_type or 'no content type'}"))
        poll.errors.append(exc)
        new["error"] = exc.cause
        return poll
    try:
        feed = parse_feed(resp.body, resp.url, resp.headers.get("content-type", ""))
    except InputError as exc:
        poll.errors.append(exc if exc.source == url else FetchError(url, exc.cause))
        new["error"] = exc.cause
        return poll
    previous = list(old.get("seen") or [])
    seen = set(previous)
    poll.items = len(feed.items)
    done: list[str] = []
    counts: dict[str, int] = {}
    for result in _read_feed(feed, options, fetcher, seen=seen, known=known, stop=stop, done=done,
                             counts=counts):
        if isinstance(result, InputError):
            poll.errors.append(result)
        else:
            take(result)
    poll.skipped = counts["skipped"]
    keep = max(_SEEN_KEEP, 2 * len(feed.items))
    new["seen"] = [k for k in dict.fromkeys([*previous, *done])][-keep:]
    poll.complete = not (stop is not None and stop.is_set())
    if poll.complete:
        _advance(new, resp)
    if feed.title:
        new["title"] = feed.title
    return poll


def _advance(state: dict[str, Any], resp: Response) -> None:
    """Take the response's validators (or drop stale ones the server no longer sends)."""
    state["etag"] = resp.etag
    state["last_modified"] = resp.last_modified


def _status_of(cause: str) -> int | None:
    m = re.match(r"HTTP (\d{3})\b", cause)
    return int(m.group(1)) if m else None
