"""OPML lists of feeds (the export format of every feed reader).

:func:`parse_opml` turns an OPML document into the feeds it names (``xmlUrl`` of every
``<outline>``, at any depth of folders), each with its title and folder path. An outline whose
URL is not http(s) becomes an :class:`~newsdesk.errors.InputError` next to the others; a
document that is not OPML raises :class:`~newsdesk.errors.FormatError`. The XML parser never
resolves entities or reads anything from the network.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from newsdesk.errors import FormatError, InputError
from newsdesk.ingest.http import check_http_url

__all__ = ["FeedRef", "looks_like_opml", "parse_opml", "read_opml"]


@dataclass(slots=True)
class FeedRef:
    """A feed named by an OPML list."""

    url: str
    title: str | None = None
    folders: list[str] = field(default_factory=list)  # enclosing outline titles, outermost first


def looks_like_opml(data: bytes) -> bool:
    """True when the document's root element is ``<opml>`` (checked on its first bytes)."""
    from newsdesk.ingest.feeds import sniff

    return sniff(data) == "opml"


def parse_opml(data: bytes | str, source: str) -> list[FeedRef | InputError]:
    """The feeds of an OPML document, in document order, without repeats.

    ``source`` names the document in errors and resolves relative ``xmlUrl`` values when it is
    a URL. Raises FormatError when ``data`` is not well-formed OPML."""
    from lxml import etree

    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not raw.strip():
        raise FormatError(source, "empty file, not an OPML list of feeds")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError(source, f"not an OPML list of feeds (XML error: {exc})") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise FormatError(source, f"not an OPML list of feeds (root element <{etree.QName(root).localname}>)")
    body = next((el for el in root if isinstance(el.tag, str) and etree.QName(el).localname.lower() == "body"), None)
    if body is None:
        raise FormatError(source, "not an OPML list of feeds (no <body>)")
    base = source if check_http_url(source) is None else None
    out: list[FeedRef | InputError] = []
    seen: set[str] = set()

    def walk(el: etree._Element, folders: list[str]) -> None:
        for child in el:
            if not isinstance(child.tag, str) or etree.QName(child).localname.lower() != "outline":
                continue
            attrs = {k.lower(): v for k, v in child.attrib.items()}
            title = (attrs.get("title") or attrs.get("text") or "").strip() or None
            url = (attrs.get("xmlurl") or "").strip()
            if url:
                if base:
                    url = urljoin(base, url)
                bad = check_http_url(url)
                if bad:
                    where = f"{source} (outline {title or url!r})"
                    out.append(InputError(where, f"feed URL {url!r} is not fetched: {bad}"))
                elif url not in seen:
                    seen.add(url)
                    out.append(FeedRef(url=url, title=title, folders=list(folders)))
            walk(child, [*folders, title] if title and not url else folders)

    walk(body, [])
    if not out:
        raise FormatError(source, "OPML list names no feeds (no outline with an xmlUrl)")
    return out


def read_opml(path: str | os.PathLike[str]) -> list[FeedRef | InputError]:
    """The feeds of an OPML file (``.gz`` read transparently). Raises InputError when it cannot
    be read or is not OPML."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file ({exc.strerror or exc})") from None
    if p.suffix.lower() == ".gz":
        import gzip

        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise FormatError(str(path), f"not a valid gzip file ({exc})") from None
    return parse_opml(data, str(path))
