"""``newsdesk stories [PATH ...]``, ``newsdesk stories list``, ``newsdesk stories show ID``.

``stories PATH ...`` reads reports (any format ``ingest`` reads), groups them into stories
(processed in publication order) and prints one line per report, in input order:
``{"id", "story", "duplicate_of", "breaking"}`` (plus ``reason`` when a report got no story
or was handled specially). ``list`` and ``show`` read the stories the database holds.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsdesk.cli._output import emit_json, emit_jsonl, emit_rows, is_tty
from newsdesk.errors import ConfigError, InputError
from newsdesk.options import Options
from newsdesk.records import Article, Reading, Story

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stories",
        help="group reports into stories, or list/show the stored stories",
        description="Group reports into stories across outlets and languages, mark near-duplicates and "
        "breaking stories. With PATHs: read them and print one JSON object per report "
        '({"id", "story", "duplicate_of", "breaking"}), in input order. `stories list` and '
        "`stories show ID` read the stories kept in the database (--db).",
        epilog="Example: newsdesk stories reports.jsonl | head\n"
        "         newsdesk --db news.db stories list --breaking\n"
        "         newsdesk --db news.db stories show st_1a2b3c4d5e6f7a8b",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH|list|show",
                   help="files, folders, URLs or - to read; or `list`, or `show ID`")
    p.add_argument("--format", help="force the input format (text, jsonl, json, html, warc, feed, opml)")
    p.add_argument("--read", action="store_true",
                   help="run the reading stage first (places, events, figures) and cluster with it too")
    p.add_argument("--limit", type=int, default=50, help="list: how many stories (default: 50)")
    p.add_argument("--breaking", action="store_true", help="list: only breaking stories")
    p.set_defaults(func=_dispatch)


def _dispatch(args: argparse.Namespace, options: Options) -> int:
    paths = list(args.paths)
    if paths and paths[0] == "list" and len(paths) == 1:
        return cmd_list(args, options)
    if paths and paths[0] == "show":
        if len(paths) != 2:
            raise ConfigError("`newsdesk stories show` takes one story id", hint="see `newsdesk stories list`")
        return cmd_show(paths[1], options)
    if not paths:
        raise ConfigError("nothing to read", hint="give PATHs (or - for stdin), or `list`, or `show ID`")
    return cmd_assign(paths, args, options)


def cmd_assign(paths: list[str], args: argparse.Namespace, options: Options) -> int:
    from newsdesk.ingest import read_inputs
    from newsdesk.stories import assign_stories, new_state

    if args.format:
        options = options.replace("ingest", format=args.format)
    articles: list[Article] = []
    failed = 0
    for item in read_inputs(paths, options, stdin=sys.stdin.buffer if "-" in paths else None):
        if isinstance(item, InputError):
            failed += 1
            print(f"newsdesk: {item}", file=sys.stderr)
        else:
            articles.append(item)
    readings = _read_all(articles, options) if args.read else None
    assignments, _, _ = assign_stories(articles, new_state(options), options, readings)
    rows = [_assignment_row(a) for a in assignments]
    if is_tty():
        emit_rows(rows, ["id", "story", "duplicate_of", "breaking", "reason"], title=f"{len(rows)} reports")
    else:
        emit_jsonl(rows)
    return 1 if failed and not articles else 0


def _assignment_row(a: Any) -> dict[str, Any]:
    row = {"id": a.id, "story": a.story, "duplicate_of": a.duplicate_of, "breaking": a.breaking}
    if a.reason:
        row["reason"] = a.reason
    return row


def _read_all(articles: list[Article], options: Options) -> dict[str, Reading]:
    from newsdesk.errors import ExtractError
    from newsdesk.extract.pipeline import read_articles

    readings: dict[str, Reading] = {}
    for item in read_articles(articles, options):
        if isinstance(item, ExtractError):  # clustered on its words alone
            print(f"newsdesk: {item} (clustered without a reading)", file=sys.stderr)
        else:
            readings[item.id] = item
    return readings


def _open(options: Options):
    from newsdesk.store import open_store

    return open_store(options.store.db, options)


def _story_row(s: Story) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "reports": len(s.articles), "sources": len(s.sources),
            "languages": ",".join(s.languages), "first_seen": s.first_seen, "last_seen": s.last_seen,
            "breaking": s.breaking, "breaking_at": s.breaking_at, "closed": s.closed}


def cmd_list(args: argparse.Namespace, options: Options) -> int:
    with _open(options) as store:
        try:
            stories = store.list_stories(limit=args.limit, breaking=True if args.breaking else None)
        except NotImplementedError:
            raise ConfigError("this database cannot list stories yet") from None
    emit_rows([_story_row(s) for s in stories],
              ["id", "title", "reports", "sources", "languages", "first_seen", "last_seen", "breaking"],
              title=f"{len(stories)} stories")
    return 0


def cmd_show(story_id: str, options: Options) -> int:
    with _open(options) as store:
        try:
            story = store.get_story(story_id)
        except NotImplementedError:
            raise ConfigError("this database cannot show stories yet") from None
    if story is None:
        print(f"newsdesk: story {story_id}: not found (see `newsdesk stories list`)", file=sys.stderr)
        return 1
    emit_json(story)
    return 0
