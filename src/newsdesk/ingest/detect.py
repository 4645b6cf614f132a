"""Open an input (transparent gzip), tell its format, decode its bytes.

* :func:`open_binary` opens a path (``.gz`` or gzip magic: decompressed while streaming).
* :func:`sniff` reads the first bytes and says ``text``, ``json``, ``jsonl``, ``html``, ``warc``,
  ``feed`` or ``opml`` (by the content and the file name's extension), and refuses binary data.
* :func:`decode_bytes` decodes as UTF-8, else as the declared charset, else as what
  charset_normalizer finds, and says which in a note for ``Article.meta``.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import lzma
import re
import zlib
from typing import IO

from newsdesk.errors import FormatError

__all__ = [
    "FORMATS",
    "STREAM_ERRORS",
    "GuardedStream",
    "Utf8Recoder",
    "declared_charset",
    "decode_bytes",
    "decompressor",
    "format_from_name",
    "looks_binary",
    "open_binary",
    "peek",
    "read_limited",
    "sniff",
    "strip_gz",
    "utf16_bom",
]

FORMATS = ("text", "json", "jsonl", "html", "warc", "feed", "opml")
SNIFF_BYTES = 64 * 1024
_EXT = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jl": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc",
    ".rss": "feed", ".atom": "feed", ".opml": "opml",
}
_XML_PROLOG = re.compile(rb"^(?:\s+|<\?xml[^>]*\?>|<!--.*?-->|<!doctype[^>]*>)+", re.DOTALL)
_JSON_ARRAY = re.compile(rb"^\[\s*(?:[{\[\"\]]|$)")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def strip_gz(name: str) -> str:
    low = name.lower()
    for suffix in (".gz", ".gzip", ".bz2", ".xz"):
        if low.endswith(suffix):
            return name[: -len(suffix)]
    return name


def format_from_name(name: str) -> str | None:
    base = strip_gz(name).lower()
    dot = base.rfind(".")
    return _EXT.get(base[dot:]) if dot >= 0 else None


def open_binary(path: str) -> IO[bytes]:
    """A binary stream of the file's content, gunzipped on the fly when it is gzip."""
    raw = open(path, "rb")  # noqa: SIM115 - the caller closes the returned stream
    try:
        magic = raw.read(2)
        raw.seek(0)
    except OSError:
        raw.close()
        raise
    if magic == b"\x1f\x8b":
        raw.close()  # gzip.open owns (and closes) its own file; a GzipFile over ``raw`` would not
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return io.BufferedReader(raw, buffer_size=1 << 16) if not isinstance(raw, io.BufferedReader) else raw


def peek(stream: IO[bytes], n: int = SNIFF_BYTES) -> tuple[bytes, IO[bytes]]:
    """The first ``n`` bytes and a stream that still starts at the beginning."""
    parts: list[bytes] = []
    got = 0
    while got < n:  # a raw or decompressing stream may return less than asked for
        chunk = stream.read(n - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    head = b"".join(parts)
    return head, _Prefixed(head, stream)  # type: ignore[return-value]


class _Prefixed(io.RawIOBase):
    """``head`` followed by the rest of ``stream`` (for streams that cannot seek, like stdin)."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._pos = 0
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def,override]
        if self._pos < len(self._head):
            n = min(len(buffer), len(self._head) - self._pos)
            buffer[:n] = self._head[self._pos : self._pos + n]
            self._pos += n
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self._stream.close()
        finally:
            super().close()


# What a damaged compressed stream raises while it is read.
STREAM_ERRORS: tuple[type[BaseException], ...] = (EOFError, gzip.BadGzipFile, zlib.error, OSError, lzma.LZMAError)


def decompressor(head: bytes, stream: IO[bytes]) -> IO[bytes] | None:
    """A decompressing stream over ``stream`` when ``head`` starts with gzip, bzip2 or xz magic."""
    if head[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    if head[:3] == b"BZh" and head[3:4].isdigit():
        import bz2

        return bz2.BZ2File(stream, mode="rb")  # type: ignore[return-value]
    if head[:6] == b"\xfd7zXZ\x00":
        return lzma.LZMAFile(stream, mode="rb")  # type: ignore[return-value]
    return None


class GuardedStream(io.RawIOBase):
    """Reads ``stream`` and turns a read error (truncated gzip, bad CRC) into end-of-file,
    keeping the error in ``error``: a reader keeps what it read before the damage."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._read = getattr(stream, "read1", stream.read)
        self._pos = 0
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True  # forward only (fastwarc skips record bodies with a relative seek)

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        target = offset if whence == io.SEEK_SET else self._pos + offset if whence == io.SEEK_CUR else -1
        if target < self._pos:
            raise io.UnsupportedOperation("GuardedStream seeks forward only")
        while self._pos < target:
            chunk = self.read(min(target - self._pos, 1 << 20))
            if not chunk:
                break
        return self._pos

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def,override]
        if self.error is not None:
            return 0
        try:  # read1: one step of the decompressor, so an error loses no byte read before it
            data = self._read(len(buffer))
        except STREAM_ERRORS as exc:
            self.error = exc
            return 0
        buffer[: len(data)] = data
        self._pos += len(data)
        return len(data)

    def close(self) -> None:
        try:
            self._stream.close()
        finally:
            super().close()


class Utf8Recoder(io.RawIOBase):
    """A UTF-16 (or other) byte stream re-encoded as UTF-8, streaming (for text with a BOM)."""

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self._text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")  # type: ignore[arg-type]
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def,override]
        while not self._pending:
            chunk = self._text.read(max(1, len(buffer) // 4))
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8")
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def utf16_bom(head: bytes) -> str | None:
    """``utf-16`` when ``head`` starts with a UTF-16 byte-order mark (or UTF-32's)."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def looks_binary(head: bytes) -> bool:
    """NUL bytes, or more than 10% control characters, in the first bytes: not text."""
    sample = head[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(sample) > 0.10


def _content_kind(stripped: bytes) -> str | None:
    """What the first bytes look like: ``html``, ``feed``, ``opml``, ``json``, ``jsonl`` or None."""
    low = stripped[:4096].lower()
    if low.startswith((b"<!doctype html", b"<html")):
        return "html"
    if low.startswith(b"<"):
        body = _XML_PROLOG.sub(b"", low).lstrip()
        if body.startswith(b"<opml"):
            return "opml"
        if body.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        if body.startswith((b"<html", b"<head", b"<body")) or b"<body" in low or b"<html" in low:
            return "html"
        return None
    if stripped.startswith(b"{"):
        first, newline, rest = stripped.partition(b"\n")
        if not newline and len(stripped) >= SNIFF_BYTES // 2:
            return "jsonl"  # one long line: a record per line (a minified document is one line too)
        try:
            json.loads(first)
        except ValueError:
            return "json"  # a pretty-printed object (or a broken line: the JSON reader says which)
        return "jsonl" if rest.lstrip().startswith(b"{") else "json"
    if _JSON_ARRAY.match(stripped):
        return "json"
    return None


def sniff(head: bytes, name: str, forced: str | None = None) -> str:
    """The format of an input whose first bytes are ``head`` (``forced`` wins when given).

    Markup (HTML, RSS/Atom, OPML) found in the content beats the file name (a ``.txt`` holding a
    web page is read as HTML); JSON content is read as JSON unless the name says JSONL; else
    the extension decides; else it is text."""
    if forced:
        if forced not in FORMATS:
            raise FormatError(name, f"unknown format {forced!r}", hint=f"use one of {', '.join(FORMATS)}")
        return forced
    if head.startswith((b"WARC/", b"warc/")):
        return "warc"
    if looks_binary(head):
        raise FormatError(name, "binary data, not text (NUL or control bytes)", hint="is this the right file?")
    by_name = format_from_name(name)
    content = _content_kind(head.lstrip(b"\xef\xbb\xbf \t\r\n"))
    if content in ("json", "jsonl") and by_name in ("json", "jsonl"):
        return "jsonl" if content == "jsonl" else by_name  # a .json file of one record per line
    if content is not None and not (content == "html" and by_name in ("feed", "opml")):
        return content
    return by_name or "text"


def _charset_ok(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset an HTTP Content-Type header or an HTML ``<meta>`` declares, if valid."""
    if content_type:
        m = re.search(r"charset\s*=\s*([^\s;]+)", content_type, re.IGNORECASE)
        if m and (cs := _charset_ok(m.group(1))):
            return cs
    m = _META_CHARSET.search(data[:4096])
    if m:
        return _charset_ok(m.group(1).decode("ascii", "ignore"))
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Text of ``data`` and a note when it was not plain UTF-8 (for ``Article.meta``).

    UTF-8 first (with or without BOM: valid UTF-8 with non-ASCII bytes is almost never another
    encoding, whatever is declared); then the ``declared`` charset; then charset_normalizer's
    best guess; as a last resort UTF-8 with replacement characters."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    declared = _charset_ok(declared)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        wrong = declared not in (None, "utf-8", "ascii") and not data.isascii()
        return text, (f"declared {declared} but the bytes are UTF-8; decoded as utf-8" if wrong else None)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), None
        except (UnicodeDecodeError, LookupError):
            pass
    guess = _detect_charset(data)
    if guess is not None:
        note = f"not valid UTF-8; decoded as {guess} (detected)"
        if declared:
            note = f"declared {declared} but invalid; decoded as {guess} (detected)"
        return data.decode(guess, "replace"), note
    return data.decode("utf-8", "replace"), "not valid UTF-8; undecodable bytes replaced"


# Encodings common on news sites, most common first: among charset_normalizer's equally good
# guesses (short texts fit many code pages), the common one is the likely one.
_COMMON = [
    codecs.lookup(n).name
    for n in (
        "cp1252", "iso8859-1", "iso8859-15", "cp1251", "koi8-r", "cp1250", "iso8859-2", "gb18030",
        "big5", "shift_jis", "euc_jp", "euc_kr", "cp1256", "cp1253", "cp1254", "cp1255", "cp874",
        "iso8859-9", "cp1257",
    )
]


def _detect_charset(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        return None
    best = min(m.chaos for m in results)
    top = [codecs.lookup(m.encoding).name for m in results if m.chaos <= best + 0.02]
    for name in _COMMON:
        if name in top:
            return name
    return top[0]


def read_limited(stream: IO[bytes], limit: int, name: str) -> bytes:
    """Read a whole input that must be read whole, refusing one larger than ``limit`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FormatError(
            name,
            f"larger than the {limit:,}-byte limit for a document read whole",
            hint="raise ingest.max_file_bytes, or split it (JSONL, WARC and text are streamed)",
        )
    return data
