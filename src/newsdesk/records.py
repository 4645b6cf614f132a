"""Typed records shared by every stage of the pipeline.

Data flows one way::

    sources --ingest--> Article --read/geo/extract--> Reading (places, figures, events)
            --stories--> StoryAssignment / Story --ledger--> Ledger (tallies of claims)

Every record is a ``dataclass(slots=True)``. Offsets (``start``/``end``) are Python
string indexes into ``Article.text`` exactly as stored. ``to_dict()`` gives the JSON
shape that other programs read: field names and vocabularies here are a contract.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = [
    "Article",
    "Span",
    "Sentence",
    "Place",
    "Claimant",
    "Figure",
    "Count",
    "Actor",
    "Event",
    "Reading",
    "StoryAssignment",
    "Story",
    "Claim",
    "Tally",
    "Ledger",
    "FIGURE_CATEGORIES",
    "QUALIFIERS",
    "STANCES",
    "EVENT_TYPES",
    "DATE_PRECISIONS",
    "to_jsonable",
]

# --- vocabularies (exact: other programs read them) -------------------------------------

FIGURE_CATEGORIES: tuple[str, ...] = (
    "killed", "injured", "missing", "kidnapped", "arrested", "displaced", "evacuated",
    "affected", "launched", "intercepted", "hit", "damaged", "destroyed", "other",
)
QUALIFIERS: tuple[str, ...] = (
    "exact", "about", "at_least", "at_most", "more_than", "fewer_than", "up_to", "range", "vague",
)
STANCES: tuple[str, ...] = ("reported", "claimed", "denied", "revised", "estimated")
EVENT_TYPES: tuple[str, ...] = (
    "armed_clash", "government_regains_territory", "non_state_actor_overtakes_territory",
    "chemical_weapon", "air_drone_strike", "suicide_bomb", "shelling_artillery_missile_attack",
    "remote_explosive_landmine_ied", "grenade", "sexual_violence", "attack",
    "abduction_forced_disappearance", "peaceful_protest", "protest_with_intervention",
    "excessive_force_against_protesters", "violent_demonstration", "mob_violence", "agreement",
    "arrests", "change_to_group_activity", "disrupted_weapons_use",
    "headquarters_or_base_established", "looting_property_destruction",
    "non_violent_transfer_of_territory", "other",
)
DATE_PRECISIONS: tuple[str, ...] = ("datetime", "day", "night", "week", "month", "year")


_SCALARS = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def to_jsonable(obj: Any) -> Any:
    """Turn records (and containers of them) into JSON-ready values; datetimes become ISO 8601."""
    if isinstance(obj, _SCALARS):
        return obj
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, datetime):
        return obj.isoformat()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {name: to_jsonable(getattr(obj, name)) for name in _field_names(type(obj))}
    return obj


# --- ingest ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Span:
    """A character span of ``Article.text`` with a label (``boilerplate``, ``subhead``, ...)."""

    start: int
    end: int
    label: str = ""


@dataclass(slots=True)
class Article:
    """One report as ingested.

    ``text`` is the clean text of the report (markup removed, layout header parsed out).
    Publisher boilerplate is *not* removed from ``text``: its spans are listed in
    ``boilerplate`` and ``news_text()`` blanks them out (same length, so offsets hold)
    for the stages that read facts.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None  # canonical URL
    source: str | None = None  # outlet name or domain
    byline: str | None = None
    published: datetime | None = None  # timezone-aware
    updated: datetime | None = None
    fetched: datetime | None = None
    language: str | None = None  # ISO 639-1
    language_confidence: float | None = None
    section: str | None = None
    content_hash: str = ""
    origin: str | None = None  # where it was read from: path, path#line, URL, warc record id
    boilerplate: list[Span] = field(default_factory=list)
    layout: list[Span] = field(default_factory=list)  # subheads, tag lines: not sentences
    meta: dict[str, Any] = field(default_factory=dict)

    def news_text(self) -> str:
        """``text`` with boilerplate and layout spans replaced by spaces (offsets preserved)."""
        spans = [*self.boilerplate, *self.layout]
        if not spans:
            return self.text
        chars = list(self.text)
        for s in spans:
            for i in range(max(0, s.start), min(len(chars), s.end)):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


# --- reading --------------------------------------------------------------------------------


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Place:
    start: int
    end: int
    text: str
    geonameid: int | None
    name: str
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # name of the first-level division
    lat: float | None
    lon: float | None
    kind: str  # city, capital, admin1, admin2, country, region, continent, ...
    score: float = 0.0


@dataclass(slots=True)
class Claimant:
    text: str
    start: int
    end: int
    country: str | None = None


@dataclass(slots=True)
class Figure:
    start: int
    end: int
    text: str
    category: str  # one of FIGURE_CATEGORIES
    value: float | int | None
    low: float | int | None
    high: float | int | None
    qualifier: str  # one of QUALIFIERS
    subject: str | None = None  # what is counted: people, civilians, children, drones, ...
    place: int | None = None  # index into Reading.places
    claimant: Claimant | None = None
    stance: str = "reported"  # one of STANCES
    event: int | None = None  # index into Reading.events
    part_of: int | None = None  # index into Reading.figures of the total this is a subset of


@dataclass(slots=True)
class Count:
    value: float | int | None
    low: float | int | None
    high: float | int | None


@dataclass(slots=True)
class Actor:
    text: str
    role: str  # actor1 (who acts), actor2 (who is acted on), claimant, ...
    country: str | None = None
    sector: str | None = None  # military, government, police, civilians, rebels, ...


@dataclass(slots=True)
class Event:
    type: str  # one of EVENT_TYPES
    start: int
    end: int
    text: str
    actors: list[Actor] = field(default_factory=list)
    place: int | None = None  # index into Reading.places
    date: str | None = None  # ISO date (or datetime)
    date_precision: str | None = None  # one of DATE_PRECISIONS
    killed: Count | None = None
    injured: Count | None = None
    figures: list[int] = field(default_factory=list)  # indexes into Reading.figures


@dataclass(slots=True)
class Reading:
    """What the read and extract stages find in one article: the ``newsdesk extract`` line."""

    id: str
    language: str | None
    places: list[Place] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


# --- stories --------------------------------------------------------------------------------


@dataclass(slots=True)
class StoryAssignment:
    """The ``newsdesk stories`` line for one article."""

    id: str
    story: str | None
    duplicate_of: str | None = None
    breaking: bool = False
    reason: str | None = None  # why no story, when story is None


@dataclass(slots=True)
class Story:
    id: str
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    articles: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    places: list[int] = field(default_factory=list)  # GeoNames ids
    title: str | None = None
    breaking: bool = False
    breaking_at: datetime | None = None
    closed: bool = False


# --- ledger ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Claim:
    """One figure as one report gives it, placed in a story's ledger."""

    article: str
    published: datetime | None
    figure: Figure
    sentence_start: int
    sentence_end: int
    sentence: str
    source: str | None = None
    id: str = ""  # "<article>:<start>-<end>": stable, cited by explanations
    claimant_key: str | None = None  # who stands behind the number (claimant, else the outlet)
    disputed_by: list[str] = field(default_factory=list)  # ids of claims that deny this one
    superseded_by: str | None = None  # id of the same claimant's later claim, if any
    part_of: str | None = None  # id of the claim (same report) whose total this figure is a part of
    place: Place | None = None  # where the figure counts, when the reading linked a place
    group: str = ""  # the tally group it counts in: "category|subject" ("|subject (part)" for a part)


@dataclass(slots=True)
class Tally:
    key: str  # category|subject|place|event key
    category: str
    subject: str | None
    place: str | None
    claims: list[Claim] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    low: float | int | None = None
    best: float | int | None = None
    high: float | int | None = None
    explanation: dict[str, str] = field(default_factory=dict)
    parent: str | None = None  # key of the total this tally is a subset of
    current: list[str] = field(default_factory=list)  # ids of the claims that stand now (latest per claimant)
    denials: list[str] = field(default_factory=list)  # ids of the claims with stance "denied"


@dataclass(slots=True)
class Ledger:
    story: str
    tallies: list[Tally] = field(default_factory=list)
    updated: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)
