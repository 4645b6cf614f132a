"""The web application: the REST API (``api/routes.py``) and the dashboard (``web/``) in one process.

``create_app(options)`` builds a FastAPI app over the store named by ``options.store.db``
(opened when the app starts, closed when it stops); ``serve(options)`` runs it on uvicorn.
The dashboard is static HTML, CSS and JavaScript shipped in the package (no CDN, no network):
its pages call the API and build the DOM with ``textContent`` only, so article text, which is
untrusted, is never parsed as HTML. A strict Content-Security-Policy (scripts and styles from
the server itself only) is a second line of defence.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import AsyncIterator, Sequence
from importlib import resources
from typing import Any

import anyio
import anyio.to_thread
from fastapi import FastAPI
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from newsdesk import __version__
from newsdesk.api.cache import CacheMiddleware
from newsdesk.api.errors import ApiError, install_error_handlers
from newsdesk.api.routes import router
from newsdesk.errors import StoreError
from newsdesk.options import Options
from newsdesk.store.base import Store

__all__ = ["CSP", "PAGES", "app_from_environment", "create_app", "request_threads", "serve"]

log = logging.getLogger("newsdesk.api")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_PAGE_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                 "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache"}

# dashboard path -> page file in newsdesk/web/templates
PAGES = {"/": "index.html", "/ui/map": "map.html", "/ui/timeline": "timeline.html", "/ui/search": "search.html",
         "/docs": "docs.html"}

_DESCRIPTION = """\
The stories, sourced figures and events newsdesk keeps, as JSON. Lists are paged with
cursors (`next_cursor` -> `?cursor=`); every error has one shape (`ErrorBody`).
`POST /articles` needs the API key (`X-API-Key` or `Authorization: Bearer`); without one
configured (`NEWSDESK_API_KEY`) the server is read-only. The dashboard is at `/`.
"""


_HEADER_MARK = b"<!-- newsdesk:header -->\n"


def _page(name: str) -> bytes:
    """A dashboard page, with the site header and navigation (``_header.html``, shared by every
    page) put in place of its marker. Pages are read once, when the app is made."""
    templates = resources.files("newsdesk.web").joinpath("templates")
    return templates.joinpath(name).read_bytes().replace(_HEADER_MARK, templates.joinpath("_header.html").read_bytes())


def request_threads(options: Options) -> int:
    """Threads that run the routes (each with its own SQLite read connection). SQLite lets go
    of the GIL while it works, so two per core keep the cores busy; more (anyio's default is 40)
    only make them take turns at the GIL, and the event loop, which answers cache hits, waits
    behind them."""
    if options.serve.threads > 0:
        return options.serve.threads
    return max(4, 2 * (os.cpu_count() or 1))


def _later_stages(options: Options) -> list[Any]:
    from newsdesk.stages import LaterStages

    return [LaterStages(options)]


def create_app(options: Options | None = None, *, store: Store | None = None,
               stages: Sequence[Any] | None = None) -> FastAPI:
    """The app. ``store`` serves an already-open store (left open at shutdown); otherwise the
    store named by ``options.store.db`` is opened at startup. ``stages`` run on reports posted
    to ``POST /articles`` (the runner's stage hook; default: read, stories and ledger, as
    ``newsdesk ingest`` runs them; ``[]`` stores the reports only)."""
    options = options or Options()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = request_threads(options)
        app.state.search_limiter = anyio.CapacityLimiter(request_threads(options))  # /search: threads of its own
        own = store is None
        if own:
            from newsdesk.store import open_store

            app.state.store = open_store(options.store.db, options)
        try:
            yield
        finally:
            for stage in app.state.stages or ():
                flush = getattr(stage, "flush", None)
                if flush is not None:
                    flush(app.state.store)  # keep the story clusterer's state for the next start
            if own:
                app.state.store.close()

    app = FastAPI(title="newsdesk", version=__version__, description=_DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None,  # FastAPI's pages load Swagger UI from a CDN: /docs is ours
                  openapi_tags=[{"name": n} for n in ("stories", "articles", "events", "figures", "search", "meta")])
    app.state.options = options
    app.state.stages = list(stages) if stages is not None else _later_stages(options)
    app.state.write_lock = threading.Lock()  # one POST at a time: the stages keep state between batches
    if store is not None:
        app.state.store = store
    install_error_handlers(app)
    app.include_router(router)
    app.add_middleware(CacheMiddleware, seconds=options.serve.cache_seconds, version=lambda: _data_version(app))

    pages = {path: _page(name) for path, name in PAGES.items()}
    story_page = _page("story.html")

    def page_route(body: bytes) -> Any:
        def route() -> Response:
            return Response(body, media_type="text/html; charset=utf-8", headers=_PAGE_HEADERS)

        return route

    for path, body in pages.items():
        app.add_api_route(path, page_route(body), methods=["GET"], include_in_schema=False)

    @app.get("/ui/story/{story_id}", include_in_schema=False)
    def story(story_id: str) -> Response:
        return Response(story_page, media_type="text/html; charset=utf-8", headers=_PAGE_HEADERS)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        raise ApiError(404, "no favicon")

    static = resources.files("newsdesk.web").joinpath("static")
    app.mount("/static", _Static(directory=str(static)), name="static")
    return app


def _data_version(app: FastAPI) -> Any:
    """The served store's data version, which changes whenever the database does (SQLite's
    ``PRAGMA data_version``, read on the event loop's own connection); None for other stores and
    for an in-memory database (one connection, whose own writes do not change its version)."""
    from newsdesk.store.sqlite import SQLiteStore
    from newsdesk.store.sqlite_views import data_version

    store = getattr(app.state, "store", None)
    if not isinstance(store, SQLiteStore) or store._memory:
        return None
    try:
        return data_version(store)
    except (sqlite3.Error, StoreError):  # cannot tell now (closed, busy): the time bound alone applies
        return None


class _Static(StaticFiles):
    """Static files with a cache lifetime and no content sniffing."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers.setdefault("Cache-Control", "public, max-age=3600")
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


_OPTIONS_ENV = "NEWSDESK_SERVE_OPTIONS"


def app_from_environment() -> FastAPI:
    """The app of one worker process of ``serve(workers=N)``: options from the parent (as JSON)."""
    import json

    from newsdesk.store.jsonrecords import records_from_dict

    return create_app(records_from_dict(Options, json.loads(os.environ[_OPTIONS_ENV])))


def serve(options: Options, *, host: str | None = None, port: int | None = None, log_level: str = "info",
          workers: int = 1) -> None:
    """Run the app on uvicorn until interrupted (blocks). ``workers`` > 1 runs that many processes
    on one socket (each with its own read connections; SQLite WAL lets them read side by side)."""
    import uvicorn

    host, port = host or options.serve.host, port or options.serve.port
    if workers > 1:
        import json

        from newsdesk.records import to_jsonable

        os.environ[_OPTIONS_ENV] = json.dumps(to_jsonable(options))
        uvicorn.run("newsdesk.api.app:app_from_environment", factory=True, host=host, port=port,
                    log_level=log_level, access_log=False, workers=workers)
        return
    uvicorn.run(create_app(options), host=host, port=port, log_level=log_level, access_log=False)
