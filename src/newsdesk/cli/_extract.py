"""``newsdesk extract [PATH ...]``: one JSON reading (places, figures, events) per article.

Every input kind that ``ingest`` reads is accepted (stdin when no path). For JSON and JSONL
records the reading's offsets are indexes into the record's own ``text`` exactly as given
(ingest normalises whitespace; the text is put back with
:func:`newsdesk.extract.pipeline.rebase_article`) and the record's ``id`` is the reading's id.
Errors go to stderr, one line each; the batch goes on; the exit code is 1 when any input or
article failed.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsdesk.cli._output import dumps
from newsdesk.errors import ExtractError, FormatError, InputError
from newsdesk.options import Options
from newsdesk.records import Article

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="read places, figures and events from reports (one JSON line per article)",
        description="Read every article of the inputs (files, folders, - for stdin; text, JSON, JSONL, "
        "HTML, WARC) and print one JSON object per article: "
        '{"id", "language", "places", "figures", "events"}. Offsets index the input text.',
        epilog="Example: newsdesk extract ../shared/seeds/000_88f33951d7bac3d7.txt\n"
        "         echo '{\"id\": \"a1\", \"text\": \"Two people were killed in Kharkiv.\"}' | newsdesk extract",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: stdin)")
    p.add_argument("--format", help="force the input format (text, jsonl, json, html, warc)")
    p.set_defaults(func=_run)


def _record_text(record: Any) -> str | None:
    from newsdesk.ingest.jsonl import FIELDS

    if not isinstance(record, dict):
        return None
    for key in FIELDS["text"]:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _records(stream: IO[bytes], name: str, fmt: str, options: Options) -> Iterator[Article | InputError]:
    """JSON/JSONL records as articles whose text is the record's text exactly as given."""
    from newsdesk.extract.pipeline import rebase_article
    from newsdesk.ingest.jsonl import article_from_record

    def one(record: Any, where: str) -> Article | InputError:
        try:
            article = article_from_record(record, origin=where, options=options)
        except InputError as exc:
            return exc
        raw = _record_text(record)
        if raw is not None:
            article = rebase_article(article, raw)
        if isinstance(record, dict) and record.get("id") is not None:
            article.meta["input_id"] = str(record["id"])
        return article

    lines: Iterator[bytes] | list[bytes] = stream
    if fmt == "json":
        data = stream.read()
        try:
            doc = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            if not isinstance(exc, json.JSONDecodeError) or not exc.msg.startswith("Extra data"):
                yield FormatError(name, f"not valid JSON ({exc})")
                return
            fmt, lines = "jsonl", data.splitlines(keepends=True)  # one record per line, sniffed as JSON
    if fmt == "json":
        items = doc if isinstance(doc, list) else next(
            (doc[k] for k in ("articles", "items", "data", "results", "records", "documents", "docs")
             if isinstance(doc, dict) and isinstance(doc.get(k), list)), [doc])
        for i, record in enumerate(items):
            yield one(record, f"{name}[{i}]")
        return
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, UnicodeDecodeError) as exc:
            yield FormatError(f"{name}:{lineno}", f"not valid JSON ({exc})")
            continue
        yield one(record, f"{name}:{lineno}")


def _stream_articles(stream: IO[bytes], name: str, options: Options) -> Iterator[Article | InputError]:
    from newsdesk.ingest import read_stream
    from newsdesk.ingest.detect import peek, sniff

    head, body = peek(stream)
    fmt = None
    if head[:2] != b"\x1f\x8b" and head.strip():
        try:
            fmt = sniff(head, name, options.ingest.format)
        except InputError:
            fmt = None
    if fmt in ("jsonl", "json"):
        yield from _records(io.BufferedReader(body, buffer_size=1 << 16), name, fmt, options)
    else:
        yield from read_stream(body, name=name, options=options)


def _articles(paths: list[str], options: Options) -> Iterator[Article | InputError]:
    from newsdesk.ingest import read_inputs
    from newsdesk.ingest.detect import open_binary
    from newsdesk.ingest.sources import iter_paths

    if not paths:
        yield from _stream_articles(sys.stdin.buffer, "<stdin>", options)
        return
    for item in paths:
        if item == "-":
            yield from _stream_articles(sys.stdin.buffer, "<stdin>", options)
            continue
        path = Path(item)
        files = list(iter_paths(path)) if path.is_dir() else [path] if path.is_file() else []
        if not files:
            yield from read_inputs([item], options)  # URLs, missing paths, empty folders: ingest says why
            continue
        for file in files:
            try:
                stream = open_binary(str(file))
            except OSError as exc:
                yield InputError(str(file), f"cannot read ({exc.strerror or exc})")
                continue
            with stream:
                yield from _stream_articles(stream, str(file), options)


def _run(args: argparse.Namespace, options: Options) -> int:
    from newsdesk.extract.pipeline import read_article

    if args.format:
        options = options.replace("ingest", format=args.format)
    failed = False
    gazetteer = None
    out = sys.stdout
    for item in _articles(list(args.paths), options):
        if isinstance(item, InputError):
            print(f"newsdesk: error {item.code}: {item}", file=sys.stderr)
            failed = True
            continue
        if gazetteer is None:
            from newsdesk.geo.gazetteer import Gazetteer

            gazetteer = Gazetteer.load(options)
        try:
            reading = read_article(item, options, gazetteer=gazetteer)
        except ExtractError as exc:
            print(f"newsdesk: error {exc.code}: {exc}", file=sys.stderr)
            failed = True
            continue
        reading.id = str(item.meta.get("input_id") or item.id)
        out.write(dumps(reading.to_dict()) + "\n")
        out.flush()
    return 1 if failed else 0
