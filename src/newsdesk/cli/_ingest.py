"""``newsdesk ingest``, ``search``, ``articles list|show``, ``export``, ``stats``.

Each handler opens the store, calls one library function and prints the result: JSON lines
when stdout is piped, a table on a terminal. Errors of single inputs go to stderr as
``newsdesk: <input>: <cause>``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from newsdesk.cli._output import dumps, emit_json, emit_jsonl, is_tty, progress
from newsdesk.errors import ConfigError, InputError, StoreError
from newsdesk.options import Options
from newsdesk.records import Article, to_jsonable

__all__ = ["register"]

_FORMATS = ("text", "jsonl", "json", "html", "warc", "feed", "opml")
_SINGLE_ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".xhtml"}
_LINE_RECORD_SUFFIXES = {".jsonl", ".ndjson"}
_TABLE_MAX = 20  # rows of stored articles shown on a terminal after an ingest


def _parser(sub: argparse._SubParsersAction, name: str, help: str, example: str, **kw: Any) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help, description=kw.pop("description", help[0].upper() + help[1:] + "."),
                          epilog=f"Example: {example}", formatter_class=argparse.RawDescriptionHelpFormatter, **kw)


def register(sub: argparse._SubParsersAction) -> None:
    p = _parser(sub, "ingest", "read reports from files, folders, URLs or stdin into the database",
                "newsdesk ingest ../shared/seeds/ && newsdesk articles list",
                description="Read reports (plain text, JSON/JSONL, HTML, WARC, RSS/Atom, OPML; .gz too) from "
                "paths, folders (walked recursively), URLs or - (stdin), and store each once. Prints what it "
                "stored: a table on a terminal, one JSON line per article when piped.")
    p.add_argument("inputs", nargs="+", metavar="PATH|URL|-", help="what to read")
    p.add_argument("--format", choices=_FORMATS, help="force the input format (default: detected)")
    p.add_argument("--batch-size", type=int, help="articles per transaction (default: 1000)")
    p.add_argument("--quiet", "-q", action="store_true", help="print only the summary and errors")
    p.add_argument("--stages", default="extract,stories,ledger",
                   help="later stages to run on new articles, comma-separated, or 'none' "
                        "(default: extract,stories,ledger)")
    p.set_defaults(func=cmd_ingest)

    p = _parser(sub, "search", "full-text search over titles and texts",
                'newsdesk search "missile strikes" --limit 5',
                description="Full-text search (SQLite FTS5 syntax: words, \"phrases\", OR, NOT, prefix*) over "
                "the titles and texts of stored articles, best match first, with a snippet.")
    p.add_argument("query", help="what to look for")
    p.add_argument("--limit", type=int, default=20, help="how many hits (default: 20)")
    p.add_argument("--offset", type=int, default=0, help="skip this many hits (paging)")
    p.set_defaults(func=cmd_search)

    p = _parser(sub, "articles", "list stored articles or show one", "newsdesk articles list --source BNN --limit 10")
    asub = p.add_subparsers(dest="articles_command", metavar="{list,show}", required=True)
    q = _parser(asub, "list", "list stored articles, newest first",
                "newsdesk articles list --language en --since 2023-12-01 --limit 20")
    q.add_argument("--limit", type=int, default=50, help="how many (default: 50)")
    q.add_argument("--source", help="only this source (outlet or domain)")
    q.add_argument("--language", help="only this language (ISO 639-1 code, e.g. en)")
    q.add_argument("--since", help="published (else fetched) at or after this date/time (ISO 8601; UTC if no offset)")
    q.add_argument("--until", help="published (else fetched) before this date/time (ISO 8601; UTC if no offset)")
    q.add_argument("--cursor", help="the cursor printed by the previous page")
    q.set_defaults(func=cmd_articles_list)
    q = _parser(asub, "show", "show one article: metadata, text with its boilerplate marked, sightings",
                "newsdesk articles show 3f2a9c1e0b7d4a52")
    q.add_argument("id", help="article id")
    q.set_defaults(func=cmd_articles_show)

    p = _parser(sub, "export", "write every stored article as JSON lines or CSV",
                "newsdesk export --format csv -o articles.csv")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="output format (default: jsonl)")
    p.add_argument("-o", "--output", help="file to write (default: stdout)")
    p.add_argument("--order", choices=("published", "rowid"), default="published",
                   help="publication order or ingest order (default: published)")
    p.set_defaults(func=cmd_export)

    p = _parser(sub, "stats", "counts of what the database holds", "newsdesk stats --check")
    p.add_argument("--check", action="store_true", help="also check the file's integrity and the search index")
    p.set_defaults(func=cmd_stats)


# --- helpers -------------------------------------------------------------------------------

def _open(options: Options, *, create: bool = False):
    """The store of ``--db``; commands that only read refuse to create an empty database."""
    from newsdesk.store import open_store

    db = options.store.db
    if not create and "://" not in db and db != ":memory:" and not Path(db).exists():
        raise StoreError(f"{db}: no such database", hint="run `newsdesk ingest PATH` first, or pass --db")
    return open_store(db, options)


def _summary_row(a: Article) -> dict[str, Any]:
    return {"id": a.id, "published": a.published.isoformat() if a.published else None, "source": a.source,
            "language": a.language, "title": a.title, "url": a.url, "chars": len(a.text)}


def _short(text: str | None, n: int = 70) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _table(rows: list[dict[str, Any]], columns: list[str], title: str) -> None:
    """A rich table whose cells are plain text (titles like "[Video] ..." are not markup);
    in a ``snippet`` column the ``[match]`` marks of the search index are shown in bold."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title)
    for col in columns:
        table.add_column(col, overflow="fold", ratio=3 if col in ("title", "snippet") else None)
    for row in rows:
        cells = []
        for col in columns:
            value = "" if row.get(col) is None else str(row[col])
            if col == "snippet":
                text = Text()
                for i, part in enumerate(re.split(r"\[([^\[\]]*)\]", value)):
                    text.append(part, style="bold yellow" if i % 2 else None)
                cells.append(text)
            else:
                cells.append(Text(value))
        table.add_row(*cells)
    Console().print(table)


def _when(value: str | None, flag: str) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{flag} {value!r} is not an ISO 8601 date or time", hint="e.g. 2023-12-31 or "
                          "2023-12-31T05:32:00-05:00") from None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _estimate_total(inputs: list[str]) -> int | None:
    """Number of articles to expect, for the progress bar's ETA: one per text or HTML file, one
    per line of an uncompressed JSON-lines file (counted, ~1 s per GB); None when unknown (stdin,
    URLs, archives, feeds, compressed files)."""
    from newsdesk.ingest.sources import iter_paths

    total = 0
    for name in inputs:
        path = Path(name)
        files = [path] if path.is_file() else (list(iter_paths(path)) if path.is_dir() else [])
        if not files:
            return None
        for f in files:
            suffix = f.suffix.lower()
            if suffix in _SINGLE_ARTICLE_SUFFIXES:
                total += 1
            elif suffix in _LINE_RECORD_SUFFIXES:
                lines = _count_lines(f)
                if lines is None:
                    return None
                total += lines
            else:
                return None
    return total


def _count_lines(path: Path) -> int | None:
    """Non-empty lines of an uncompressed text file (None when it is compressed or unreadable)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1 << 20)
            if head[:2] in (b"\x1f\x8b", b"BZ") or head[:6] == b"\xfd7zXZ\x00":
                return None
            count, last, chunk = 0, b"\n", head
            while chunk:
                count += chunk.count(b"\n") - chunk.count(b"\n\n")
                last = chunk[-1:]
                chunk = fh.read(1 << 20)
            return count + (last != b"\n")
    except OSError:
        return None


# --- ingest --------------------------------------------------------------------------------

def later_stages(spec: str | None, options: Options) -> list[Any]:
    """The runner stages named by ``--stages`` ("extract,stories,ledger", or "none")."""
    from newsdesk.stages import LaterStages

    names = [n.strip() for n in (spec or "").split(",") if n.strip() and n.strip() != "none"]
    if "extract" in names and not options.geo.index_path:
        from newsdesk.geo.build import index_file

        if not index_file(options.data_path()).exists():
            print(f"newsdesk: building the place index in {options.data_path()} from the installed GeoNames "
                  "data (once; about a minute)", file=sys.stderr, flush=True)
    return [LaterStages(options, stages=names)] if names else []


def cmd_ingest(args: argparse.Namespace, options: Options) -> int:
    from newsdesk.runner import ingest

    if args.format:
        options = options.replace("ingest", format=args.format)
    if args.batch_size:
        options = options.replace("store", batch_size=args.batch_size)
    tty = is_tty(sys.stdout)
    shown: list[Article] = []  # new articles, for the table at the end (last _TABLE_MAX)
    new_count = done = 0
    total = _estimate_total(args.inputs)
    bar = progress(total=total, description="ingest")
    task = bar.add_task("ingest", total=total, rate="0")
    started = time.perf_counter()

    def say(line: str) -> None:
        if bar.live.is_started:
            bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr, flush=True)

    def tick() -> None:
        nonlocal done
        done += 1
        if bar.live.is_started and (done < 50 or done % 10 == 0):
            bar.update(task, completed=done, rate=f"{done / max(time.perf_counter() - started, 1e-9):,.0f}")

    def on_event(name: str, payload: Any) -> None:
        nonlocal new_count
        if name == "error":
            err: InputError = payload
            say(f"newsdesk: {err.source}: {err.cause}")
            tick()
        elif name == "read":
            tick()
        elif name == "article":
            article, result = payload
            if result.status == "new":
                new_count += 1
                if tty:
                    shown.append(article)
                    del shown[:-_TABLE_MAX]
            if not tty and not args.quiet:
                sys.stdout.write(dumps({**_summary_row(article), "status": result.status,
                                        "duplicate_of": result.duplicate_of, "reason": result.reason,
                                        "origin": article.origin}) + "\n")

    with _open(options, create=True) as store, bar:
        stdin = getattr(sys.stdin, "buffer", sys.stdin) if "-" in args.inputs else None
        stages = later_stages(args.stages, options)
        try:
            summary = ingest(args.inputs, store, options, stdin=stdin, on_event=on_event, stages=stages)
        finally:
            for stage in stages:
                stage.flush(store)
    if tty and not args.quiet and shown:
        rows = [{**_summary_row(a), "published": a.published.strftime("%Y-%m-%d %H:%M") if a.published else "",
                 "title": _short(a.title)} for a in shown]
        more = f" (last {len(shown)} of {new_count}; see `newsdesk articles list`)" if new_count > len(shown) else ""
        _table(rows, ["id", "published", "source", "language", "title"], title=f"Stored{more}")
    rate = f"{summary.rate:,.0f}" if summary.rate >= 10 else f"{summary.rate:.2g}"
    line = (f"newsdesk: read {summary.read}, stored {summary.stored}, duplicates {summary.duplicates}, "
            f"errors {len(summary.errors)} in {summary.elapsed:.1f}s ({rate} articles/s) into {options.store.db}")
    print(line, file=sys.stdout if tty else sys.stderr)
    if summary.read == 0:
        if not summary.errors:
            print(f"newsdesk: {' '.join(args.inputs)}: no articles found", file=sys.stderr)
        return 1
    return 0


# --- search, articles ------------------------------------------------------------------------

def cmd_search(args: argparse.Namespace, options: Options) -> int:
    with _open(options) as store:
        hits = store.search(args.query, limit=args.limit, offset=args.offset)
    if is_tty():
        rows = [{"id": h.id, "source": h.source, "published": h.published.strftime("%Y-%m-%d") if h.published else "",
                 "title": _short(h.title, 50), "snippet": " ".join(h.snippet.split())} for h in hits]
        _table(rows, ["id", "source", "published", "title", "snippet"], title=f"{len(hits)} hits for {args.query!r}")
    else:
        emit_jsonl(hits)
    return 0


def cmd_articles_list(args: argparse.Namespace, options: Options) -> int:
    from newsdesk.store.base import ArticleQuery

    query = ArticleQuery(limit=args.limit, cursor=args.cursor, source=args.source, language=args.language,
                         since=_when(args.since, "--since"), until=_when(args.until, "--until"))
    with _open(options) as store:
        page, cursor = store.list_articles(query)
    if is_tty():
        rows = [{**_summary_row(a), "published": a.published.strftime("%Y-%m-%d %H:%M") if a.published else "",
                 "title": _short(a.title)} for a in page]
        _table(rows, ["id", "published", "source", "language", "title"], title=f"{len(page)} articles")
    else:
        emit_jsonl(_summary_row(a) for a in page)
    if cursor:
        print(f"newsdesk: more articles: --cursor {cursor}", file=sys.stderr)
    return 0


def cmd_articles_show(args: argparse.Namespace, options: Options) -> int:
    with _open(options) as store:
        article = store.get_article(args.id)
        sightings = store.sightings(args.id) if article else []
    if article is None:
        print(f"newsdesk: article {args.id}: not found (see `newsdesk articles list`)", file=sys.stderr)
        return 1
    if not is_tty():
        emit_json({**article.to_dict(), "sightings": sightings})
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for name in ("id", "title", "url", "source", "byline", "published", "updated", "fetched", "language",
                 "section", "origin", "content_hash"):
        value = getattr(article, name)
        if name == "language" and value and article.language_confidence is not None:
            value = f"{value} ({article.language_confidence:.2f})"
        if value not in (None, ""):
            meta.add_row(name, str(to_jsonable(value)))
    if article.meta:
        meta.add_row("meta", json.dumps(article.meta, ensure_ascii=False))
    meta.add_row("sightings", str(len(sightings)))
    console.print(meta)
    console.rule()
    text = Text(article.text)
    for s in article.layout:
        text.stylize("italic cyan", s.start, s.end)
    for s in article.boilerplate:
        text.stylize("dim strike", s.start, s.end)
    console.print(text)
    if article.boilerplate:
        console.rule()
        console.print(f"[dim strike]struck through[/]: {len(article.boilerplate)} boilerplate span(s), "
                      "kept but not read by later stages", highlight=False)
    for s in sightings:
        console.print(f"seen again {s['seen_at']} ({s['reason']}): {s['origin'] or s['url'] or ''}", highlight=False)
    return 0


# --- export, stats -----------------------------------------------------------------------------

_CSV_COLUMNS = ("id", "title", "url", "source", "byline", "published", "updated", "fetched", "language",
                "language_confidence", "section", "content_hash", "origin", "text", "boilerplate", "layout", "meta")


def export_articles(store: Any, stream: TextIO, fmt: str = "jsonl", order: str = "published") -> int:
    """Write every article of ``store`` to ``stream``; returns how many."""
    n = 0
    if fmt == "jsonl":
        for a in store.iter_articles(order=order):
            stream.write(dumps(a) + "\n")
            n += 1
        return n
    writer = csv.writer(stream)
    writer.writerow(_CSV_COLUMNS)
    for a in store.iter_articles(order=order):
        d = a.to_dict()
        writer.writerow([json.dumps(d[c], ensure_ascii=False) if c in ("boilerplate", "layout", "meta")
                         else ("" if d[c] is None else d[c]) for c in _CSV_COLUMNS])
        n += 1
    return n


def cmd_export(args: argparse.Namespace, options: Options) -> int:
    with _open(options) as store:
        if args.output:
            try:
                with open(args.output, "w", encoding="utf-8", newline="") as fh:
                    n = export_articles(store, fh, args.format, args.order)
            except OSError as exc:
                raise ConfigError(f"{args.output}: cannot write ({exc.strerror})") from None
            print(f"newsdesk: exported {n} articles to {args.output}", file=sys.stderr)
        else:
            export_articles(store, sys.stdout, args.format, args.order)
    return 0


def cmd_stats(args: argparse.Namespace, options: Options) -> int:
    with _open(options) as store:
        stats = store.stats()
        if args.check:
            stats["check"] = store.check()
    if not is_tty():
        emit_json(stats)
        return 0 if not args.check or _healthy(stats["check"]) else 1
    rows = []
    for key, value in stats.items():
        if isinstance(value, dict) and key != "check":
            value = ", ".join(f"{k or '?'} {v}" for k, v in list(value.items())[:10])
        elif isinstance(value, (list, dict)):
            value = json.dumps(value)
        rows.append({"what": key, "value": value})
    _table(rows, ["what", "value"], title=f"newsdesk database {options.store.db}")
    return 0 if not args.check or _healthy(stats["check"]) else 1


def _healthy(check: dict[str, Any]) -> bool:
    return check["integrity"] == "ok" and check["fts"] == "ok" and check["articles"] == check["fts_rows"]
