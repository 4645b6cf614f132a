"""Response shapes of the REST API, for its OpenAPI schema (``/openapi.json``, ``/docs``).

The routes build plain JSON (fast, no re-validation) in exactly these shapes; the tests check
answers against the schema. Nested pipeline records (places, figures, events, ledgers) keep
the field names of :mod:`newsdesk.records`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = [
    "ArticleDetail",
    "ArticleHeader",
    "ArticlePage",
    "ErrorBody",
    "ErrorDetail",
    "EventItem",
    "EventPage",
    "FigureItem",
    "FigurePage",
    "Health",
    "IngestAnswer",
    "IngestItem",
    "PlaceCount",
    "SearchItem",
    "SearchPage",
    "StoryDetail",
    "StoryPage",
    "StorySummary",
    "TallyHeadline",
]


class ErrorDetail(BaseModel):
    field: str = Field(description="the parameter or body field at fault")
    problem: str


class ErrorBody(BaseModel):
    """The one shape of every error answer."""

    ok: bool = False
    status: int = Field(description="the HTTP status, repeated")
    error: str = Field(description="stable code: not_found, invalid_request, unauthorized, forbidden, bad_request, "
                                   "internal_error, ...; a store failure gives its newsdesk code (ND300)")
    message: str = Field(description="what went wrong, naming the input")
    details: list[ErrorDetail] = []


class ArticleHeader(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO 8601 with the original offset")
    language: str | None = None
    story: str | None = Field(None, description="id of the story the report belongs to")
    duplicate_of: str | None = None


class ArticlePage(BaseModel):
    items: list[ArticleHeader]
    next_cursor: str | None = Field(None, description="pass as ?cursor= for the next page")


class ArticleDetail(ArticleHeader):
    text: str
    byline: str | None = None
    section: str | None = None
    updated: str | None = None
    fetched: str | None = None
    boilerplate: list[dict[str, Any]] = []
    layout: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = Field([], description="records.Place of the stored reading")
    figures: list[dict[str, Any]] = Field([], description="records.Figure of the stored reading")
    events: list[dict[str, Any]] = Field([], description="records.Event of the stored reading")
    read: bool = Field(description="whether a reading is stored for the article")


class PlaceCount(BaseModel):
    name: str
    country: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: int


class TallyHeadline(BaseModel):
    key: str
    category: str | None = None
    subject: str | None = None
    place: str | None = None
    low: float | None = None
    best: float | None = None
    high: float | None = None
    claims: int
    disagreements: int
    revisions: int


class StorySummary(BaseModel):
    id: str
    title: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    breaking: bool = False
    breaking_at: str | None = None
    closed: bool = False
    reports: int = Field(description="number of reports")
    sources: list[str] = []
    languages: list[str] = []
    places: list[PlaceCount] = Field([], description="places its reports mention, most mentioned first")
    headline: list[TallyHeadline] = Field([], description="the ledger's tallies with most claims")


class StoryPage(BaseModel):
    items: list[StorySummary]
    next_cursor: str | None = None


class StoryDetail(StorySummary):
    articles: list[ArticleHeader] = Field(description="its reports, oldest first")
    ledger: dict[str, Any] | None = Field(None, description="records.Ledger: tallies with claims, revisions, "
                                                            "disagreements, range and explanation")


class EventItem(BaseModel):
    article: str
    index: int = Field(description="index into the article's Reading.events")
    story: str | None = None
    type: str
    day: str = Field(description="the event's date, else its report's publication day ('' if neither)")
    day_from: str | None = Field(None, description="'event' or 'published'")
    date_precision: str | None = None
    text: str | None = None
    place: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    killed: float | None = None
    injured: float | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None


class EventPage(BaseModel):
    items: list[EventItem]
    next_cursor: str | None = None


class FigureItem(BaseModel):
    article: str
    index: int
    story: str | None = None
    category: str
    subject: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    stance: str | None = None
    text: str | None = None
    claimant: str | None = None
    start: int | None = None
    end: int | None = None
    place: str | None = None
    country: str | None = None
    event: int | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None


class FigurePage(BaseModel):
    items: list[FigureItem]
    next_cursor: str | None = None


class SearchItem(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    snippet: str = Field(description="plain text around the matches")
    highlights: list[list[int]] = Field(description="[start, end] offsets of the matched words in snippet")
    rank: float = Field(description="BM25 (lower is better)")


class SearchPage(BaseModel):
    query: str
    items: list[SearchItem]
    next_offset: int | None = None
    ranked_among: int | None = Field(None, description="set when the words match so many reports that only the "
                                                        "latest this many stored were ranked (BM25 costs one score "
                                                        "per match); None: every match was ranked")


class Health(BaseModel):
    ok: bool
    version: str
    db: str
    articles: int
    stories: int
    writable: bool = Field(description="whether POST /articles is enabled (an API key is configured)")


class IngestItem(BaseModel):
    id: str | None = None
    status: str = Field(description="new, duplicate or error")
    duplicate_of: str | None = None
    reason: str | None = None
    input: str | None = Field(None, description="which record of the request (records[i])")


class IngestAnswer(BaseModel):
    ok: bool
    stored: int
    duplicates: int
    errors: int
    items: list[IngestItem]
