"""``newsdesk watch``: poll feeds on a schedule until Ctrl-C (or SIGTERM), then print a summary.

The first Ctrl-C (or a SIGTERM) asks for a clean stop: the item being read finishes, what was
read is stored, the feed states are saved, and the command exits 0 with its summary. A second
Ctrl-C interrupts at once (exit 130; the store's transactions keep the database whole).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

from newsdesk.cli._output import dumps, emit_rows, is_tty
from newsdesk.errors import ConfigError, InputError
from newsdesk.options import Options

__all__ = ["cmd_watch", "register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "watch",
        help="poll RSS/Atom feeds on a schedule and store new reports until stopped",
        description="Poll feeds (URLs, or OPML lists as files or URLs) every --interval seconds, follow each "
        "new item to its article page and store it once. Conditional GET (ETag, Last-Modified), a polite "
        "delay per host, timeouts and a size cap apply to every request. Ctrl-C or SIGTERM stops cleanly "
        "and prints a summary.",
        epilog="Example: newsdesk watch https://example.org/rss.xml feeds.opml --interval 600",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("feeds", nargs="+", metavar="FEED_URL|OPML", help="feed URLs and OPML lists (files or URLs)")
    p.add_argument("--interval", type=float, help="seconds between two polls of a feed (default: 900)")
    p.add_argument("--stages", default="extract,stories,ledger",
                      help="later stages to run on new articles, comma-separated, or 'none' (default: all)")
    p.add_argument("--once", action="store_true", help="poll every feed once, then exit")
    p.add_argument("--delay", type=float, help="seconds between two requests to one host (default: 1)")
    p.add_argument("--timeout", type=float, help="seconds per request (default: 20)")
    p.add_argument("--no-follow", action="store_true",
                   help="store the feed items' own text instead of fetching their article pages")
    p.add_argument("--quiet", "-q", action="store_true", help="print only errors and the summary")
    p.set_defaults(func=cmd_watch)


def _feed_options(args: argparse.Namespace, options: Options) -> Options:
    changes: dict[str, Any] = {}
    for flag, name in (("interval", "interval"), ("delay", "per_host_delay"), ("timeout", "timeout")):
        value = getattr(args, flag)
        if value is not None:
            if value < 0 or (flag == "timeout" and value == 0):
                raise ConfigError(f"--{flag} {value:g}: must be a positive number of seconds")
            changes[name] = value
    if args.no_follow:
        changes["follow_links"] = False
    return options.replace("feeds", **changes) if changes else options


def cmd_watch(args: argparse.Namespace, options: Options) -> int:
    from newsdesk.store import open_store
    from newsdesk.watch import watch

    options = _feed_options(args, options)
    stop = threading.Event()
    tty = is_tty(sys.stdout)

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    def on_event(name: str, payload: Any) -> None:
        if name == "error":
            err: InputError = payload
            say(f"newsdesk: {err.source}: {err.cause}")
        elif name == "poll" and not args.quiet:
            p = payload
            what = "not modified" if p.not_modified else (
                f"{p.read} read, {p.skipped} skipped (already read), {len(p.errors)} errors"
                + (f", {len(p.feeds)} feeds listed" if p.feeds else "")
                + ("" if p.complete else ", stopped before the end"))
            say(f"newsdesk: polled {p.url}: {what}")
        elif name == "article" and not args.quiet and not tty:
            article, result = payload
            sys.stdout.write(dumps({"id": article.id, "status": result.status, "title": article.title,
                                    "url": article.url, "source": article.source,
                                    "published": article.published, "origin": article.origin}) + "\n")
            sys.stdout.flush()

    def request_stop(signum: int, frame: object) -> None:
        if stop.is_set():  # asked twice: stop now
            raise KeyboardInterrupt
        stop.set()
        say(f"newsdesk: {signal.Signals(signum).name} received, stopping after the current item "
            "(again to interrupt)")

    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, request_stop)
    try:
        with open_store(options.store.db, options) as store:
            from newsdesk.cli._ingest import later_stages

            stages = later_stages(args.stages, options)
            try:
                summary = watch(args.feeds, store, options, stop=stop, on_event=on_event,
                                max_polls=1 if args.once else None, stages=stages)
            finally:
                for stage in stages:
                    stage.flush(store)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    row = {**summary.to_dict(), "db": options.store.db}
    if tty:
        emit_rows([row], list(row), title="watch")
    else:
        say("newsdesk: " + ", ".join(f"{k} {v}" for k, v in row.items()))
    if args.once and summary.errors and not (summary.read or summary.not_modified or summary.skipped):
        return 1  # nothing could be polled at all
    return 0
