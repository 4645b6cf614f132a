"""WARC and WARC.gz archives (CC-NEWS style), streamed with fastwarc.

Only ``response`` records with an HTML payload and a 2xx status are articles; other records
(requests, metadata, images, redirects) are passed over. Each page goes through
:func:`newsdesk.ingest.html.article_from_html` with the URL from ``WARC-Target-URI`` and the
fetch time from ``WARC-Date``; its ``origin`` is ``path#<WARC-Record-ID>``.

Damage: a record whose block digest does not match (corrupt or cut short) is an error naming
``path#record-id`` and the reader goes on; a broken record header ends that file with an error
naming the last good record, keeping every record read before. A truncated gzip stream ends
like end-of-file here and :func:`newsdesk.ingest.sources.read_stream` reports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from newsdesk.errors import FormatError, InputError
from newsdesk.ingest.detect import GuardedStream
from newsdesk.ingest.html import article_from_html
from newsdesk.options import Options
from newsdesk.records import Article

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")


def _record_id(rec: object) -> str:
    rid = rec.headers.get("WARC-Record-ID") or ""  # type: ignore[attr-defined]
    return rid.strip("<>") or f"offset-{rec.stream_pos}"  # type: ignore[attr-defined]


def read_warc(stream: IO[bytes], *, origin: str, options: Options) -> Iterator[Article | InputError]:
    """Stream the articles of a WARC (already decompressed by the caller if it was gzip)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    guarded = GuardedStream(stream)  # seekable forward, as fastwarc wants; damage is reported by the caller
    last = "the start"
    seen = 0
    records = ArchiveIterator(
        guarded,
        record_types=WarcRecordType.response,
        parse_http=False,
        stream_detect=False,
        max_content_length=options.ingest.max_file_bytes,
    )
    try:
        for rec in records:
            seen += 1
            rid = _record_id(rec)
            where = f"{origin}#{rid}"
            last = rid
            try:
                if rec.headers.get("WARC-Block-Digest") and not rec.verify_block_digest(consume=False):
                    yield FormatError(where, "corrupt or truncated WARC record (block digest does not match)")
                    continue
                rec.parse_http(auto_decode="all")  # undo chunked transfer and gzip/br/deflate content
                http = rec.http_headers
                if http is None:
                    yield FormatError(where, "WARC response record without an HTTP header")
                    continue
                status = http.status_code or 0
                ctype = (http.get("Content-Type") or "").lower()
                if not (200 <= status < 300) or (ctype and not ctype.startswith(_HTML_TYPES)):
                    continue  # redirects, errors, images, PDFs: not article pages
                payload = rec.reader.read()
                if not payload.strip():
                    yield FormatError(where, "empty HTML payload")
                    continue
                article = article_from_html(
                    payload,
                    url=rec.headers.get("WARC-Target-URI"),
                    fetched=rec.record_date,
                    options=options,
                    origin=where,
                    content_type=http.get("Content-Type"),
                )
                article.meta["warc_record"] = rid
                yield article
            except InputError as exc:
                yield exc
            except (ValueError, UnicodeError, OSError) as exc:  # a bad payload encoding, not the stream
                yield FormatError(where, f"unreadable WARC record ({exc})")
    except (OSError, ValueError) as exc:
        yield FormatError(
            f"{origin}#after:{last}",
            f"corrupt WARC record header ({exc}); stopped reading this file",
            hint=f"{seen} records before it were read",
        )
        return
    except BaseException as exc:  # fastwarc's Rust core reports its own bugs as a PanicException
        if type(exc).__name__ != "PanicException":
            raise  # KeyboardInterrupt, GeneratorExit, SystemExit: not ours to swallow
        yield FormatError(f"{origin}#after:{last}", f"the WARC reader failed on this file ({exc}); stopped reading it")
        return
    if seen == 0 and guarded.error is None:
        yield FormatError(origin, "no WARC response records found")
