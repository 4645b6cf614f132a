"""The storage interface. Stages never see it: a runner composes stages with a store.

SQLite (``store/sqlite.py``) is the default backend; a PostgreSQL backend implements the
same class. Every write method is atomic: after a crash, a record is either fully stored
or absent. Methods are grouped by the stage whose output they keep.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsdesk.records import Article, Ledger, Reading, Story, StoryAssignment

__all__ = ["Store", "AddResult", "SearchHit", "ArticleQuery", "StoryQuery", "EventQuery", "FigureQuery",
           "SearchQuery"]


@dataclass(slots=True)
class AddResult:
    """What happened to one article offered to the store."""

    id: str  # id of the stored article (the first copy when a duplicate)
    status: str  # "new" | "duplicate" | "error" (the record could not be stored; reason says why)
    duplicate_of: str | None = None
    reason: str | None = None  # "url" | "content" for duplicates


@dataclass(slots=True)
class SearchHit:
    id: str
    title: str | None
    snippet: str
    rank: float
    source: str | None = None
    published: datetime | None = None
    windowed: bool = False  # ranked among the latest SearchQuery.window matches only (a very common query)


@dataclass(slots=True)
class ArticleQuery:
    limit: int = 50
    cursor: str | None = None  # opaque, from the previous page
    source: str | None = None
    language: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(slots=True)
class StoryQuery:
    """A page of stories for the API. ``until`` is exclusive; a cursor comes from the previous page."""

    limit: int = 50
    cursor: str | None = None
    since: datetime | None = None  # stories with a report at or after this time (last_seen >= since)
    until: datetime | None = None  # stories that began before this time (first_seen < until)
    place: str | None = None  # a place name one of its reports mentions, or an ISO 3166-1 alpha-2 code
    event_type: str | None = None  # one of records.EVENT_TYPES, found in one of its reports
    language: str | None = None  # the language of one of its reports
    breaking: bool | None = None
    sort: str = "last_seen"  # "last_seen" | "first_seen" | "reports": newest (or largest) first


@dataclass(slots=True)
class EventQuery:
    """A page of events across readings, newest day first. Days are ISO dates; ``until`` is exclusive."""

    limit: int = 100
    cursor: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    place: str | None = None  # place name or ISO country code
    story: str | None = None
    article: str | None = None
    located: bool = False  # only events with coordinates


@dataclass(slots=True)
class FigureQuery:
    """A page of figures across readings, newest report first; ``since``/``until`` on publication."""

    limit: int = 100
    cursor: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    category: str | None = None
    stance: str | None = None
    place: str | None = None
    story: str | None = None
    article: str | None = None


@dataclass(slots=True)
class SearchQuery:
    """Full-text search with filters; ``marks`` wrap the matched words in the snippet."""

    text: str
    limit: int = 20
    offset: int = 0
    language: str | None = None
    source: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    marks: tuple[str, str] = ("[", "]")
    window: int | None = None  # rank only the latest this many matches of a very common query (None: all)


class Store(abc.ABC):
    """Abstract store. Open one with :func:`newsdesk.store.open_store`."""

    # --- articles (ingest) ---------------------------------------------------------------
    @abc.abstractmethod
    def add_articles(self, articles: Sequence[Article], *,
                     paragraphs: Mapping[str, Sequence[str]] | None = None) -> list[AddResult]:
        """Store a batch in one transaction; a report already stored (same canonical URL or
        same content hash) is not stored again: its sighting is recorded instead.

        ``paragraphs`` maps an article id to the hashes of its paragraphs; the counts of
        each new article's distinct hashes are added to its source's paragraph counts (the
        backend computes them with :func:`newsdesk.read.boilerplate.paragraphs` when not given).
        A record that cannot be stored gets status ``"error"``; the rest of the batch is stored."""

    def find_existing(self, articles: Sequence[Article]) -> list[AddResult | None]:
        """For each article, the duplicate result it would get if added now (or None if new).
        Read-only; lets a runner leave duplicates out of per-batch state. Default: unknown."""
        return [None] * len(articles)

    def sightings(self, article_id: str) -> list[dict[str, Any]]:
        """Each time the article was seen again: ``{"seen_at", "origin", "url", "reason"}``."""
        raise NotImplementedError

    def has_url(self, url: str) -> bool:
        """Is an article with this canonical URL stored? A cheap check the feed poller uses to
        skip fetching item pages it already holds. Default: unknown (False)."""
        return False

    @abc.abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abc.abstractmethod
    def list_articles(self, query: ArticleQuery) -> tuple[list[Article], str | None]:
        """A page of articles, newest first, and the cursor of the next page (or None)."""

    @abc.abstractmethod
    def iter_articles(self, *, order: str = "published") -> Iterator[Article]:
        """Every article, in publication order (``order="published"``) or ingest order (``"rowid"``)."""

    @abc.abstractmethod
    def search(self, text: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search over title and text."""

    @abc.abstractmethod
    def stats(self) -> dict[str, Any]: ...

    # --- per-source state (boilerplate, feeds) ------------------------------------------
    @abc.abstractmethod
    def paragraph_counts(self, source: str, hashes: Iterable[str]) -> Mapping[str, int]:
        """How many stored articles of ``source`` hold each paragraph hash."""

    @abc.abstractmethod
    def feed_state(self, url: str) -> dict[str, Any] | None:
        """ETag, Last-Modified, last poll time of a feed; None if never polled."""

    @abc.abstractmethod
    def set_feed_state(self, url: str, state: Mapping[str, Any]) -> None: ...

    # --- later stages (readings, stories, ledgers) --------------------------------------
    def save_stage_state(self, name: str, state: Mapping[str, Any]) -> None:
        """Keep a stage's state between runs (one JSON-ready document per stage name)."""
        raise NotImplementedError

    def stage_state(self, name: str) -> dict[str, Any] | None:
        """The state saved by :meth:`save_stage_state`, or None."""
        raise NotImplementedError

    def save_readings(self, readings: Sequence[Reading]) -> None:
        raise NotImplementedError

    def get_reading(self, article_id: str) -> Reading | None:
        raise NotImplementedError

    def save_assignments(self, assignments: Sequence[StoryAssignment], stories: Sequence[Story]) -> None:
        raise NotImplementedError

    def get_story(self, story_id: str) -> Story | None:
        raise NotImplementedError

    def list_stories(self, *, limit: int = 50, breaking: bool | None = None) -> list[Story]:
        raise NotImplementedError

    def save_ledger(self, ledger: Ledger, update: Any = None) -> str | None:
        """Keep a story's ledger. ``update`` (a :class:`newsdesk.ledger.LedgerUpdate`) says what
        a fold changed, so that a backend can write only that; without it the whole ledger is
        written. Returns the stored version (see :meth:`ledger_versions`) or None."""
        raise NotImplementedError

    def ledger_versions(self, story_ids: Sequence[str]) -> dict[str, str]:
        """The stored version of each of these stories' ledgers (it changes with every save), so
        that a caller may keep ledgers in memory between batches; empty when not supported."""
        return {}

    def get_ledger(self, story_id: str) -> Ledger | None:
        raise NotImplementedError

    def get_ledger_dict(self, story_id: str) -> dict[str, Any] | None:
        """The story's ledger in its JSON shape (``Ledger.to_dict()``), for answers that only
        pass it on; a backend may build it without making records."""
        ledger = self.get_ledger(story_id)
        return ledger.to_dict() if ledger is not None else None

    def get_assignment(self, article_id: str) -> StoryAssignment | None:
        """The story assignment saved for one article, or None."""
        raise NotImplementedError

    # --- maintenance -----------------------------------------------------------------------
    def check(self) -> dict[str, Any]:
        """Integrity of the database and of its search index:
        ``{"integrity": "ok"|problem, "fts": "ok"|problem, "articles": n, "fts_rows": n}``."""
        raise NotImplementedError

    # --- queries for the API and dashboard (``newsdesk serve``) --------------------------------
    def query_stories(self, query: StoryQuery) -> tuple[list[Story], str | None]:
        """A page of stories matching ``query`` and the cursor of the next page (or None)."""
        raise NotImplementedError

    def story_summaries(self, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """For each story: ``{"places": [{"name", "country", "geonameid", "lat", "lon", "mentions"}],
        "tallies": [{"key", "category", "subject", "place", "low", "best", "high", "claims",
        "disagreements", "revisions"}]}``, places by mentions and tallies by claims, most first."""
        raise NotImplementedError

    def article_headers(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        """``{"id", "title", "source", "url", "published", "language", "story", "duplicate_of"}`` of
        each stored article (no text), in the order given; unknown ids are left out."""
        raise NotImplementedError

    def query_events(self, query: EventQuery) -> tuple[list[dict[str, Any]], str | None]:
        """A page of events: ``{"article", "index", "story", "type", "day", "day_from", "date_precision",
        "text", "place", "country", "lat", "lon", "killed", "injured", "title", "source", "published"}``."""
        raise NotImplementedError

    def query_figures(self, query: FigureQuery) -> tuple[list[dict[str, Any]], str | None]:
        """A page of figures: ``{"article", "index", "story", "category", "subject", "value", "low",
        "high", "qualifier", "stance", "text", "claimant", "start", "end", "place", "country", "event",
        "title", "source", "published"}``."""
        raise NotImplementedError

    def search_articles(self, query: SearchQuery) -> list[SearchHit]:
        """Full-text search like :meth:`search`, with filters and chosen snippet marks."""
        raise NotImplementedError

    # --- lifecycle -------------------------------------------------------------------------
    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


