"""Read queries of the SQLite store for the REST API and the dashboard (``newsdesk serve``).

They read the query tables of migration ``0004_serve_index`` (events, figures and places of
each reading, tallies of each ledger), which triggers keep in step with the JSON records.
Every function takes the :class:`~newsdesk.store.sqlite.SQLiteStore` and reads through its
per-thread read connection; none writes. Pages use keyset cursors (opaque base64 JSON of the
last row's sort key), so a page costs the same however deep it is.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from newsdesk.errors import StoreError
from newsdesk.records import EVENT_TYPES, Story
from newsdesk.store.base import EventQuery, FigureQuery, SearchHit, SearchQuery, StoryQuery

if TYPE_CHECKING:
    from newsdesk.store.sqlite import SQLiteStore

__all__ = [
    "STORY_SORTS",
    "article_headers",
    "data_version",
    "query_events",
    "query_figures",
    "query_stories",
    "search_articles",
    "story_summaries",
]

STORY_SORTS = {
    "last_seen": "coalesce(s.last_seen, '')",
    "first_seen": "coalesce(s.first_seen, '')",
    "reports": "json_array_length(s.json, '$.articles')",
}
MAX_LIMIT = 5000


def _encode(key: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def _decode(cursor: str, size: int) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4))
        key = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        key = None
    if not isinstance(key, list) or len(key) != size:
        raise StoreError(f"invalid cursor {cursor!r}", hint="pass the cursor returned by the previous page")
    return key


def _utc(value: Any) -> str | None:
    from newsdesk.store.sqlite import _utc as utc

    return utc(value)


def _limit(value: int) -> int:
    return max(1, min(MAX_LIMIT, int(value)))


def _place_condition(alias: str, place: str, name_col: str = "name", country_col: str = "country"
                     ) -> tuple[str, list[Any]]:
    """A place filter: its name (any case), or an ISO country code when it looks like one."""
    place = place.strip()
    if len(place) == 2 and place.isalpha():
        return (f"({alias}.{country_col} = ? OR {alias}.{name_col} = ? COLLATE NOCASE)", [place.upper(), place])
    return f"{alias}.{name_col} = ? COLLATE NOCASE", [place]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_COUNT_CAP = 5000  # facet sizes are counted up to this many stories (a larger one never drives)


def _facet_groups(query: StoryQuery) -> list[list[str]]:
    """The story filters as facets of migration ``0006_story_facets``: a story passes a group
    when it holds any facet of it (a two-letter place is a country code or a place name)."""
    groups = []
    if query.place and query.place.strip():
        place = query.place.strip()
        name = "p:" + place.translate(_ASCII_LOWER)  # COLLATE NOCASE folds ASCII letters only
        groups.append(["c:" + place.upper(), name] if len(place) == 2 and place.isalpha() else [name])
    if query.event_type:
        groups.append(["e:" + query.event_type])
    if query.language:
        groups.append(["l:" + query.language])
    return groups


def query_stories(store: SQLiteStore, query: StoryQuery) -> tuple[list[Story], str | None]:
    if query.sort not in STORY_SORTS:
        raise StoreError(f"unknown sort {query.sort!r}", hint=f"use one of: {', '.join(STORY_SORTS)}")
    if query.event_type is not None and query.event_type not in EVENT_TYPES:
        raise StoreError(f"unknown event type {query.event_type!r}", hint="see records.EVENT_TYPES")
    key = STORY_SORTS[query.sort]
    where: list[str] = []
    params: list[Any] = []
    if query.breaking is not None:
        where.append("s.breaking = ?")
        params.append(int(query.breaking))
    if query.since is not None:
        where.append("s.last_seen >= ?")
        params.append(_utc(query.since))
    if query.until is not None:
        where.append("s.first_seen < ?")
        params.append(_utc(query.until))
    if query.cursor:
        where.append(f"({key}, s.id) < (?, ?)")
        params.extend(_decode(query.cursor, 2))
    limit = _limit(query.limit)
    # Facet filters (place, event type, language): each is a primary-key probe of story_facets
    # per story, down the sort order, which soon fills a page when the values are common. When
    # the rarest value is held by fewer stories than that walk is expected to visit, its stories
    # (from the index) drive the query instead and are sorted.
    groups = _facet_groups(query)
    source = "stories s"
    if groups:
        counts = [store._read(f"SELECT count(*) FROM (SELECT 1 FROM story_facets WHERE facet IN ({_marks(len(g))}) "
                              f"LIMIT {_COUNT_CAP})", g)[0][0] for g in groups]
        total = max(1, store._read("SELECT max(rowid) FROM stories")[0][0] or 1)
        rarest = min(range(len(groups)), key=counts.__getitem__)
        share = 1.0
        for c in counts:
            share *= min(1.0, c / total)
        walk = (limit + 1) / share if share > 0 else float("inf")  # stories visited down the sort order
        if counts[rarest] == 0:
            return [], None
        # an index range and a sort cost more per story than a probe down the sort order
        drive = counts[rarest] < min(_COUNT_CAP, min(walk, total) / 4)
        for i, group in enumerate(groups):
            if drive and i == rarest:
                source = (f"(SELECT DISTINCT story_id FROM story_facets WHERE facet IN ({_marks(len(group))})) AS d "
                          "CROSS JOIN stories s ON s.id = d.story_id")
                params[:0] = group
            else:
                where.append(f"EXISTS (SELECT 1 FROM story_facets f WHERE f.facet IN ({_marks(len(group))}) "
                             "AND f.story_id = s.id)")
                params.extend(group)
    sql = (f"SELECT s.json, {key}, s.id FROM {source}" + (" WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY {key} DESC, s.id DESC LIMIT ?")
    rows = store._read(sql, (*params, limit + 1))
    page = [_story(json.loads(r[0])) for r in rows[:limit]]
    cursor = _encode(rows[limit - 1][1:]) if len(rows) > limit else None
    return page, cursor


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _story(data: dict[str, Any]) -> Story:
    """A story from its stored JSON (the fields of ``Story``, read directly: a page of stories is
    on the API's hot path, where the generic ``records_from_dict`` costs ~0.1 ms a story)."""
    return Story(id=data["id"], first_seen=_dt(data.get("first_seen")), last_seen=_dt(data.get("last_seen")),
                 articles=list(data.get("articles") or []), sources=list(data.get("sources") or []),
                 languages=list(data.get("languages") or []), places=list(data.get("places") or []),
                 title=data.get("title"), breaking=bool(data.get("breaking", False)),
                 breaking_at=_dt(data.get("breaking_at")), closed=bool(data.get("closed", False)))


def data_version(store: SQLiteStore) -> int:
    """SQLite's ``PRAGMA data_version`` on this thread's read connection: it changes whenever
    another connection (of this process or another) commits, so an answer cached under one
    value is still the answer while the value holds (about 8 µs to read)."""
    return store._read("PRAGMA data_version")[0][0]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def story_summaries(store: SQLiteStore, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    ids = list(dict.fromkeys(story_ids))
    out: dict[str, dict[str, Any]] = {sid: {"places": [], "tallies": []} for sid in ids}
    for i in range(0, len(ids), 400):
        chunk = ids[i:i + 400]
        rows = store._read(
            "SELECT sa.story_id, p.name, p.country, p.geonameid, avg(p.lat), avg(p.lon), count(*) AS n "
            "FROM story_articles sa JOIN reading_places p ON p.article_id = sa.article_id "
            f"WHERE sa.story_id IN ({_marks(len(chunk))}) AND p.name IS NOT NULL "
            "GROUP BY sa.story_id, coalesce(p.geonameid, p.name) ORDER BY sa.story_id, n DESC, p.name", chunk)
        for sid, name, country, gid, lat, lon, n in rows:
            out[sid]["places"].append({"name": name, "country": country, "geonameid": gid, "lat": lat, "lon": lon,
                                       "mentions": n})
        rows = store._read(
            "SELECT story_id, key, category, subject, place, low, best, high, claims, disagreements, revisions "
            f"FROM ledger_tallies WHERE story_id IN ({_marks(len(chunk))}) ORDER BY story_id, claims DESC, idx",
            chunk)
        for sid, *values in rows:
            out[sid]["tallies"].append(dict(zip(
                ("key", "category", "subject", "place", "low", "best", "high", "claims", "disagreements",
                 "revisions"), (*values[:4], *(_num(v) for v in values[4:7]), *values[7:]))))
    return out


def _num(value: Any) -> Any:
    """REAL columns give floats; whole numbers read back as ints."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_HEADER = ("SELECT a.id, a.title, a.source, a.url, a.published, a.language, sa.story_id, sa.duplicate_of "
           "FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id")


def article_headers(store: SQLiteStore, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    ids = list(dict.fromkeys(article_ids))
    found: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 400):
        chunk = ids[i:i + 400]
        for r in store._read(f"{_HEADER} WHERE a.id IN ({_marks(len(chunk))})", chunk):
            found[r[0]] = dict(zip(("id", "title", "source", "url", "published", "language", "story",
                                    "duplicate_of"), r))
    return [found[i] for i in ids if i in found]


_EVENT_COLUMNS = ("article", "index", "story", "type", "day", "day_from", "date_precision", "text", "place",
                  "country", "lat", "lon", "killed", "injured", "title", "source", "published")


def _row_filters(alias: str, sort_column: str, query: Any, where: list[str], params: list[Any]) -> None:
    """The filters events and figures share: place, story, article, and the page cursor over
    (``sort_column``, article, index), newest first."""
    if query.place:
        cond, more = _place_condition(alias, query.place, "place")
        where.append(cond)
        params.extend(more)
    if query.story:
        where.append(f"{alias}.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)")
        params.append(query.story)
    if query.article:
        where.append(f"{alias}.article_id = ?")
        params.append(query.article)
    if query.cursor:
        where.append(f"({alias}.{sort_column}, {alias}.article_id, {alias}.idx) < (?, ?, ?)")
        params.extend(_decode(query.cursor, 3))


def query_events(store: SQLiteStore, query: EventQuery) -> tuple[list[dict[str, Any]], str | None]:
    where: list[str] = []
    params: list[Any] = []
    if query.type:
        if query.type not in EVENT_TYPES:
            raise StoreError(f"unknown event type {query.type!r}", hint="see records.EVENT_TYPES")
        where.append("e.type = ?")
        params.append(query.type)
    if query.since:
        where.append("e.day >= ?")
        params.append(query.since)
    if query.until:
        where.append("e.day < ?")
        params.append(query.until)
    _row_filters("e", "day", query, where, params)
    if query.located:
        where.append("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    limit = _limit(query.limit)
    sql = ("SELECT e.article_id, e.idx, sa.story_id, e.type, e.day, e.day_from, e.date_precision, e.text, e.place, "
           "e.country, e.lat, e.lon, e.killed, e.injured, a.title, a.source, a.published FROM reading_events e "
           "JOIN articles a ON a.id = e.article_id LEFT JOIN story_articles sa ON sa.article_id = e.article_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY e.day DESC, e.article_id DESC, e.idx DESC LIMIT ?")
    rows = store._read(sql, (*params, limit + 1))
    page = []
    for r in rows[:limit]:
        item = dict(zip(_EVENT_COLUMNS, r))
        item["killed"], item["injured"] = _num(item["killed"]), _num(item["injured"])
        page.append(item)
    cursor = _encode([rows[limit - 1][4], rows[limit - 1][0], rows[limit - 1][1]]) if len(rows) > limit else None
    return page, cursor


_FIGURE_COLUMNS = ("article", "index", "story", "category", "subject", "value", "low", "high", "qualifier", "stance",
                   "text", "claimant", "start", "end", "place", "country", "event", "title", "source", "published",
                   "sort_time")


def query_figures(store: SQLiteStore, query: FigureQuery) -> tuple[list[dict[str, Any]], str | None]:
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("category", query.category), ("stance", query.stance)):
        if value:
            where.append(f"f.{column} = ?")
            params.append(value)
    if query.since is not None:
        where.append("f.sort_time >= ?")
        params.append(_utc(query.since))
    if query.until is not None:
        where.append("f.sort_time < ?")
        params.append(_utc(query.until))
    _row_filters("f", "sort_time", query, where, params)
    limit = _limit(query.limit)
    sql = ("SELECT f.article_id, f.idx, sa.story_id, f.category, f.subject, f.value, f.low, f.high, f.qualifier, "
           "f.stance, f.text, f.claimant, f.start, f.\"end\", f.place, f.country, f.event, a.title, a.source, "
           "a.published, f.sort_time FROM reading_figures f JOIN articles a ON a.id = f.article_id "
           "LEFT JOIN story_articles sa ON sa.article_id = f.article_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY f.sort_time DESC, f.article_id DESC, f.idx DESC LIMIT ?")
    rows = store._read(sql, (*params, limit + 1))
    page = []
    for r in rows[:limit]:
        item = dict(zip(_FIGURE_COLUMNS, r))
        del item["sort_time"]
        for k in ("value", "low", "high"):
            item[k] = _num(item[k])
        page.append(item)
    cursor = _encode([rows[limit - 1][20], rows[limit - 1][0], rows[limit - 1][1]]) if len(rows) > limit else None
    return page, cursor


def search_articles(store: SQLiteStore, query: SearchQuery) -> list[SearchHit]:
    import sqlite3

    from newsdesk.store.sqlite import _dt

    text = query.text.strip()
    if not text:
        raise StoreError("empty search query", hint="give one or more words")
    where = ["articles_fts MATCH ?"]
    params: list[Any] = []
    for column, value in (("language", query.language), ("source", query.source)):
        if value:
            where.append(f"a.{column} = ?")
            params.append(value)
    if query.since is not None:
        where.append("a.sort_time >= ?")
        params.append(_utc(query.since))
    if query.until is not None:
        where.append("a.sort_time < ?")
        params.append(_utc(query.until))
    try:
        return _search(store, text, where, params, query, _dt)
    except sqlite3.OperationalError:  # not FTS5 syntax: search the words
        words = " ".join('"' + w.replace('"', '""') + '"' for w in text.split())
        return _search(store, words, where, params, query, _dt)


def _search(store: SQLiteStore, match: str, where: list[str], params: list[Any], query: SearchQuery,
            dt: Any) -> list[SearchHit]:
    """Best matches first. BM25 costs one score per matching report: a query that matches more
    than ``query.window`` reports is ranked among the latest ``window`` stored (hits say so)."""
    windowed = False
    if query.window:
        edge = store._read("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC "
                           "LIMIT 1 OFFSET ?", (match, query.window))
        if edge:
            where = [*where, "articles_fts.rowid > ?"]
            params = [*params, edge[0][0]]
            windowed = True
    open_mark, close_mark = query.marks
    if len(where) == 1 or (windowed and len(where) == 2):  # no filter: FTS5 sorts by its rank and stops early
        inner = " AND ".join(w.replace("articles_fts.rowid", "rowid") for w in where)
        sql = ("SELECT a.id, a.title, f.snip, f.rank, a.source, a.published FROM (SELECT rowid, "
               "snippet(articles_fts, 1, ?, ?, '…', 24) AS snip, rank FROM articles_fts "
               f"WHERE {inner} ORDER BY rank LIMIT ? OFFSET ?) AS f JOIN articles a ON a.rowid = f.rowid "
               "ORDER BY f.rank")
        args = (open_mark, close_mark, match, *params, _limit(query.limit), max(0, int(query.offset)))
    else:
        sql = ("SELECT a.id, a.title, snippet(articles_fts, 1, ?, ?, '…', 24), articles_fts.rank, a.source, "
               "a.published FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
               f"WHERE {' AND '.join(where)} ORDER BY articles_fts.rank LIMIT ? OFFSET ?")
        args = (open_mark, close_mark, match, *params, _limit(query.limit), max(0, int(query.offset)))
    rows = store._read(sql, args)
    return [SearchHit(id=r[0], title=r[1], snippet=r[2], rank=float(r[3]), source=r[4], published=dt(r[5]),
                      windowed=windowed) for r in rows]
