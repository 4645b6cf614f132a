"""``newsdesk eval NAME``: score a stage on the shared evaluation sets and print a table.

Each evaluation is a function ``run(options, args) -> dict`` in its stage's ``evaluate``
module, returning ``{"rows": [...], "columns": [...], "title": str}`` plus any extra keys.
"""

from __future__ import annotations

import argparse
import importlib

from newsdesk.cli._output import emit_json, emit_rows, is_tty
from newsdesk.errors import ConfigError
from newsdesk.options import Options

EVALS = {
    "places": "newsdesk.geo.evaluate:run",
    "figures": "newsdesk.extract.evaluate:run_figures",
    "types": "newsdesk.extract.evaluate:run_types",
    "stories": "newsdesk.stories.evaluate:run",
    "ledger": "newsdesk.ledger.handcheck:run",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="score a stage on the shared evaluation sets",
        description="Score a stage on the public sets in ../shared/bench and print a table.",
        epilog="Example: newsdesk eval places --set lgl --limit 100",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("name", choices=sorted(EVALS), help="what to evaluate")
    p.add_argument("--shared", help="folder of the shared data (default: $NEWSDESK_SHARED or ../shared)")
    p.add_argument("--set", dest="subset", help="which set or split (e.g. lgl, geovirus, test, dev)")
    p.add_argument("--limit", type=int, help="score only the first N documents")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.set_defaults(func=_run)


def resolve(target: str):
    module, _, func = target.partition(":")
    try:
        return getattr(importlib.import_module(module), func)
    except (ModuleNotFoundError, AttributeError) as exc:
        raise ConfigError(f"{target} is not available ({exc})") from None


def run_and_show(target: str, args: argparse.Namespace, options: Options) -> int:
    """Call an evaluation or benchmark ``run(options, args)`` and print its table (JSON when piped
    or with ``--json``). Shared by ``newsdesk eval`` and ``newsdesk bench``."""
    result = resolve(target)(options, vars(args))
    if args.json or not is_tty():
        emit_json(result)
    else:
        emit_rows(result["rows"], result["columns"], title=result.get("title"))
    return 0


def _run(args: argparse.Namespace, options: Options) -> int:
    return run_and_show(EVALS[args.name], args, options)
