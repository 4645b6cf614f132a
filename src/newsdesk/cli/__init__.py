"""The ``newsdesk`` command. Thin: each subcommand parses flags, calls one public function,
and prints its result (JSON lines when piped, a readable table on a terminal).

Each group of subcommands lives in its own ``_<name>.py`` module with a ``register(sub)``
function that adds its parsers; every parser sets ``func`` to a handler taking
``(args, options)`` and returning an exit code. Errors from the library
(:class:`newsdesk.errors.NewsdeskError`) become one line on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import sys
from collections.abc import Sequence

from newsdesk import __version__
from newsdesk.errors import NewsdeskError
from newsdesk.options import Options, load_options

__all__ = ["main", "build_parser"]

# Modules under newsdesk.cli that register subcommands, in the order --help lists them.
COMMAND_MODULES = (
    "_ingest",
    "_watch",
    "_extract",
    "_stories",
    "_ledger",
    "_serve",
    "_eval",
    "_bench",
    "_gazetteer",
)


# Options every command takes, before or after its name (``newsdesk --db x.db ingest ...`` or
# ``newsdesk ingest --db x.db ...``).
_GLOBAL_OPTIONS = (
    ("--config", "TOML file of options (default: $NEWSDESK_CONFIG)"),
    ("--db", "database: SQLite file or postgresql:// URL (default: $NEWSDESK_DB or ./newsdesk.db)"),
    ("--data-dir", "where built indexes live (default: $NEWSDESK_DATA or ~/.cache/newsdesk)"),
)


class _CommandParser(argparse.ArgumentParser):
    """A subcommand's parser: it also takes the global options (a command that defines one of
    them itself, like ``serve --db``, keeps its own)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("conflict_handler", "resolve")
        super().__init__(*args, **kwargs)
        for flag, help_text in _GLOBAL_OPTIONS:
            self.add_argument(flag, default=argparse.SUPPRESS, help=help_text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="Read the news like a careful wire editor: ingest reports, extract sourced facts, "
        "group them into stories and reconcile their figures.",
        epilog="Example: newsdesk ingest ../shared/seeds/ && newsdesk articles list",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    for flag, help_text in _GLOBAL_OPTIONS:
        parser.add_argument(flag, help=help_text)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"newsdesk.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"newsdesk.cli.{name}":
                continue  # that group is not built yet
            raise
        module.register(sub)
    return parser


def _options(args: argparse.Namespace) -> Options:
    opts = load_options(args.config)
    if args.db:
        opts = opts.replace("store", db=args.db)
    if args.data_dir:
        opts = dataclasses.replace(opts, data_dir=args.data_dir)
    return opts


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        options = _options(args)
        return int(args.func(args, options) or 0)
    except NewsdeskError as exc:
        print(f"newsdesk: error {exc.code}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
