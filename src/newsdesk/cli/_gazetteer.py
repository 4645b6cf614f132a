"""``newsdesk gazetteer build|lookup`` and ``newsdesk places``: the place index and the places stage."""

from __future__ import annotations

import argparse
import sys
import time

from newsdesk.cli._output import emit_jsonl, emit_rows, is_tty
from newsdesk.errors import InputError
from newsdesk.options import Options

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    g = sub.add_parser(
        "gazetteer",
        help="build or query the place index",
        description="Build the gazetteer index from the installed data packages (GeoNames cities500, "
                    "countrystatecity, pycountry, zipcodes) into the data directory, or look a name up.",
        epilog="Example: newsdesk gazetteer build && newsdesk gazetteer lookup Kiew",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    gsub = g.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    b = gsub.add_parser("build", help="build the index (once; nothing is downloaded)",
                        epilog="Example: newsdesk gazetteer build --force",
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("--force", action="store_true", help="rebuild even if the index exists")
    b.set_defaults(func=_build)
    lk = gsub.add_parser("lookup", help="every place called NAME, in any language or script",
                         epilog="Example: newsdesk gazetteer lookup Київ",
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    lk.add_argument("name", help="a place name (Kyiv, Kiew, Київ, W.Va., ...)")
    lk.add_argument("--limit", type=int, default=10, help="at most this many places (default 10)")
    lk.set_defaults(func=_lookup)
    g.set_defaults(func=lambda args, options: (g.print_help(), 2)[1])

    p = sub.add_parser(
        "places",
        help="find and resolve the places named in a text",
        description="Print the places found in a text file (or stdin with -), one JSON object per line.",
        epilog="Example: echo 'Shelling hit Kharkiv and Belgorod, Russia.' | newsdesk places -",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", help="a text file, or - for stdin")
    p.add_argument("--language", help="ISO 639-1 code of the text (helps Russian/Ukrainian case endings)")
    p.add_argument("--url", help="the article's URL (its domain hints at the outlet's home region)")
    p.add_argument("--demonyms", action="store_true", help="also read adjectives of places as places")
    p.set_defaults(func=_places)


def _build(args: argparse.Namespace, options: Options) -> int:
    from newsdesk.geo.build import build_index
    from newsdesk.geo.gazetteer import Gazetteer

    t0 = time.perf_counter()
    path = build_index(options.data_path(), force=args.force)
    built = time.perf_counter() - t0
    t1 = time.perf_counter()
    gaz = Gazetteer.load(options)
    loaded = time.perf_counter() - t1
    row = {"index": str(path), "places": len(gaz), "names": len(gaz.index), "build_s": round(built, 2),
           "load_s": round(loaded, 2), "megabytes": round(path.stat().st_size / 1e6, 1)}
    emit_rows([row], list(row), title="gazetteer")
    return 0


def _lookup(args: argparse.Namespace, options: Options) -> int:
    from newsdesk.geo.gazetteer import Gazetteer

    gaz = Gazetteer.load(options)
    entries = gaz.lookup(args.name)[: args.limit]
    cols = ["geonameid", "name", "country", "admin1", "kind", "lat", "lon", "population"]
    emit_rows([{c: getattr(e, c) for c in cols} for e in entries], cols, title=f"places called {args.name!r}")
    return 0 if entries else 1


def _places(args: argparse.Namespace, options: Options) -> int:
    from newsdesk.geo import Gazetteer, find_places

    if args.path == "-":
        text = sys.stdin.read()
    else:
        try:
            with open(args.path, encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(args.path, f"cannot read the text ({exc})") from None
    if args.demonyms:
        options = options.replace("geo", demonyms=True)
    gaz = Gazetteer.load(options)
    places = find_places(text, gaz, options, language=args.language, url=args.url)
    if is_tty():
        cols = ["start", "end", "text", "name", "country", "admin1", "kind", "lat", "lon", "score"]
        emit_rows([{c: getattr(p, c) for c in cols} for p in places], cols, title="places")
    else:
        emit_jsonl(places)
    return 0

