"""``newsdesk bench STAGE``: measure a stage's speed and memory; results go to docs/benchmarks.md.

Each benchmark is a function ``run(options, args) -> dict`` in its stage's ``bench``
module, returning ``{"rows": [...], "columns": [...], "title": str}`` plus any extra keys.
"""

from __future__ import annotations

import argparse

from newsdesk.cli._eval import run_and_show
from newsdesk.options import Options

BENCHES = {
    "ingest": "newsdesk.ingest.bench:run",
    "places": "newsdesk.geo.bench:run",
    "extract": "newsdesk.extract.bench:run",
    "stories": "newsdesk.stories.bench:run",
    "ledger": "newsdesk.ledger.bench:run",
    "serve": "newsdesk.api.bench:run",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bench",
        help="measure a stage's speed and memory",
        description="Measure a stage's throughput and memory on real or replayed texts.",
        epilog="Example: newsdesk bench ingest --n 5000",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("stage", choices=sorted(BENCHES), help="which stage")
    p.add_argument("--shared", help="folder of the shared data (default: $NEWSDESK_SHARED or ../shared)")
    p.add_argument("--n", type=int, help="how many articles (stage-specific default)")
    p.add_argument("--quick", action="store_true", help="a short run (smoke test)")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace, options: Options) -> int:
    return run_and_show(BENCHES[args.stage], args, options)
