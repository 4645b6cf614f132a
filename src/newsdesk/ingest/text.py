"""Plain-text reports: the seed layout, and plain text with no header.

The seed layout (``../shared/seeds/000_*.txt``)::

    date 2023-12-31 en English            header: date, language code, language name
    Russia                                section
    Escalating Tensions: ...              title
    By: BNN Correspondents                byline
    Published: December 31, 2023 at 5:32 am EST | Updated: Dec 31, 2023 at 5:40 am EST
    <body>

A file may hold many such reports one after the other: each header line starts a new one, and
the file is streamed (one report in memory at a time). Text without a header is one report;
its first line is the title when it looks like one (short, no closing full stop, more text
after it). See :mod:`newsdesk.ingest.build` for what ``Article.text`` holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from newsdesk.errors import InputError
from newsdesk.ingest.build import build_article, clean_line
from newsdesk.ingest.detect import decode_bytes
from newsdesk.options import Options
from newsdesk.records import Article

__all__ = ["HEADER", "article_from_text", "read_text"]

HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+([A-Za-z]{2,3}(?:[-_][A-Za-z]{2})?)\s+(\S.*?)\s*$")
_HEADER_BYTES = re.compile(rb"^\s*date\s+\d{4}-\d{2}-\d{2}\s+[A-Za-z]{2,3}(?:[-_][A-Za-z]{2})?\s+\S")
_BYLINE = re.compile(r"^by\s*:?\s+(.+)$", re.IGNORECASE)
_DATES = re.compile(r"^(?:published|posted|date)\s*:?\s*(.+?)(?:\s*\|\s*(?:updated|modified)\s*:?\s*(.+))?$", re.IGNORECASE)
_UPDATED = re.compile(r"^(?:updated|modified|last updated)\s*:?\s*(.+)$", re.IGNORECASE)
_TERMINAL = (".", ";", ",", ":")


def _looks_like_title(line: str) -> bool:
    return len(line) <= 200 and len(line.split()) <= 25 and not line.endswith(_TERMINAL)


def _parse_top(lines: list[str], fields: dict[str, Any], with_header: bool) -> int:
    """Read section/title/byline/dates lines at the top; return the index where the body starts."""
    i = 0
    heads: list[str] = []
    n = len(lines)
    while i < n and len(heads) <= 2:
        line = clean_line(lines[i])
        if not line:
            i += 1
            continue
        m_by = _BYLINE.match(line)
        m_dates = _DATES.match(line)
        m_upd = _UPDATED.match(line)
        if m_by and len(line.split()) <= 12 and "byline" not in fields:
            fields["byline"] = m_by.group(1)
        elif m_dates and "published" not in fields:
            fields["published"] = m_dates.group(1)
            if m_dates.group(2):
                fields["updated"] = m_dates.group(2)
        elif m_upd and "updated" not in fields:
            fields["updated"] = m_upd.group(1)
        elif "byline" in fields or "published" in fields:
            break  # first body line after the byline/dates
        elif _looks_like_title(line) and len(heads) < (2 if with_header else 1) and (
            with_header or i + 1 >= n or not lines[i + 1].strip()  # header-less: a title stands alone
        ):
            heads.append(line)
        else:
            break
        i += 1
    if not heads:
        return 0 if not with_header and "byline" not in fields and "published" not in fields else i
    # header-less text: the first line is a title only if more text follows it
    no_fields = "byline" not in fields and "published" not in fields
    if not with_header and no_fields and (i >= n or not any(x.strip() for x in lines[i:])):
        return 0
    if len(heads) == 2:
        fields["section"], fields["title"] = heads
    else:
        fields["title"] = heads[0]
    return i


def _footer_source(article: Article) -> str | None:
    """The outlet a closing blurb names ("... BNN Newsroom has risen ... BNN provides ...")."""
    for span in article.boilerplate:
        blurb = article.text[span.start : span.end]
        for m in re.finditer(r"\b([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2}) (?:Newsroom|News|Media|Network)\b", blurb):
            name = m.group(1)
            if re.search(rf"\b{re.escape(name)}\b", blurb[: m.start()] + blurb[m.end() :]):
                return name
    return None


def article_from_text(text: str, *, origin: str, options: Options, meta: dict[str, Any] | None = None) -> Article:
    """One report in the seed layout or in plain text. Raises ``FormatError`` if it has no text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    fields: dict[str, Any] = {}
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    m = HEADER.match(lines[start]) if start < len(lines) else None
    if m:
        fields["language"] = m.group(2)
        header_date = m.group(1)
        start += 1
    body_at = start + _parse_top(lines[start:], fields, with_header=bool(m))
    if m and "published" not in fields:
        fields["published"] = header_date
        meta = {**(meta or {}), "published_precision": "day"}
    article = build_article(text="\n".join(lines[body_at:]), options=options, origin=origin, meta=meta, **fields)
    if article.source is None:
        name = _footer_source(article)
        if name:
            article.source = name
            article.meta["source_from"] = "footer"
    return article


def read_text(stream: IO[bytes], *, origin: str, options: Options) -> Iterator[Article | InputError]:
    """Stream the reports of a text file: a new one at each header line. Errors are yielded."""
    chunk: list[bytes] = []
    size = 0
    truncated = False
    index = 0
    limit = options.ingest.max_article_chars * 4  # bytes: at most 4 per character in UTF-8

    def finish() -> Iterator[Article | InputError]:
        raw = b"".join(chunk)
        where = origin if index == 0 else f"{origin}#{index + 1}"
        if not raw.strip():
            if index == 0:
                yield InputError(origin, "empty file", hint="nothing to ingest")
            return
        text, note = decode_bytes(raw)
        meta: dict[str, Any] = {}
        if note:
            meta["encoding"] = note
        if truncated:
            meta["truncated_at_bytes"] = size
        try:
            yield article_from_text(text, origin=where, options=options, meta=meta)
        except InputError as exc:
            yield exc

    while True:
        line = stream.readline(1 << 20)  # a file without line breaks is read in 1 MB pieces
        if not line:
            break
        if _HEADER_BYTES.match(line) and any(x.strip() for x in chunk):
            yield from finish()
            index += 1
            chunk, size, truncated = [], 0, False
        if size + len(line) > limit:
            truncated = True
            continue
        chunk.append(line)
        size += len(line)
    yield from finish()
