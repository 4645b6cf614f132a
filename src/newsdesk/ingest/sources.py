"""``read_inputs``: paths, directories, ``-`` (stdin) and URLs to a stream of ``Article``.

Every failure is *yielded* as an ``InputError`` naming the input (``path``, ``path:line`` for
JSONL, ``path#record-id`` for WARC) and the cause, and the batch goes on. Directories are
walked recursively in sorted order, skipping hidden files and folders and documentation files
(``README``, ``LICENSE``, ``*.md``). ``.gz`` (and bzip2,
xz) is decompressed while streaming, recognised by its magic bytes. The format comes from ``options.ingest.format`` when set, else from the file
name and the first bytes (:func:`newsdesk.ingest.detect.sniff`). Feed and OPML files go to
``newsdesk.ingest.feeds.read_feed`` and URLs to ``newsdesk.ingest.feeds.read_url``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, BinaryIO

from newsdesk.errors import FormatError, InputError
from newsdesk.ingest.detect import (
    STREAM_ERRORS,
    GuardedStream,
    Utf8Recoder,
    decompressor,
    open_binary,
    peek,
    sniff,
    utf16_bom,
)
from newsdesk.options import Options
from newsdesk.records import Article

__all__ = ["iter_paths", "read_inputs", "read_stream"]

Reader = Callable[..., Iterator[Article | InputError]]


def _reader(fmt: str) -> Reader:
    if fmt == "text":
        from newsdesk.ingest.text import read_text

        return read_text
    if fmt == "jsonl":
        from newsdesk.ingest.jsonl import read_jsonl

        return read_jsonl
    if fmt == "json":
        from newsdesk.ingest.jsonl import read_json

        return read_json
    if fmt == "html":
        from newsdesk.ingest.html import read_html

        return read_html
    if fmt == "warc":
        from newsdesk.ingest.warc import read_warc

        return read_warc
    return _read_feed_file  # feed, opml


def _read_feed_file(stream: IO[bytes], *, origin: str, options: Options) -> Iterator[Article | InputError]:
    """A feed or OPML file: its items' pages are fetched by the feeds reader."""
    try:
        from newsdesk.ingest.feeds import read_feed
    except ImportError:
        yield InputError(origin, "feed and OPML files are not supported yet")
        return
    yield from read_feed(stream, origin=origin, options=options)


_DOC_SUFFIXES = (".md", ".markdown", ".rst")
_DOC_STEMS = frozenset({"readme", "license", "licence", "copying", "changelog", "notice", "authors"})


def _is_documentation(name: str) -> bool:
    """A folder's own documentation (``README``, ``LICENSE``, ``*.md`` notes), not a report."""
    lower = name.lower()
    return lower.endswith(_DOC_SUFFIXES) or lower.split(".", 1)[0] in _DOC_STEMS


def iter_paths(root: Path) -> Iterator[Path]:
    """Files under ``root``, sorted; hidden files and folders and a folder's documentation
    (``README``, ``LICENSE``, ``*.md``; name such a file to read it) skipped; symlink loops avoided."""
    seen: set[tuple[int, int]] = set()

    def walk(folder: Path) -> Iterator[Path]:
        try:
            st = folder.stat()
        except OSError:
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith(".") or (_is_documentation(entry.name) and not entry.is_dir()):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    yield from walk(path)
                elif entry.is_file():
                    yield path
            except OSError:
                continue

    yield from walk(root)


def read_stream(
    stream: IO[bytes], *, name: str, options: Options
) -> Iterator[Article | InputError]:
    """Articles of one open binary stream (gzip detected by its magic bytes and undone here).

    A read error of the stream (truncated gzip, bad CRC) ends it like end-of-file: the readers
    keep what came before, and an error naming the input follows."""
    guarded = GuardedStream(stream)
    head, body = peek(guarded)
    unpacked = decompressor(head, body)
    if unpacked is not None:  # gzip on stdin or in a file named without .gz; bzip2; xz
        guarded = GuardedStream(unpacked)
        head, body = peek(guarded)
    wide = utf16_bom(head)
    if wide:  # UTF-16/32 text (a BOM, then NUL-rich bytes): read it as UTF-8 from here on
        head, body = peek(Utf8Recoder(body, wide))
    if not head.strip():
        if guarded.error is not None:
            yield FormatError(name, f"truncated or corrupt compressed stream ({guarded.error})")
        else:
            yield InputError(name, "empty file", hint="nothing to ingest")
        return
    try:
        fmt = sniff(head, name, options.ingest.format)
    except InputError as exc:
        yield exc
        return
    reader = _reader(fmt)
    try:
        yield from reader(body if fmt == "warc" else _buffered(body), origin=name, options=options)
    except STREAM_ERRORS as exc:
        yield FormatError(name, f"unreadable ({type(exc).__name__}: {exc})")
        return
    if guarded.error is not None:
        yield FormatError(
            name,
            f"truncated or corrupt compressed stream ({guarded.error}); the articles before the damage were kept",
        )


def _buffered(raw: IO[bytes]) -> IO[bytes]:
    import io

    return io.BufferedReader(raw, buffer_size=1 << 16)  # type: ignore[return-value]


def _read_path(path: Path, options: Options, name: str | None = None) -> Iterator[Article | InputError]:
    name = name or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputError(name, f"cannot read ({exc.strerror or exc})")
        return
    if size == 0:
        yield InputError(name, "empty file", hint="nothing to ingest")
        return
    try:
        stream = open_binary(str(path))
    except OSError as exc:
        yield InputError(name, f"cannot read ({exc.strerror or exc})")
        return
    with stream:
        yield from read_stream(stream, name=name, options=options)


def _read_url(url: str, options: Options) -> Iterator[Article | InputError]:
    try:
        from newsdesk.ingest.feeds import read_url  # type: ignore[attr-defined]
    except ImportError:
        yield InputError(url, "URLs are not supported yet", hint="download the page and pass the file")
        return
    try:
        yield from read_url(url, options)
    except InputError as exc:
        yield exc


def read_inputs(
    inputs: Sequence[str], options: Options, *, stdin: BinaryIO | None = None
) -> Iterator[Article | InputError]:
    """Every ``Article`` in ``inputs`` (paths, directories, ``-``, http(s) URLs), errors yielded."""
    for item in inputs:
        if item == "-":
            source = stdin if stdin is not None else sys.stdin.buffer
            try:
                yield from read_stream(source, name="<stdin>", options=options)
            except STREAM_ERRORS as exc:
                yield FormatError("<stdin>", f"unreadable ({exc})")
            continue
        if item.lower().startswith(("http://", "https://")):
            yield from _read_url(item, options)
            continue
        path = Path(item)
        if path.is_dir():
            found = False
            for file in iter_paths(path):
                found = True
                yield from _read_path(file, options)
            if not found:
                yield InputError(item, "directory holds no files")
        elif path.exists():
            yield from _read_path(path, options)
        else:
            yield InputError(item, "no such file or directory")
