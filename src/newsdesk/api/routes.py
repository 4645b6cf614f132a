"""The REST API: articles, stories, events, figures, search, health, and ``POST /articles``.

Routes are plain functions run in the server's thread pool; each reads through the store's
per-thread read connection (SQLite WAL: readers never wait for the writer). Answers are
built as JSON directly, in the shapes of :mod:`newsdesk.api.schemas` (declared for OpenAPI).
"""

from __future__ import annotations

import functools
import hmac
import json
import re
import time
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import Response

from newsdesk import __version__
from newsdesk.api import schemas
from newsdesk.api.errors import ApiError
from newsdesk.errors import InputError
from newsdesk.options import Options
from newsdesk.records import EVENT_TYPES, FIGURE_CATEGORIES, STANCES, Story, to_jsonable
from newsdesk.store.base import ArticleQuery, EventQuery, FigureQuery, SearchQuery, Store, StoryQuery

try:
    import orjson
except ImportError:  # optional: the standard library's json gives the same bytes, slower
    orjson = None  # type: ignore[assignment]

__all__ = ["MARK_CLOSE", "MARK_OPEN", "json_body", "json_response", "parse_time", "router", "split_marks"]

router = APIRouter()

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # private-use marks around matched words, never shown
_MARK_SPLIT = re.compile(f"([{MARK_OPEN}{MARK_CLOSE}])")
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorBody, "description": text}
    for code, text in ((400, "a parameter the store refuses (bad cursor, ...)"), (404, "not found"),
                       (422, "invalid parameters"), (500, "server error"))}
_WRITE_ERRORS = {**_ERRORS, 401: {"model": schemas.ErrorBody, "description": "missing or wrong API key"},
                 403: {"model": schemas.ErrorBody, "description": "the server is read-only (no API key set)"}}

Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Cursor = Annotated[str | None, Query(description="from next_cursor of the previous page")]
Since = Annotated[str | None, Query(description="ISO 8601 date or datetime (inclusive)", examples=["2023-12-30"])]
Until = Annotated[str | None, Query(description="ISO 8601 date or datetime (exclusive)", examples=["2024-01-01"])]


def json_body(obj: Any) -> bytes:
    """Compact UTF-8 JSON: orjson when it is installed (several times faster on the API's hot
    path), else the standard library. Both give the same JSON values (a float may be spelled
    differently: ``1e-06`` / ``1e-6``); orjson writes NaN as null where json refuses it."""
    if orjson is not None:
        return orjson.dumps(obj)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def json_response(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json_body(obj), status_code=status, media_type="application/json", headers=headers)


def _store(request: Request) -> Store:
    return request.app.state.store


def _options(request: Request) -> Options:
    return request.app.state.options


def parse_time(value: str | None, name: str) -> datetime | None:
    """An ISO 8601 date or datetime from a query parameter (naive means UTC), or a 422 naming it."""
    if value is None or value == "":
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ApiError(422, f"invalid request: {name}", details=[
            {"field": f"query.{name}", "problem": f"{value!r} is not an ISO 8601 date or datetime"}]) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _day(value: str | None, name: str) -> str | None:
    """A UTC day (``YYYY-MM-DD``) from a date or datetime parameter."""
    parsed = parse_time(value, name)
    return None if parsed is None else parsed.astimezone(UTC).date().isoformat()


def split_marks(snippet: str) -> tuple[str, list[list[int]]]:
    """The snippet without the match marks, and the [start, end] offsets of the marked words."""
    out: list[str] = []
    spans: list[list[int]] = []
    pos, start = 0, None
    for piece in _MARK_SPLIT.split(snippet):  # text and single marks, in order
        if piece == MARK_OPEN:
            start = pos
        elif piece == MARK_CLOSE:
            if start is not None and pos > start:
                spans.append([start, pos])
            start = None
        elif piece:
            out.append(piece)
            pos += len(piece)
    return "".join(out), spans


# --- health ------------------------------------------------------------------------------------


@router.get("/health", response_model=schemas.Health, tags=["meta"], summary="Is the server up, and what it holds")
def health(request: Request) -> Response:
    store, state = _store(request), request.app.state
    cached = getattr(state, "stats", None)
    if cached is None or time.monotonic() - cached[0] > 30:  # stats() counts the whole database
        cached = state.stats = (time.monotonic(), store.stats())
    stats = cached[1]
    return json_response({"ok": True, "version": __version__, "db": str(stats.get("db", "")),
                          "articles": stats.get("articles", 0), "stories": stats.get("stories", 0),
                          "writable": bool(_options(request).serve.api_key)})


# --- articles -----------------------------------------------------------------------------------


@router.get("/articles", response_model=schemas.ArticlePage, responses=_ERRORS, tags=["articles"],
            summary="Stored reports, newest first")
def list_articles(request: Request, limit: Limit = 50, cursor: Cursor = None,
                  source: Annotated[str | None, Query(description="outlet name or domain")] = None,
                  language: Annotated[str | None, Query(description="ISO 639-1")] = None,
                  since: Since = None, until: Until = None) -> Response:
    store = _store(request)
    page, next_cursor = store.list_articles(ArticleQuery(
        limit=limit, cursor=cursor, source=source, language=language,
        since=parse_time(since, "since"), until=parse_time(until, "until")))
    headers = {h["id"]: h for h in store.article_headers([a.id for a in page])}
    return json_response({"items": [headers.get(a.id) or _header(a) for a in page], "next_cursor": next_cursor})


def _header(a: Any) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "source": a.source, "url": a.url,
            "published": a.published.isoformat() if a.published else None, "language": a.language,
            "story": None, "duplicate_of": None}


@router.get("/articles/{article_id}", response_model=schemas.ArticleDetail, responses=_ERRORS, tags=["articles"],
            summary="One report with its text and the places, figures and events read in it")
def get_article(request: Request, article_id: str) -> Response:
    store = _store(request)
    article = store.get_article(article_id)
    if article is None:
        raise ApiError(404, f"article {article_id!r} not found")
    reading = store.get_reading(article_id)
    data = to_jsonable(article)
    head = store.article_headers([article_id])
    data.update(story=head[0]["story"] if head else None, duplicate_of=head[0]["duplicate_of"] if head else None)
    for key in ("content_hash", "origin", "meta", "language_confidence"):
        data.pop(key, None)
    data["read"] = reading is not None
    data["places"] = to_jsonable(reading.places) if reading else []
    data["figures"] = to_jsonable(reading.figures) if reading else []
    data["events"] = to_jsonable(reading.events) if reading else []
    return json_response(data)


def _api_key(request: Request) -> None:
    """``POST`` needs the configured key in ``X-API-Key`` or ``Authorization: Bearer``."""
    expected = _options(request).serve.api_key
    if not expected:
        raise ApiError(403, "the server is read-only: no API key is configured",
                       details=[{"field": "server", "problem": "set NEWSDESK_API_KEY (or serve.api_key) "
                                                               "and restart to accept reports"}])
    given = request.headers.get("x-api-key")
    auth = request.headers.get("authorization", "")
    if given is None and auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not given:
        raise ApiError(401, "an API key is needed: send it as X-API-Key or Authorization: Bearer",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError(401, "wrong API key", headers={"WWW-Authenticate": "Bearer"})


IngestBody = Annotated[
    dict[str, Any] | list[dict[str, Any]],
    Body(description="one news record or a list of them, with the field names `newsdesk ingest` reads in JSON "
                     "(title, text, url, published, source, language, ...)",
         examples=[{"title": "Strikes on Kharkiv", "text": "At least 22 people were injured ...",
                    "source": "example.org", "published": "2023-12-31T10:32:00Z"}])]


@router.post("/articles", response_model=schemas.IngestAnswer, responses=_WRITE_ERRORS, tags=["articles"],
             status_code=201, dependencies=[Depends(_api_key)],
             summary="Ingest reports (needs the API key)")
def post_articles(request: Request, body: IngestBody) -> Response:
    from newsdesk.ingest.jsonl import article_from_record
    from newsdesk.runner import ingest

    options = _options(request)
    records = body if isinstance(body, list) else [body]
    if not records:
        raise ApiError(422, "invalid request: body", details=[{"field": "body", "problem": "no records"}])
    if len(records) > 1000:
        raise ApiError(413, f"too many records ({len(records)}); send at most 1000 per request")
    items: list[dict[str, Any]] = []

    def articles():
        for i, record in enumerate(records):
            origin = f"records[{i}]"
            try:
                yield article_from_record(record, origin=origin, options=options)
            except InputError as exc:
                yield exc

    def on_event(name: str, payload: Any) -> None:
        if name == "article":
            a, res = payload
            items.append({"id": res.id, "status": res.status, "duplicate_of": res.duplicate_of,
                          "reason": res.reason, "input": a.origin})
        elif name == "error":
            items.append({"id": None, "status": "error", "duplicate_of": None, "reason": payload.cause,
                          "input": payload.source})

    with request.app.state.write_lock:
        summary = ingest([], _store(request), options, articles=articles(), on_event=on_event,
                         stages=request.app.state.stages)
    ok = not summary.errors
    return json_response({"ok": ok, "stored": summary.stored, "duplicates": summary.duplicates,
                          "errors": len(summary.errors), "items": items}, status=201 if summary.stored else 200)


# --- stories ------------------------------------------------------------------------------------


def story_summary(story: Story, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": story.id, "title": story.title,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        "breaking": story.breaking, "breaking_at": story.breaking_at.isoformat() if story.breaking_at else None,
        "closed": story.closed, "reports": len(story.articles), "sources": story.sources,
        "languages": story.languages, "places": extra.get("places", [])[:8], "headline": extra.get("tallies", [])[:4],
    }


@router.get("/stories", response_model=schemas.StoryPage, responses=_ERRORS, tags=["stories"],
            summary="Stories (reports grouped across outlets and languages), with filters and cursor pages")
def list_stories(
        request: Request, limit: Limit = 50, cursor: Cursor = None, since: Since = None, until: Until = None,
        place: Annotated[str | None, Query(description="a place name, or an ISO 3166-1 alpha-2 country code")] = None,
        country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 country code", min_length=2,
                                             max_length=2)] = None,
        event_type: Annotated[Literal[EVENT_TYPES] | None, Query(description="ACLED event type")] = None,  # type: ignore[valid-type]
        language: Annotated[str | None, Query(description="ISO 639-1")] = None,
        breaking: Annotated[bool | None, Query(description="only breaking (true) or only other (false) stories")] = None,
        sort: Annotated[Literal["last_seen", "first_seen", "reports"], Query(
            description="newest report, first report, or most reports first")] = "last_seen",
) -> Response:
    store = _store(request)
    page, next_cursor = store.query_stories(StoryQuery(
        limit=limit, cursor=cursor, since=parse_time(since, "since"), until=parse_time(until, "until"),
        place=place or country, event_type=event_type, language=language, breaking=breaking, sort=sort))
    extra = store.story_summaries([s.id for s in page])
    return json_response({"items": [story_summary(s, extra.get(s.id, {})) for s in page],
                          "next_cursor": next_cursor})


@router.get("/stories/{story_id}", response_model=schemas.StoryDetail, responses=_ERRORS, tags=["stories"],
            summary="One story: its reports, sources, languages and ledger")
def get_story(request: Request, story_id: str) -> Response:
    store = _store(request)
    story = store.get_story(story_id)
    if story is None:
        raise ApiError(404, f"story {story_id!r} not found")
    extra = store.story_summaries([story_id]).get(story_id, {})
    data = story_summary(story, extra)
    data["places"] = extra.get("places", [])
    data["headline"] = extra.get("tallies", [])
    reports = store.article_headers(story.articles)
    reports.sort(key=lambda h: (h["published"] is None, _sort_key(h["published"]), h["id"]))
    data["articles"] = reports
    data["ledger"] = store.get_ledger_dict(story_id)  # passed on as stored: no records made
    return json_response(data)


def _sort_key(published: str | None) -> str:
    if not published:
        return ""
    try:
        return datetime.fromisoformat(published).astimezone(UTC).isoformat()
    except ValueError:
        return published


# --- events and figures -------------------------------------------------------------------------


@router.get("/events", response_model=schemas.EventPage, responses={
    **_ERRORS, 200: {"description": "a page of events; with format=geojson a GeoJSON FeatureCollection of the "
                                    "located ones", "content": {"application/geo+json": {}}}},
            tags=["events"], summary="Events (ACLED types) across reports, newest first; also as GeoJSON")
def list_events(
        request: Request, limit: Annotated[int, Query(ge=1, le=5000)] = 100, cursor: Cursor = None,
        since: Since = None, until: Until = None,
        type: Annotated[Literal[EVENT_TYPES] | None, Query(description="ACLED event type")] = None,  # type: ignore[valid-type]
        place: Annotated[str | None, Query(description="place name or ISO country code")] = None,
        story: str | None = None, article: str | None = None,
        format: Annotated[Literal["json", "geojson"], Query(description="geojson: located events as a "
                                                                        "FeatureCollection")] = "json",
) -> Response:
    geo = format == "geojson"
    page, next_cursor = _store(request).query_events(EventQuery(
        limit=limit, cursor=cursor, since=_day(since, "since"), until=_day(until, "until"), type=type,
        place=place, story=story, article=article, located=geo))
    if not geo:
        return json_response({"items": page, "next_cursor": next_cursor})
    features = [{"type": "Feature", "id": f"{e['article']}:{e['index']}",
                 "geometry": {"type": "Point", "coordinates": [e["lon"], e["lat"]]},
                 "properties": {k: v for k, v in e.items() if k not in ("lat", "lon")}} for e in page]
    body = json_body({"type": "FeatureCollection", "features": features, "next_cursor": next_cursor})
    return Response(body, media_type="application/geo+json")


@router.get("/figures", response_model=schemas.FigurePage, responses=_ERRORS, tags=["figures"],
            summary="Figures (counts of killed, injured, ...) across reports, newest report first")
def list_figures(
        request: Request, limit: Annotated[int, Query(ge=1, le=5000)] = 100, cursor: Cursor = None,
        since: Since = None, until: Until = None,
        category: Annotated[Literal[FIGURE_CATEGORIES] | None, Query()] = None,  # type: ignore[valid-type]
        stance: Annotated[Literal[STANCES] | None, Query()] = None,  # type: ignore[valid-type]
        place: str | None = None, story: str | None = None, article: str | None = None,
) -> Response:
    page, next_cursor = _store(request).query_figures(FigureQuery(
        limit=limit, cursor=cursor, since=parse_time(since, "since"), until=parse_time(until, "until"),
        category=category, stance=stance, place=place, story=story, article=article))
    return json_response({"items": page, "next_cursor": next_cursor})


# --- search ---------------------------------------------------------------------------------------


@router.get("/search", response_model=schemas.SearchPage, responses=_ERRORS, tags=["search"],
            summary="Full-text search over titles and texts, best match first, with snippets")
async def search(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=500, description="words (all must match), \"a phrase\", "
                                                                         "or FTS5 syntax (OR, NOT, prefix*)")],
        limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Annotated[int, Query(ge=0, le=10000)] = 0,
        language: str | None = None, source: str | None = None, since: Since = None, until: Until = None,
) -> Response:
    # Searches (a few ms of SQLite each) run on threads of their own (app.state.search_limiter), so
    # that a burst of them never holds up the cheaper pages queued behind them (no docstring: it
    # would become the OpenAPI description).
    if not q.strip():
        raise ApiError(422, "invalid request: q", details=[{"field": "query.q", "problem": "give one or more words"}])
    answer = functools.partial(_search_answer, request, q, limit, offset, language, source, since, until)
    return await anyio.to_thread.run_sync(answer, limiter=getattr(request.app.state, "search_limiter", None))


def _search_answer(request: Request, q: str, limit: int, offset: int, language: str | None, source: str | None,
                   since: str | None, until: str | None) -> Response:
    window = _options(request).serve.search_window or None  # a very common query: the latest this many matches
    hits = _store(request).search_articles(SearchQuery(
        text=q, limit=limit + 1, offset=offset, language=language, source=source,
        since=parse_time(since, "since"), until=parse_time(until, "until"), marks=(MARK_OPEN, MARK_CLOSE),
        window=window))
    items = []
    for h in hits[:limit]:
        snippet, spans = split_marks(h.snippet)
        items.append({"id": h.id, "title": h.title, "source": h.source,
                      "published": h.published.isoformat() if h.published else None,
                      "snippet": snippet, "highlights": spans, "rank": h.rank})
    windowed = any(h.windowed for h in hits)
    return json_response({"query": q, "items": items, "next_offset": offset + limit if len(hits) > limit else None,
                          "ranked_among": window if windowed else None})
