"""``newsdesk serve``: the REST API and the dashboard on one local port (FastAPI on uvicorn)."""

from __future__ import annotations

import argparse

from newsdesk.errors import ConfigError
from newsdesk.options import Options

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the REST API and the dashboard",
        description="Serve the REST API (JSON, OpenAPI schema at /openapi.json and /docs) and the dashboard "
        "(front page, stories with their ledgers, map, timeline, search) from the database. "
        "Works offline. POST /articles needs NEWSDESK_API_KEY; without it the server is read-only.",
        epilog="Example: newsdesk --db news.db serve --port 8000   # then open http://127.0.0.1:8000/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--host", help="address to listen on (default: 127.0.0.1; 0.0.0.0 exposes it to the network)")
    p.add_argument("--port", type=int, help="port (default: 8000)")
    p.add_argument("--db", dest="serve_db", help="database to serve (same as the global --db)")
    p.add_argument("--workers", type=int, default=1, help="server processes (default: 1; one per core serves more)")
    p.add_argument("--threads", type=int, help="threads per process that run requests (default: serve.threads, "
                   "else two per core, at least 4)")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace, options: Options) -> int:
    from newsdesk.api import serve

    if args.serve_db:
        options = options.replace("store", db=args.serve_db)
    if args.port is not None and not 0 < args.port < 65536:
        raise ConfigError(f"--port {args.port}: not a port number", hint="use 1-65535")
    if args.workers < 1:
        raise ConfigError(f"--workers {args.workers}: need at least one")
    if args.threads is not None:
        if args.threads < 1:
            raise ConfigError(f"--threads {args.threads}: need at least one")
        options = options.replace("serve", threads=args.threads)
    serve(options, host=args.host, port=args.port, log_level=args.log_level, workers=args.workers)
    return 0
