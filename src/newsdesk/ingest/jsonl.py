"""JSON and JSONL news records, with the field names of the usual news crawls.

news-please / CC-NEWS (``maintext``, ``date_publish``, ``source_domain``), NewsAPI (``content``,
``publishedAt``, ``source: {name}``), GDELT-ish exports (``pubDate``, ``link``) and plain
``{"title", "text"}`` all map onto one ``Article``. A JSON document is an object (one record,
or ``{"articles"|"items"|"data"|"results"|"records": [...]}``) or an array of records; it is read
whole (bounded by ``ingest.max_file_bytes``). JSONL is streamed one line at a time; a bad line
is an error naming ``path:line`` and the rest goes on.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

from newsdesk.errors import FormatError, InputError
from newsdesk.ingest.build import build_article
from newsdesk.ingest.detect import decode_bytes, read_limited
from newsdesk.options import Options
from newsdesk.records import Article

try:  # optional: about four times faster than the standard library on news records
    from orjson import loads as _fast_loads
except ImportError:  # pragma: no cover - depends on the installation
    _fast_loads = None

__all__ = ["FIELDS", "article_from_record", "read_json", "read_jsonl"]

# Article field -> accepted record keys, first found wins.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "title_page", "title_rss"),
    "text": ("text", "maintext", "body", "content", "article", "full_text", "articleBody", "article_text"),
    "published": (
        "date_publish", "published", "published_at", "publishedAt", "publish_date", "date_published",
        "datePublished", "pubDate", "pub_date", "date", "time", "timestamp",
    ),
    "updated": ("date_modify", "updated", "updated_at", "modified", "dateModified", "date_modified", "last_modified"),
    "fetched": ("date_download", "fetched", "fetched_at", "downloaded", "date_crawled", "crawled_at"),
    "language": ("language", "lang", "language_code", "inLanguage"),
    "url": ("url", "link", "canonical_url", "source_url", "permalink"),
    "source": ("source_domain", "source", "source_name", "publisher", "site_name", "sitename", "outlet", "domain"),
    "byline": ("authors", "author", "byline", "creator"),
    "section": ("section", "category", "categories"),
}
_DESCRIPTION = ("description", "summary", "lead", "abstract")
_CONTAINERS = ("articles", "items", "data", "results", "records", "documents", "docs")


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if key in record:  # most keys are absent: a membership test is the cheap way to skip them
            value = record[key]
            if value not in (None, "", [], {}):
                return value
    return None


def _as_name(value: Any) -> str | None:
    """A string from a string, a ``{"name": ...}`` object or a list of them (joined)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _as_name(value.get("name") or value.get("title") or value.get("id"))
    if isinstance(value, (list, tuple)):
        names = [n for n in (_as_name(v) for v in value) if n]
        return ", ".join(names) if names else None
    return str(value)


def article_from_record(record: Any, *, origin: str, options: Options) -> Article:
    """One ``Article`` from one JSON record. Raises ``FormatError`` naming ``origin``."""
    if not isinstance(record, dict):
        raise FormatError(origin, f"a record must be a JSON object, not {type(record).__name__}")
    meta: dict[str, Any] = {}
    text = _first(record, FIELDS["text"])
    if text is None:
        text = _first(record, _DESCRIPTION)
        if text is not None:
            meta["text_from"] = "description"
    if not isinstance(text, str) or not text.strip():
        raise FormatError(origin, "record has no text", hint=f"expected one of: {', '.join(FIELDS['text'])}")
    description = _first(record, _DESCRIPTION)
    if isinstance(description, str) and meta.get("text_from") is None:
        meta["description"] = description[:2000]
    if record.get("id") is not None:
        meta["input_id"] = str(record["id"])
    section = _first(record, FIELDS["section"])
    if isinstance(section, list):
        section = section[0] if section else None
    title = _first(record, FIELDS["title"])
    url = _first(record, FIELDS["url"])
    return build_article(
        text=text,
        options=options,
        origin=origin,
        title=title if isinstance(title, str) else None,
        url=url if isinstance(url, str) else None,
        source=_as_name(_first(record, FIELDS["source"])),
        byline=_as_name(_first(record, FIELDS["byline"])),
        published=_first(record, FIELDS["published"]),
        updated=_first(record, FIELDS["updated"]),
        fetched=_first(record, FIELDS["fetched"]),
        language=_first(record, FIELDS["language"]),
        section=_as_name(section),
        meta=meta,
    )


def _record_article(record: Any, origin: str, note: str | None, options: Options) -> Article | InputError:
    """One record's article (with the decoding note, if any), or the error that names it."""
    try:
        article = article_from_record(record, origin=origin, options=options)
    except InputError as exc:
        return exc
    except UnicodeError as exc:  # a lone surrogate escaped in a field that is not cleaned (the URL)
        return FormatError(origin, f"a field is not valid Unicode ({exc.reason})")
    if note:
        article.meta["encoding"] = note
    return article


def _loads(raw: bytes) -> tuple[Any, str | None]:
    """A JSON value and the decoding note (None for UTF-8). orjson reads strict UTF-8 JSON; anything
    it refuses (another encoding, a BOM, NaN, huge integers, bad JSON) goes to the standard
    library, which gives the same values and the error messages users see."""
    if _fast_loads is not None:
        try:
            return _fast_loads(raw), None
        except ValueError:  # orjson.JSONDecodeError is a ValueError
            pass
    try:
        return json.loads(raw), None
    except UnicodeDecodeError:
        text, note = decode_bytes(raw)
        return json.loads(text), note


def read_jsonl(stream: IO[bytes], *, origin: str, options: Options) -> Iterator[Article | InputError]:
    """Stream one ``Article`` (or an error naming ``origin:line``) per non-empty line."""
    lineno = 0
    seen_any = False
    max_line = max(options.ingest.max_article_chars * 8, 1 << 20)
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            break
        lineno += 1
        if len(line) > max_line and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the overlong line
                line = stream.readline(1 << 20)
            yield FormatError(f"{origin}:{lineno}", f"line longer than {max_line:,} bytes; skipped")
            continue
        if not line.strip():
            continue
        seen_any = True
        where = f"{origin}:{lineno}"
        try:
            record, note = _loads(line)
        except (ValueError, UnicodeDecodeError) as exc:
            yield FormatError(where, f"not valid JSON ({exc})")
            continue
        yield _record_article(record, where, note, options)
    if not seen_any:
        yield InputError(origin, "empty file", hint="nothing to ingest")


def _iter_array(stream: IO[bytes], origin: str, max_record: int) -> Iterator[tuple[int, Any] | InputError]:
    """``(index, value)`` of each element of a top-level JSON array, one element in memory at
    a time; a damaged document ends with an error naming ``origin[index]``."""
    decode = codecs.getincrementaldecoder("utf-8")("strict")
    decoder = json.JSONDecoder()
    buf = ""
    pos = 0
    eof = False

    def more() -> bool:
        nonlocal buf, pos, eof
        if eof:
            return False
        chunk = stream.read(max(1 << 16, len(buf) - pos))
        eof = not chunk
        buf = buf[pos:] + decode.decode(chunk, final=eof)
        pos = 0
        return not eof or bool(buf)

    def skip_ws() -> str:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n\ufeff":
                pos += 1
            if pos < len(buf) or not more():
                return buf[pos] if pos < len(buf) else ""

    try:
        if skip_ws() != "[":
            yield FormatError(origin, "not a JSON array")
            return
        pos += 1
        index = 0
        if skip_ws() == "]":
            return
        while True:
            where = f"{origin}[{index}]"
            while True:
                try:
                    value, end = decoder.raw_decode(buf, pos)
                except ValueError as exc:
                    if len(buf) - pos > max_record:
                        yield FormatError(where, f"record larger than {max_record:,} characters; stopped")
                        return
                    if not more():
                        yield FormatError(where, f"not valid JSON ({exc}); stopped reading the array")
                        return
                    continue
                if end == len(buf) and not eof and isinstance(value, (int, float)):
                    more()  # a number cut at the buffer's end: read on and parse it again
                    continue
                break
            yield index, value
            pos = end
            index += 1
            sep = skip_ws()
            if sep == ",":
                pos += 1
                skip_ws()
            elif sep == "]":
                return
            else:
                yield FormatError(f"{origin}[{index}]", "not valid JSON (expected ',' or ']'); stopped reading the array")
                return
    except UnicodeDecodeError as exc:
        yield FormatError(origin, f"not valid UTF-8 ({exc.reason} at byte {exc.start} of a chunk); stopped")


def read_json(stream: IO[bytes], *, origin: str, options: Options) -> Iterator[Article | InputError]:
    """A JSON document: one record, ``{"articles": [...]}`` (read whole, bounded by
    ``ingest.max_file_bytes``), or an array of records (streamed: one record in memory at a
    time). ``origin[i]`` names each record."""
    head = stream.peek(64) if hasattr(stream, "peek") else b""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        count = 0
        for item in _iter_array(stream, origin, max(options.ingest.max_article_chars * 4, 1 << 20)):
            if isinstance(item, InputError):
                yield item
                continue
            count += 1
            index, record = item
            try:
                yield article_from_record(record, origin=f"{origin}[{index}]", options=options)
            except InputError as exc:
                yield exc
        if count == 0:
            yield InputError(origin, "no records in the JSON document")
        return
    try:
        raw = read_limited(stream, options.ingest.max_file_bytes, origin)
    except InputError as exc:
        yield exc
        return
    if not raw.strip():
        yield InputError(origin, "empty file", hint="nothing to ingest")
        return
    try:
        doc, note = _loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        yield FormatError(origin, f"not valid JSON ({exc})", hint="one record per line? use --format jsonl")
        return
    del raw
    if isinstance(doc, dict):
        inner = next((doc[k] for k in _CONTAINERS if isinstance(doc.get(k), list)), None)
        if inner is None:
            records: list[Any] = [doc]
            names = [origin]
        else:
            records = inner
            names = [f"{origin}[{i}]" for i in range(len(records))]
    elif isinstance(doc, list):
        records = doc
        names = [f"{origin}[{i}]" for i in range(len(records))]
    else:
        yield FormatError(origin, f"a JSON document of news must be an object or an array, not {type(doc).__name__}")
        return
    if not records:
        yield InputError(origin, "no records in the JSON document")
    for record, name in zip(records, names):
        yield _record_article(record, name, note, options)
