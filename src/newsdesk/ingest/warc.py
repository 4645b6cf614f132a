"""WARC and WARC.gz archives (CC-NEWS style), streamed with fastwarc.

Only ``response`` records with an HTML payload and a 2xx status are articles; other records
(requests, metadata, images, redirects) are passed over. Each page goes through
:func:`newsdesk.ingest.html.article_from_html` with the URL from ``WARC-Target-URI`` and the
fetch time from ``WARC-Date``; its ``origin`` is ``path#<WARC-Record-ID>``.

Damage: a record whose block digest does not match (corrupt or cut short) is an error naming
``path#record-id`` and the reader goes on; a broken record header is an error naming the last
good record, and reading starts again at the next ``WARC/1.x`` header line (the bytes of the
current record are kept for that, up to 64 MB); only when no header follows does the file end
there. A truncated gzip stream ends
like end-of-file here and :func:`newsdesk.ingest.sources.read_stream` reports it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

from newsdesk.errors import FormatError, InputError
from newsdesk.ingest.detect import GuardedStream
from newsdesk.ingest.html import article_from_html
from newsdesk.options import Options
from newsdesk.records import Article

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_HISTORY_LIMIT = 64 * 1024**2  # bytes of the current record kept to start again after a broken header
_SCAN_LIMIT = 64 * 1024**2  # bytes looked through for the next record header
_MAX_RESYNCS = 1000  # a file that needs more is not a WARC worth reading further


def _record_id(rec: object) -> str:
    rid = rec.headers.get("WARC-Record-ID") or ""  # type: ignore[attr-defined]
    return rid.strip("<>") or f"offset-{rec.stream_pos}"  # type: ignore[attr-defined]


class _Rewindable(io.RawIOBase):
    """A forward-seekable stream that keeps the bytes read since the current record began (at
    most ``limit``), so that after a broken record header the reader can start again at the next
    ``WARC/1.x`` line instead of losing the rest of the file."""

    def __init__(self, inner: GuardedStream, limit: int = _HISTORY_LIMIT) -> None:
        self._inner = inner
        self._buf = bytearray()
        self._buf_start = 0  # stream offset of _buf[0]
        self._cur = 0  # stream offset of the next byte handed out
        self._limit = limit

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._cur

    def _fill(self, upto: int) -> bool:
        """Read from the underlying stream until the buffer reaches offset ``upto``."""
        while self._buf_start + len(self._buf) < upto:
            chunk = self._inner.read(max(1 << 16, upto - self._buf_start - len(self._buf)))
            if not chunk:
                return False
            self._buf += chunk
            if len(self._buf) > self._limit:  # a huge record: keep only its last bytes
                drop = min(len(self._buf) - self._limit, max(0, self._cur - self._buf_start))
                del self._buf[:drop]
                self._buf_start += drop
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def,override]
        want = len(buffer)
        self._fill(self._cur + want)
        i = self._cur - self._buf_start
        data = self._buf[i:i + want]
        buffer[: len(data)] = data
        self._cur += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        target = offset if whence == io.SEEK_SET else self._cur + offset if whence == io.SEEK_CUR else -1
        if target < self._buf_start:
            raise io.UnsupportedOperation("this WARC stream seeks forward only")
        self._fill(target)
        self._cur = min(target, self._buf_start + len(self._buf))
        return self._cur

    def mark(self, offset: int) -> None:
        """A record begins at ``offset``: the bytes before it are no longer needed."""
        drop = min(offset, self._cur) - self._buf_start
        if drop > 0:
            del self._buf[:drop]
            self._buf_start += drop

    def next_header(self, after: int, scan: int = _SCAN_LIMIT) -> int | None:
        """The offset of the first ``WARC/1.`` line that starts after offset ``after``, reading
        at most ``scan`` bytes further than was read; None when there is none."""
        stop = self._buf_start + len(self._buf) + scan
        lo = max(after, self._buf_start)  # a "\n" at or after ``after`` opens a line after it
        while True:
            i = self._buf.find(b"\nWARC/1.", lo - self._buf_start)
            if i >= 0:
                return self._buf_start + i + 1
            end = self._buf_start + len(self._buf)
            if end >= stop or not self._fill(end + (1 << 20)):
                return None
            lo = max(lo, end - len(b"\nWARC/1.") + 1)  # a header cut by the last read is found whole

    def restart(self, offset: int) -> None:
        self._cur = offset
        self.mark(offset)


def read_warc(stream: IO[bytes], *, origin: str, options: Options) -> Iterator[Article | InputError]:
    """Stream the articles of a WARC (already decompressed by the caller if it was gzip)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    guarded = GuardedStream(stream)  # damage is reported by the caller (read_stream)
    source = _Rewindable(guarded)
    last, last_at = "the start", -1
    seen = resyncs = 0
    broken: tuple[str, BaseException, int] | None = None  # (last good record, error, where reading restarted)
    while True:
        records = ArchiveIterator(
            source,
            record_types=WarcRecordType.response,
            parse_http=False,
            stream_detect=False,
            max_content_length=options.ingest.max_file_bytes,
        )
        try:
            for rec in records:
                if broken is not None:  # reading started again after a broken header: say so once
                    yield FormatError(f"{origin}#after:{broken[0]}", f"corrupt WARC record header ({broken[1]}); "
                                      f"skipped to the next record at byte {broken[2]}")
                    broken = None
                seen += 1
                last_at = rec.stream_pos
                source.mark(last_at)
                last = _record_id(rec)
                yield from _record(rec, f"{origin}#{last}", options)
            break
        except (OSError, ValueError) as exc:
            if broken is None:
                broken = (last, exc, -1)
            at = source.next_header(max(last_at, 0))
            if at is None or resyncs >= _MAX_RESYNCS:
                yield FormatError(f"{origin}#after:{broken[0]}", f"corrupt WARC record header ({broken[1]}); "
                                  "stopped reading this file", hint=f"{seen} records before it were read")
                return
            resyncs += 1
            broken = (broken[0], broken[1], at)
            source.restart(at)
            last_at = at
        except BaseException as exc:  # fastwarc's Rust core reports its own bugs as a PanicException
            if type(exc).__name__ != "PanicException":
                raise  # KeyboardInterrupt, GeneratorExit, SystemExit: not ours to swallow
            yield FormatError(f"{origin}#after:{last}", f"the WARC reader failed on this file ({exc}); stopped reading it")
            return
    if broken is not None:  # started again, but no record followed
        yield FormatError(f"{origin}#after:{broken[0]}", f"corrupt WARC record header ({broken[1]}); no readable "
                          "record after it", hint=f"{seen} records before it were read")
    if seen == 0 and guarded.error is None:
        yield FormatError(origin, "no WARC response records found")


def _record(rec: Any, where: str, options: Options) -> Iterator[Article | InputError]:
    """The article of one response record, or the error that names it; nothing for a record
    that is no article page (a redirect, an error, an image)."""
    try:
        if rec.headers.get("WARC-Block-Digest") and not rec.verify_block_digest(consume=False):
            yield FormatError(where, "corrupt or truncated WARC record (block digest does not match)")
            return
        rec.parse_http(auto_decode="all")  # undo chunked transfer and gzip/br/deflate content
        http = rec.http_headers
        if http is None:
            yield FormatError(where, "WARC response record without an HTTP header")
            return
        status = http.status_code or 0
        ctype = (http.get("Content-Type") or "").lower()
        if not (200 <= status < 300) or (ctype and not ctype.startswith(_HTML_TYPES)):
            return  # redirects, errors, images, PDFs: not article pages
        payload = rec.reader.read()
        if not payload.strip():
            yield FormatError(where, "empty HTML payload")
            return
        article = article_from_html(
            payload,
            url=rec.headers.get("WARC-Target-URI"),
            fetched=rec.record_date,
            options=options,
            origin=where,
            content_type=http.get("Content-Type"),
        )
        article.meta["warc_record"] = where.rsplit("#", 1)[-1]
        yield article
    except InputError as exc:
        yield exc
    except (ValueError, UnicodeError, OSError) as exc:  # a bad payload encoding, not the stream
        yield FormatError(where, f"unreadable WARC record ({exc})")
