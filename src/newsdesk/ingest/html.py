"""HTML pages to ``Article``: trafilatura for the text and metadata.

Times: ``article:published_time`` / ``article:modified_time`` and friends (Open Graph,
schema.org JSON-LD, ``<time datetime>``) are read first because they carry the time and zone;
trafilatura's date (day precision) is the fallback. Bytes are decoded here (HTTP charset, then
``<meta charset>``, then UTF-8, then detection, with a note in ``meta``) so a page with a wrong
declared charset still reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from newsdesk.errors import FormatError, InputError
from newsdesk.ingest.build import build_article
from newsdesk.ingest.detect import declared_charset, decode_bytes, read_limited
from newsdesk.options import Options
from newsdesk.records import Article

__all__ = ["article_from_html", "decode_html", "read_html"]

_PUBLISHED_META = (
    "article:published_time", "og:published_time", "datePublished", "publishdate", "pubdate",
    "publish-date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "date",
)
_UPDATED_META = ("article:modified_time", "og:updated_time", "dateModified", "dcterms.modified", "last-modified")
_SECTION_META = ("article:section", "section", "og:section")
_JSONLD_DATE = re.compile(r'"(datePublished|dateModified)"\s*:\s*"([^"]{8,40})"')
_MIN_PARAGRAPH_WORDS = 8  # a page whose every line is shorter holds menus and links, not a report
_ENCODING_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str | None]:
    """Text of an HTML page and a note when its declared charset was wrong or missing."""
    text, note = decode_bytes(data, declared_charset(data, content_type))
    return _ENCODING_DECL.sub("", text, count=1), note


def _meta_values(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in tree.iterfind(".//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip()
        value = el.get("content")
        if key and value and key not in found:
            found[key] = value.strip()
    return found


def _page_times(tree: Any, html: str, lowered: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """``(published, updated)`` from meta tags (``lowered``: name -> content) or JSON-LD, and
    the first ``<time datetime>``."""
    published = next((lowered[k.lower()] for k in _PUBLISHED_META if k.lower() in lowered), None)
    updated = next((lowered[k.lower()] for k in _UPDATED_META if k.lower() in lowered), None)
    if published is None or updated is None:
        for m in _JSONLD_DATE.finditer(html[:200_000]):
            if m.group(1) == "datePublished" and published is None:
                published = m.group(2)
            elif m.group(1) == "dateModified" and updated is None:
                updated = m.group(2)
    first_time = next((el.get("datetime") for el in tree.iterfind(".//time") if el.get("datetime")), None)
    return published, updated, first_time


def article_from_html(
    html: bytes | str,
    *,
    url: str | None,
    fetched: datetime | None,
    options: Options,
    origin: str | None = None,
    content_type: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Article:
    """One ``Article`` from an HTML page; raises ``FormatError`` when the page has no article."""
    where = origin or url or "<html>"
    meta = dict(meta or {})
    if isinstance(html, bytes):
        text, note = decode_html(html, content_type)
        if note:
            meta["encoding"] = note
    else:
        text = _ENCODING_DECL.sub("", html, count=1)
    if not text.strip():
        raise FormatError(where, "empty page")
    from lxml.etree import ParserError
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    try:
        tree = load_html(text)
    except (ParserError, ValueError) as exc:
        raise FormatError(where, f"not parseable as HTML ({exc})") from None
    if tree is None:
        raise FormatError(where, "not parseable as HTML")
    page_meta = {k.lower(): v for k, v in _meta_values(tree).items()}
    published, updated, time_element = _page_times(tree, text, page_meta)
    section = next((page_meta[k] for k in _SECTION_META if k in page_meta), None)
    lang = page_lang(tree)
    try:
        info = _page_metadata(tree)  # before extraction: trafilatura prunes the tree
        own_url = _canonical_link(tree) if url is None else None
        day = _htmldate(tree, url) if published is None else None
        doc = bare_extraction(
            tree,
            url=url,
            fast=True,
            with_metadata=False,
            include_comments=False,
            include_tables=False,
            include_images=False,
            deduplicate=False,
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura can fail on odd markup; that page is unreadable, not the batch
        raise FormatError(where, f"article extraction failed ({type(exc).__name__}: {exc})") from None
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not any(len(line.split()) >= _MIN_PARAGRAPH_WORDS for line in body.split("\n")):
        raise FormatError(where, "no article text found in the page", hint="a front page, a login wall or a non-article page?")
    if published is None:
        published = _date_from_page(day, time_element, meta)
    if lang:
        meta["html_lang"] = lang  # kept as a hint only: <html lang> is often a site-wide default
    if info.description:
        meta["description"] = info.description[:2000]
    if section is None and info.categories:
        section = info.categories[0] if isinstance(info.categories, list) else str(info.categories)
    return build_article(
        text=body.split("\n"),
        options=options,
        origin=where,
        title=info.title,
        url=url or info.url or own_url,  # a saved page names its own URL
        source=_site_name(info.sitename),
        byline=info.author,
        published=published,
        updated=updated,
        fetched=fetched,
        section=section,
        meta=meta,
    )


def _canonical_link(tree: Any) -> str | None:
    for el in tree.iterfind(".//link"):
        if (el.get("rel") or "").lower() == "canonical" and (el.get("href") or "").startswith(("http://", "https://")):
            return el.get("href")
    return None


def _page_metadata(tree: Any) -> Any:
    """trafilatura's metadata from ``<meta>`` tags and JSON-LD (title, author, site name,
    description, categories). trafilatura's full ``extract_metadata`` also searches the whole
    page for an author and runs htmldate's extensive search, which costs most of a page's time;
    a byline in the text is found by the layout pass instead (see ``build.layout_spans``)."""
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

    info = examine_meta(tree)
    if info.author and " " not in info.author:
        info.author = None  # a one-word "author" is usually a site or a handle (trafilatura's rule)
    try:
        info = extract_meta_json(tree, info)
    except Exception:  # noqa: BLE001, S110 - trafilatura's JSON-LD parser has bugs; meta tags suffice
        pass
    if not info.title:
        info.title = extract_title(tree)
    return info


def _htmldate(tree: Any, url: str | None) -> str | None:
    """htmldate's publication day (quick search: markup and URL, not the whole text)."""
    from htmldate import find_date

    try:
        return find_date(tree, url=url, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None


def _date_from_page(day: str | None, time_element: str | None, meta: dict[str, Any]) -> Any:
    """trafilatura's date (htmldate: a day) made precise by a ``<time>`` element of the same
    day; a ``<time>`` of another day may belong to another story on the page, so it loses."""
    from newsdesk.ingest.dates import parse_datetime

    exact = parse_datetime(time_element) if time_element else None
    if day:
        if exact is not None and exact.date().isoformat() == day[:10]:
            return exact
        meta["published_precision"] = "day"
        return day
    if exact is not None:
        meta["published_from"] = "time element"
    return exact


def _site_name(name: str | None) -> str | None:
    """The outlet's name; a bare host name (trafilatura's fallback) gives way to the
    registered domain of the URL, so one outlet has one source name."""
    if not name or ("." in name and " " not in name.strip()):
        return None
    return name


def page_lang(tree: Any) -> str | None:
    """The ``<html lang>`` attribute, if any."""
    try:
        return tree.getroottree().getroot().get("lang")
    except AttributeError:
        return None


def read_html(stream: IO[bytes], *, origin: str, options: Options) -> Iterator[Article | InputError]:
    """A single HTML file (read whole, bounded by ``ingest.max_file_bytes``)."""
    try:
        raw = read_limited(stream, options.ingest.max_file_bytes, origin)
        if not raw.strip():
            raise InputError(origin, "empty file", hint="nothing to ingest")
        yield article_from_html(raw, url=None, fetched=None, options=options, origin=origin)
    except InputError as exc:
        yield exc
