"""The SQLite backend: one file, WAL mode, named migrations, FTS5 over title and text.

Concurrency: **one write path**. Every write of a :class:`SQLiteStore` goes through its
methods, on one writer connection guarded by a lock, one transaction per call. Reads use a
separate connection per thread (opened on first use, closed by :meth:`SQLiteStore.close`), so
a REST server can read from many threads while an ingest writes: WAL lets readers see the
last committed state without waiting for the writer. Other processes may read and write
the same file too (SQLite's busy timeout serialises writers).

Durability: ``synchronous=NORMAL`` in WAL mode. A crash (even ``SIGKILL``) in the middle of
a batch loses that whole batch and nothing else: every article row, its FTS entry and its
paragraph counts are written in the same transaction.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from newsdesk.errors import StoreError
from newsdesk.records import Article, Ledger, Reading, Span, Story, StoryAssignment, to_jsonable
from newsdesk.store import sqlite_views
from newsdesk.store.base import (
    AddResult,
    ArticleQuery,
    EventQuery,
    FigureQuery,
    SearchHit,
    SearchQuery,
    Store,
    StoryQuery,
)
from newsdesk.store.jsonrecords import records_from_dict

__all__ = ["MIGRATIONS", "SQLiteStore", "load_migrations"]

_BUSY_TIMEOUT_MS = 30_000

_COLUMNS = (
    "id", "url", "content_hash", "title", "text", "source", "byline", "published", "published_utc",
    "updated", "fetched", "language", "language_confidence", "section", "origin", "boilerplate",
    "layout", "meta", "sort_time", "ingested_at",
)
_INSERT_ROWID = f"INSERT INTO articles (rowid, {', '.join(_COLUMNS)}) VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})"
_INSERT_FTS = "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)"
_SELECT = ("SELECT id, url, content_hash, title, text, source, byline, published, updated, fetched, language, "
           "language_confidence, section, origin, boilerplate, layout, meta FROM articles")


def load_migrations() -> list[tuple[str, str]]:
    """The named migrations shipped in ``store/migrations/*.sql``, in name order."""
    folder = resources.files("newsdesk.store").joinpath("migrations")
    found = sorted((p.name, p.read_text(encoding="utf-8")) for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(name.removesuffix(".sql"), sql) for name, sql in found]


MIGRATIONS: list[tuple[str, str]] = load_migrations()


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _utc(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # records promise aware datetimes; read a naive one as UTC
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    if value.year >= 1000:  # isoformat is faster than strftime and the same from year 1000 on
        return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _spans(text: str) -> list[Span]:
    return [Span(int(s["start"]), int(s["end"]), s.get("label", "")) for s in json.loads(text)]


_PLAIN_LABEL = re.compile(r"[A-Za-z0-9_ -]*")  # a label json.dumps writes as it is, in quotes


def _span_json(spans: Sequence[Span]) -> str:
    """``json.dumps`` of the spans as ``{"start", "end", "label"}`` objects (the same text; the
    common case of int offsets and a plain label is formatted directly)."""
    if not spans:
        return "[]"
    parts = []
    for s in spans:
        start, end, label = s.start, s.end, s.label
        if type(start) is not int or type(end) is not int or type(label) is not str \
                or not _PLAIN_LABEL.fullmatch(label):
            return json.dumps([{"start": s.start, "end": s.end, "label": s.label} for s in spans])
        parts.append(f'{{"start": {start}, "end": {end}, "label": "{label}"}}')
    return "[" + ", ".join(parts) + "]"


_PLAIN_TYPES = (str, bool, int, type(None))


def _meta_json(meta: dict[str, Any] | None) -> str:
    """``Article.meta`` as JSON; values that are plain strings, booleans and ints need no
    :func:`to_jsonable` pass."""
    if not meta:
        return "{}"
    if all(type(v) in _PLAIN_TYPES for v in meta.values()):
        return json.dumps(meta, ensure_ascii=False, allow_nan=False)
    return json.dumps(to_jsonable(meta), ensure_ascii=False, allow_nan=False)


def _row_to_article(row: Sequence[Any]) -> Article:
    (aid, url, chash, title, text, source, byline, published, updated, fetched, language, conf, section,
     origin, boilerplate, layout, meta) = row
    return Article(
        id=aid, text=text, title=title, url=url, source=source, byline=byline, published=_dt(published),
        updated=_dt(updated), fetched=_dt(fetched), language=language, language_confidence=conf,
        section=section, content_hash=chash or "", origin=origin, boilerplate=_spans(boilerplate),
        layout=_spans(layout), meta=json.loads(meta),
    )


def _article_row(a: Article, now: str) -> tuple[Any, ...]:
    """The row of one article; raises ValueError/TypeError on a record that cannot be stored."""
    if not isinstance(a.id, str) or not a.id:
        raise ValueError("article has no id")
    if not isinstance(a.text, str):
        raise TypeError(f"text is {type(a.text).__name__}, not str")
    for name in ("published", "updated", "fetched"):
        value = getattr(a, name)
        if value is not None and not isinstance(value, datetime):
            raise TypeError(f"{name} is {type(value).__name__}, not datetime")
    published_utc = _utc(a.published)
    sort_time = published_utc or _utc(a.fetched) or now
    conf = None if a.language_confidence is None else float(a.language_confidence)
    return (
        a.id, a.url or None, a.content_hash or None, a.title, a.text, a.source, a.byline, _iso(a.published),
        published_utc, _iso(a.updated), _iso(a.fetched), a.language, conf, a.section, a.origin,
        _span_json(a.boilerplate), _span_json(a.layout),
        _meta_json(a.meta), sort_time, now,
    )


def _encode_cursor(sort_time: str, rowid: int) -> str:
    return base64.urlsafe_b64encode(f"{sort_time}|{rowid}".encode()).decode()


def _decode_cursor(cursor: str) -> tuple[str, int]:
    try:
        sort_time, _, rowid = base64.urlsafe_b64decode(cursor.encode()).decode().rpartition("|")
        return sort_time, int(rowid)
    except (ValueError, UnicodeDecodeError):
        raise StoreError(f"invalid cursor {cursor!r}", hint="pass the cursor returned by the previous page") from None


class SQLiteStore(Store):
    """A store in one SQLite file (``":memory:"`` for a private in-memory database)."""

    def __init__(self, path: str | Path, *, paragraph_hasher: Any = None) -> None:
        self.path = str(path)
        self._memory = self.path == ":memory:"
        if not self._memory:
            parent = Path(self.path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"{self.path}: folder {parent} does not exist", hint="create it or pass another --db")
        self._paragraph_hasher = paragraph_hasher
        self._lookup: _Lookup | None = None  # the last find_existing answer, for add_articles
        self._wlock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._closed = False
        self._writer = self._connect()
        self._migrate()

    # --- connections ---------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                   timeout=_BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            if not self._memory:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if mode.lower() != "wal":
                    raise StoreError(f"{self.path}: cannot switch to WAL mode (got {mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            # a larger page cache keeps the FTS5 segments and the indexes being merged in memory
            conn.execute("PRAGMA cache_size = -32768")  # KiB, per connection
            conn.execute("PRAGMA temp_store = MEMORY")
            return conn
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})",
                             hint="is it an SQLite file? pass another --db") from None

    def _reader(self) -> sqlite3.Connection:
        """This thread's read connection (the writer's, for an in-memory database)."""
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")
        if self._memory:
            return self._writer
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
            with self._wlock:
                self._readers.append(conn)
        return conn

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        if self._memory:
            with self._wlock:
                return self._writer.execute(sql, params).fetchall()
        return self._reader().execute(sql, params).fetchall()

    # --- migrations ----------------------------------------------------------------------
    def _migrate(self) -> None:
        """Apply, in name order, each shipped migration not yet recorded; each in a transaction."""
        conn = self._writer
        with self._wlock:
            try:
                conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
                for name, sql in MIGRATIONS:
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        done = conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone()
                        if not done:
                            for statement in _statements(sql):
                                conn.execute(statement)
                            conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
                        conn.execute("COMMIT")
                    except BaseException:
                        conn.execute("ROLLBACK")
                        raise
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: cannot migrate the database ({exc})",
                                 hint="is it a newsdesk database? pass another --db") from None

    def migrations(self) -> list[tuple[str, str]]:
        """The migrations recorded in this database: ``(name, applied_at)`` in order."""
        return [tuple(r) for r in self._read("SELECT name, applied_at FROM migrations ORDER BY name")]

    # --- writing articles ------------------------------------------------------------------
    def _hashes(self, a: Article, paragraphs: Mapping[str, Sequence[str]] | None) -> list[str]:
        if paragraphs is not None and a.id in paragraphs:
            hashes = paragraphs[a.id]
        else:
            hasher = self._paragraph_hasher
            if hasher is None:
                from newsdesk.read.boilerplate import paragraphs as hasher  # lazy: read stage helper
            hashes = [h for _, _, h in hasher(a.text)]
        return list(dict.fromkeys(hashes))  # distinct, in order

    def find_existing(self, articles: Sequence[Article]) -> list[AddResult | None]:
        """See :meth:`Store.find_existing`. The answer is also kept for the next
        :meth:`add_articles`, which reuses it instead of looking the same keys up again when
        nothing was written to the database in between (see :class:`_Lookup`)."""
        with self._wlock:
            if self._closed:
                raise StoreError(f"{self.path}: the store is closed")
            conn = self._writer
            stamp = _write_stamp(conn)
            stored = _stored_keys(conn, articles)
            self._lookup = _Lookup(stamp, {k for a in articles for k in _keys(a)}, stored)
        return [_duplicate(a, {}, stored) for a in articles]

    def _stored_for(self, conn: sqlite3.Connection, articles: Sequence[Article]) -> Mapping[tuple[str, str], str]:
        """Inside the write transaction: the stored keys of ``articles``, from the lookup of
        :meth:`find_existing` when it covers them and the database has not changed since."""
        lookup, self._lookup = self._lookup, None
        if lookup is not None and lookup.stamp == _write_stamp(conn) and all(
                k in lookup.keys for a in articles for k in _keys(a)):
            return lookup.stored
        return _stored_keys(conn, articles)

    def add_articles(self, articles: Sequence[Article], *,
                     paragraphs: Mapping[str, Sequence[str]] | None = None) -> list[AddResult]:
        now = _now()
        # a database error here is the disk, not one record: nothing of the batch is kept
        with self._transaction(f"write a batch of {len(articles)} articles") as conn:
            return self._add_batch(conn, articles, now, paragraphs)

    def _add_batch(self, conn: sqlite3.Connection, articles: Sequence[Article], now: str,
                   paragraphs: Mapping[str, Sequence[str]] | None) -> list[AddResult]:
        """Inside the open transaction: sort the batch into new, duplicate and broken records,
        then write the new ones with a few ``executemany`` (row by row if one of them fails)."""
        results: list[AddResult | None] = []
        new: list[tuple[int, Article, tuple[Any, ...], list[str]]] = []  # (index, article, row, hashes)
        sightings: list[tuple[Any, ...]] = []
        batch_keys: dict[tuple[str, str], str] = {}  # ("url"|"content"|"id", value) -> id, for this batch
        stored = self._stored_for(conn, articles)  # the same keys among stored articles: one query
        for i, a in enumerate(articles):
            aid = a.id if isinstance(a.id, str) else repr(a.id)
            try:
                dup = _duplicate(a, batch_keys, stored)
                if dup is not None:
                    sightings.append((dup.id, now, a.origin, a.url, dup.reason))
                    results.append(dup)
                    continue
                row = _article_row(a, now)
                hashes = self._hashes(a, paragraphs) if a.source else []
            except (TypeError, ValueError, AttributeError, ImportError) as exc:
                results.append(AddResult(aid, "error", reason=f"cannot store the record: {exc}"))
                continue
            for key in (("url", a.url), ("content", a.content_hash), ("id", a.id)):
                if key[1]:
                    batch_keys[key] = a.id  # type: ignore[index]
            new.append((i, a, row, hashes))
            results.append(None)
        if new:
            conn.execute("SAVEPOINT batch")
            try:
                self._insert_many(conn, [(a, row, hashes) for _, a, row, hashes in new])
                conn.execute("RELEASE batch")
                for i, a, _, _ in new:
                    results[i] = AddResult(a.id, "new")
            except (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError, OverflowError):
                conn.execute("ROLLBACK TO batch")
                conn.execute("RELEASE batch")
                for i, a, row, hashes in new:  # find the broken record(s): one savepoint each
                    conn.execute("SAVEPOINT article")
                    try:
                        self._insert_many(conn, [(a, row, hashes)])
                        conn.execute("RELEASE article")
                        results[i] = AddResult(a.id, "new")
                    except (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError, OverflowError) as exc:
                        conn.execute("ROLLBACK TO article")
                        conn.execute("RELEASE article")
                        results[i] = AddResult(a.id, "error", reason=f"cannot store the record: {exc}")
                        sightings = [s for s in sightings if s[0] != a.id]
        if sightings:
            conn.executemany("INSERT INTO sightings (article_id, seen_at, origin, url, reason) VALUES (?, ?, ?, ?, ?)",
                             sightings)
        return [r for r in results if r is not None]

    def _insert_many(self, conn: sqlite3.Connection, items: Sequence[tuple[Article, tuple[Any, ...], list[str]]]
                     ) -> None:
        """Rows, their FTS entries and their sources' paragraph counts (rowids assigned here)."""
        base = conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0] + 1
        conn.executemany(_INSERT_ROWID, [(base + k, *row) for k, (_, row, _) in enumerate(items)])
        conn.executemany(_INSERT_FTS, [(base + k, row[3] or "", row[4]) for k, (_, row, _) in enumerate(items)])
        counts: dict[tuple[str, str], int] = {}
        for a, _, hashes in items:
            for h in hashes:
                counts[(a.source, h)] = counts.get((a.source, h), 0) + 1  # type: ignore[index]
        if counts:
            conn.executemany(
                "INSERT INTO source_paragraphs (source, hash, count) VALUES (?, ?, ?) "
                "ON CONFLICT (source, hash) DO UPDATE SET count = count + excluded.count",
                [(src, h, n) for (src, h), n in counts.items()])

    # --- reading articles ------------------------------------------------------------------
    def get_article(self, article_id: str) -> Article | None:
        rows = self._read(f"{_SELECT} WHERE id = ?", (article_id,))
        return _row_to_article(rows[0]) if rows else None

    def has_url(self, url: str) -> bool:
        return bool(self._read("SELECT 1 FROM articles WHERE url = ? LIMIT 1", (url,)))

    def sightings(self, article_id: str) -> list[dict[str, Any]]:
        rows = self._read("SELECT seen_at, origin, url, reason FROM sightings WHERE article_id = ? ORDER BY id",
                          (article_id,))
        return [{"seen_at": r[0], "origin": r[1], "url": r[2], "reason": r[3]} for r in rows]

    def list_articles(self, query: ArticleQuery) -> tuple[list[Article], str | None]:
        where, params = [], []
        if query.source:
            where.append("source = ?")
            params.append(query.source)
        if query.language:
            where.append("language = ?")
            params.append(query.language)
        if query.since:
            where.append("sort_time >= ?")
            params.append(_utc(query.since))
        if query.until:
            where.append("sort_time < ?")
            params.append(_utc(query.until))
        if query.cursor:
            where.append("(sort_time, rowid) < (?, ?)")
            params.extend(_decode_cursor(query.cursor))
        limit = max(1, int(query.limit))
        sql = (_SELECT.replace("SELECT ", "SELECT sort_time, rowid, ", 1)
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY sort_time DESC, rowid DESC LIMIT ?")
        rows = self._read(sql, (*params, limit + 1))
        page = [_row_to_article(r[2:]) for r in rows[:limit]]
        cursor = _encode_cursor(rows[limit - 1][0], rows[limit - 1][1]) if len(rows) > limit else None
        return page, cursor

    def iter_articles(self, *, order: str = "published", batch: int = 500) -> Iterator[Article]:
        if order not in ("published", "rowid"):
            raise StoreError(f"unknown order {order!r}", hint="use 'published' or 'rowid'")
        key = "sort_time, rowid" if order == "published" else "rowid"
        last: tuple[Any, ...] | None = None
        while True:
            if last is None:
                cond, params = "", ()
            elif order == "published":
                cond, params = " WHERE (sort_time, rowid) > (?, ?)", last
            else:
                cond, params = " WHERE rowid > ?", last
            sql = _SELECT.replace("SELECT ", "SELECT sort_time, rowid, ", 1) + f"{cond} ORDER BY {key} LIMIT ?"
            rows = self._read(sql, (*params, batch))
            for r in rows:
                yield _row_to_article(r[2:])
            if len(rows) < batch:
                return
            last = (rows[-1][0], rows[-1][1]) if order == "published" else (rows[-1][1],)

    def search(self, text: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search (FTS5 query syntax; plain words are ANDed), best match first.

        A query that is not valid FTS5 syntax is retried as a phrase of its words."""
        sql = ("SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 24), bm25(articles_fts, 5.0, 1.0), "
               "a.source, a.published FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
               "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ? OFFSET ?")
        if not text.strip():
            raise StoreError("empty search query", hint="give one or more words")
        try:
            rows = self._read(sql, (text, limit, offset))
        except sqlite3.OperationalError:
            words = " ".join('"' + w.replace('"', '""') + '"' for w in text.split())
            rows = self._read(sql, (words, limit, offset))
        return [SearchHit(id=r[0], title=r[1], snippet=r[2], rank=float(r[3]), source=r[4], published=_dt(r[5]))
                for r in rows]

    def stats(self) -> dict[str, Any]:
        one = self._read("SELECT count(*), min(published_utc), max(published_utc), sum(length(text)) FROM articles")[0]
        sightings = self._read("SELECT count(*) FROM sightings")[0][0]
        # reports that name no source or language are counted under "(unknown)"
        by_source = self._read("SELECT coalesce(nullif(source, ''), '(unknown)'), count(*) FROM articles GROUP BY 1 "
                               "ORDER BY 2 DESC, 1")
        by_lang = self._read("SELECT coalesce(nullif(language, ''), '(unknown)'), count(*) FROM articles GROUP BY 1 "
                             "ORDER BY 2 DESC, 1")
        size = None if self._memory else sum(
            p.stat().st_size for p in (Path(self.path), Path(self.path + "-wal")) if p.exists())
        return {
            "db": self.path,
            "articles": one[0],
            "sightings": sightings,
            "sources": sum(1 for k, _ in by_source if k != "(unknown)"),
            "languages": {k: v for k, v in by_lang},
            "top_sources": {k: v for k, v in by_source[:20]},
            "first_published": one[1],
            "last_published": one[2],
            "text_chars": one[3] or 0,
            "readings": self._read("SELECT count(*) FROM readings")[0][0],
            "stories": self._read("SELECT count(*) FROM stories")[0][0],
            "ledgers": self._read("SELECT count(*) FROM ledgers")[0][0],
            "feeds": self._read("SELECT count(*) FROM feeds")[0][0],
            "bytes": size,
            "migrations": [name for name, _ in self.migrations()],
        }

    def check(self) -> dict[str, Any]:
        """Integrity of the file and of the FTS index against the articles (for tests and ``stats --check``)."""
        integrity = self._read("PRAGMA integrity_check")[0][0]
        try:
            with self._wlock:
                self._writer.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
            fts = "ok"
        except sqlite3.DatabaseError as exc:
            fts = str(exc)
        articles = self._read("SELECT count(*) FROM articles")[0][0]
        indexed = self._read("SELECT count(*) FROM articles_fts_docsize")[0][0]
        return {"integrity": integrity, "fts": fts, "articles": articles, "fts_rows": indexed}

    # --- per-source state --------------------------------------------------------------------
    def paragraph_counts(self, source: str, hashes: Iterable[str]) -> Mapping[str, int]:
        wanted = list(dict.fromkeys(hashes))
        counts: dict[str, int] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for h, c in self._read(f"SELECT hash, count FROM source_paragraphs WHERE source = ? AND hash IN ({marks})",
                                   (source, *chunk)):
                counts[h] = c
        return counts

    _FEED_COLUMNS = ("etag", "last_modified", "last_polled", "last_status", "error")

    def feed_state(self, url: str) -> dict[str, Any] | None:
        rows = self._read("SELECT etag, last_modified, last_polled, last_status, error, extra FROM feeds WHERE url = ?",
                          (url,))
        if not rows:
            return None
        state = json.loads(rows[0][5])
        state.update(zip(self._FEED_COLUMNS, rows[0][:5]))
        return state

    def set_feed_state(self, url: str, state: Mapping[str, Any]) -> None:
        """Replace the state of a feed. Known keys (``etag``, ``last_modified``, ``last_polled``,
        ``last_status``, ``error``) get columns; any other JSON-ready key is kept too."""
        fixed = [to_jsonable(state.get(k)) for k in self._FEED_COLUMNS]
        extra = json.dumps(to_jsonable({k: v for k, v in state.items() if k not in self._FEED_COLUMNS}))
        self._write("INSERT INTO feeds (url, etag, last_modified, last_polled, last_status, error, extra) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                    "last_modified = excluded.last_modified, last_polled = excluded.last_polled, "
                    "last_status = excluded.last_status, error = excluded.error, extra = excluded.extra",
                    [(url, *fixed, extra)])

    def list_feeds(self) -> list[dict[str, Any]]:
        rows = self._read("SELECT url FROM feeds ORDER BY url")
        return [{"url": r[0], **(self.feed_state(r[0]) or {})} for r in rows]

    # --- later stages ------------------------------------------------------------------------
    @contextlib.contextmanager
    def _transaction(self, what: str = "write") -> Iterator[sqlite3.Connection]:
        """The writer connection inside ``BEGIN IMMEDIATE`` ... ``COMMIT``, under the write lock;
        any failure rolls the whole transaction back (a database error becomes a ``StoreError``
        saying it could not ``what``)."""
        with self._wlock:
            if self._closed:
                raise StoreError(f"{self.path}: the store is closed")
            conn = self._writer
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: cannot {what} ({exc})") from None

    def _write(self, sql: str, rows: Sequence[Sequence[Any]], more: Sequence[tuple[str, Sequence[Sequence[Any]]]] = ()
               ) -> None:
        """Run ``sql`` over ``rows`` (and each ``more`` statement over its rows) in one transaction."""
        with self._transaction() as conn:
            for statement, params in ((sql, rows), *more):
                conn.executemany(statement, params)

    def save_stage_state(self, name: str, state: Mapping[str, Any]) -> None:
        self._write("INSERT OR REPLACE INTO stage_state (name, json, updated_at) VALUES (?, ?, ?)",
                    [(name, json.dumps(to_jsonable(state), ensure_ascii=False), _now())])

    def stage_state(self, name: str) -> dict[str, Any] | None:
        rows = self._read("SELECT json FROM stage_state WHERE name = ?", (name,))
        return json.loads(rows[0][0]) if rows else None

    def save_readings(self, readings: Sequence[Reading]) -> None:
        now = _now()
        self._write("INSERT OR REPLACE INTO readings (article_id, json, updated_at) VALUES (?, ?, ?)",
                    [(r.id, _dumps(r), now) for r in readings])

    def get_reading(self, article_id: str) -> Reading | None:
        rows = self._read("SELECT json FROM readings WHERE article_id = ?", (article_id,))
        return records_from_dict(Reading, json.loads(rows[0][0])) if rows else None

    def save_assignments(self, assignments: Sequence[StoryAssignment], stories: Sequence[Story]) -> None:
        now = _now()
        self._write(
            "INSERT OR REPLACE INTO story_articles (article_id, story_id, duplicate_of, breaking, reason, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(a.id, a.story, a.duplicate_of, int(a.breaking), a.reason, now) for a in assignments],
            [(("INSERT OR REPLACE INTO stories (id, json, first_seen, last_seen, breaking, closed, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)"),
              [(s.id, _dumps(s), _utc(s.first_seen), _utc(s.last_seen), int(s.breaking), int(s.closed), now)
               for s in stories])])

    def get_assignment(self, article_id: str) -> StoryAssignment | None:
        rows = self._read("SELECT article_id, story_id, duplicate_of, breaking, reason FROM story_articles "
                          "WHERE article_id = ?", (article_id,))
        if not rows:
            return None
        r = rows[0]
        return StoryAssignment(id=r[0], story=r[1], duplicate_of=r[2], breaking=bool(r[3]), reason=r[4])

    def get_story(self, story_id: str) -> Story | None:
        rows = self._read("SELECT json FROM stories WHERE id = ?", (story_id,))
        return records_from_dict(Story, json.loads(rows[0][0])) if rows else None

    def list_stories(self, *, limit: int = 50, breaking: bool | None = None) -> list[Story]:
        cond = "" if breaking is None else f" WHERE breaking = {int(bool(breaking))}"
        rows = self._read(f"SELECT json FROM stories{cond} ORDER BY last_seen DESC, id LIMIT ?", (limit,))
        return [records_from_dict(Story, json.loads(r[0])) for r in rows]

    def save_ledger(self, ledger: Ledger, update: Any = None) -> str:
        from newsdesk.store import sqlite_ledger

        return sqlite_ledger.save_ledger(self, ledger, update)

    def get_ledger(self, story_id: str) -> Ledger | None:
        from newsdesk.store import sqlite_ledger

        return sqlite_ledger.get_ledger(self, story_id)

    def get_ledger_dict(self, story_id: str) -> dict[str, Any] | None:
        from newsdesk.store import sqlite_ledger

        return sqlite_ledger.ledger_dict(self, story_id)

    def ledger_versions(self, story_ids: Sequence[str]) -> dict[str, str]:
        from newsdesk.store import sqlite_ledger

        return sqlite_ledger.ledger_versions(self, story_ids)

    # --- queries for the API and dashboard (store/sqlite_views.py) -----------------------------
    def query_stories(self, query: StoryQuery) -> tuple[list[Story], str | None]:
        return sqlite_views.query_stories(self, query)

    def story_summaries(self, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        return sqlite_views.story_summaries(self, story_ids)

    def article_headers(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        return sqlite_views.article_headers(self, article_ids)

    def query_events(self, query: EventQuery) -> tuple[list[dict[str, Any]], str | None]:
        return sqlite_views.query_events(self, query)

    def query_figures(self, query: FigureQuery) -> tuple[list[dict[str, Any]], str | None]:
        return sqlite_views.query_figures(self, query)

    def search_articles(self, query: SearchQuery) -> list[SearchHit]:
        return sqlite_views.search_articles(self, query)

    # --- lifecycle -----------------------------------------------------------------------------
    def close(self) -> None:
        with self._wlock:
            if self._closed:
                return
            self._closed = True
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            self._writer.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"


def _keys(a: Article) -> list[tuple[str, str]]:
    """What makes ``a`` the same report as another, in order: canonical URL, content hash, id."""
    return [(reason, value) for reason, value in (("url", a.url), ("content", a.content_hash), ("id", a.id))
            if value and isinstance(value, str)]


def _stored_keys(conn: sqlite3.Connection, articles: Sequence[Article]) -> dict[tuple[str, str], str]:
    """``(reason, value) -> id`` of the stored articles sharing a URL, content hash or id with
    any of ``articles`` (one indexed query per 300 articles)."""
    found: dict[tuple[str, str], str] = {}
    for i in range(0, len(articles), 300):
        wanted: dict[str, list[str]] = {"url": [], "content": [], "id": []}
        for a in articles[i:i + 300]:
            for reason, value in _keys(a):
                wanted[reason].append(value)
        terms, params = [], []
        for reason, column in (("url", "url"), ("content", "content_hash"), ("id", "id")):
            if wanted[reason]:
                terms.append(f"{column} IN ({','.join('?' * len(wanted[reason]))})")
                params.extend(wanted[reason])
        if not terms:
            continue
        for aid, url, chash in conn.execute(f"SELECT id, url, content_hash FROM articles WHERE {' OR '.join(terms)}",
                                            params):
            found[("id", aid)] = aid
            if url:
                found[("url", url)] = aid
            if chash:
                found[("content", chash)] = aid
    return found


def _duplicate(a: Article, batch: Mapping[tuple[str, str], str],
               stored: Mapping[tuple[str, str], str]) -> AddResult | None:
    """The article ``a`` repeats (stored, or earlier in its batch), by URL, then content, then id."""
    for key in _keys(a):
        found = batch.get(key) or stored.get(key)
        if found is not None:
            return AddResult(found, "duplicate", duplicate_of=found, reason=key[0])
    return None


@dataclass(slots=True)
class _Lookup:
    """What :meth:`SQLiteStore.find_existing` found: the keys it looked up, the stored ones
    among them, and the writer's :func:`_write_stamp` taken before the query. An unchanged
    stamp inside the next write transaction (which holds SQLite's write lock) proves the
    answer still holds: nothing was committed by another connection or written by this one."""

    stamp: tuple[int, int]
    keys: set[tuple[str, str]]
    stored: dict[tuple[str, str], str]


def _write_stamp(conn: sqlite3.Connection) -> tuple[int, int]:
    """Changes since the last look: ``PRAGMA data_version`` moves when another connection
    commits, ``total_changes`` when this one writes a row."""
    return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes


def _dumps(record: Any) -> str:
    return json.dumps(to_jsonable(record), ensure_ascii=False)


def _statements(sql: str) -> Iterator[str]:
    """Split a migration script into complete statements (triggers hold inner semicolons)."""
    buf = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf.strip()
            buf = ""
    if buf.strip():
        raise StoreError(f"incomplete statement in a migration: {buf.strip()[:80]}")
