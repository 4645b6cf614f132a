"""Online story clustering: each report, in publication order, joins the best open story or
starts one; the past is never re-clustered.

A report is a sparse vector of weighted features (:mod:`newsdesk.stories.features`): words,
names, numbers and dates, plus GeoNames ids, event types and figures when a reading is given,
each kind with its own boost, weighted by ``1 + log tf`` and by online idf. A story is the sum
of its reports' unit vectors (weights frozen when added, so the norm updates in O(terms)).
The score of a report against a story is

    cosine(report, centroid) * 0.5 ** (hours since the story's last report / decay_hours)

optionally multiplied by ``Weights.conflict`` per *conflict* (:func:`conflicts`): salient
names of the report the story never mentions while the story's core names are missing from
the report (another victim, another opponent). It is off by default: on the ECB+ train and
dev splits a quarter of same-event pairs hold such a conflict too, and every setting tried
cost more recall than it gained precision (docs/benchmarks.md). A report joins the best
story scoring at least ``StoryOptions.threshold``, else starts one.

Candidate stories come from an inverted index over each story's top terms, so
the cost per report depends on the open stories that share its rare terms, not on how many
reports came before. Stories close and leave every index (:meth:`StoryState.close_stale`)
when they have had no report for ``quiet_hours``, when their first report is more than
``max_story_days`` old (a long-running affair goes on as a new story: the hot index holds
a bounded stretch of news however the stream is fed), and, the least recently fed first,
when more than ``max_open_stories`` are open. The idf table is bounded too: past
``idf_terms`` terms, every count (and the document count) is halved and the terms left at
zero are forgotten, an idf that slowly forgets the old news.

All state lives in :class:`StoryState` (open stories, postings, idf counts, duplicate index,
desk baseline), which the caller owns and can serialise (``to_dict``/``from_dict``).
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsdesk.stories.breaking import BreakingRule, DeskBaseline, check_breaking
from newsdesk.stories.dedup import DuplicateIndex
from newsdesk.stories.features import ArticleFeatures

__all__ = ["OpenStory", "StoryState", "Weights", "conflicts", "score_story", "story_id_for", "time_decay"]

STATE_VERSION = 1


@dataclass(slots=True)
class Weights:
    """Internal weights of the clusterer, chosen on the ECB+ train and dev splits (never test)."""

    word: float = 1.0
    name: float = 1.5  # names: capitalised tokens (people, places, organisations)
    number: float = 1.0
    date: float = 2.0  # years, day and month names: two similar events on different days part on them
    place: float = 2.0  # GeoNames ids from the reading
    event: float = 0.7  # ACLED event types from the reading
    figure: float = 1.0  # category:value of reported figures
    actor: float = 1.0  # who acts and who is acted on, as role:country:sector from the reading
    # the score is multiplied by this for each conflicting detail; 1.0 = off. On ECB+ train/dev
    # every setting below 1 cost more recall than it gained precision (see docs/benchmarks.md)
    conflict: float = 1.0
    conflict_cap: int = 3  # at most this many conflicts count
    conflict_free: int = 1  # this many conflicts are let pass (a report of one event often names someone new)
    core_share: float = 0.5  # a story's core details are held by at least this share of its reports
    distinctive_df: float = 0.1  # a name/number is distinctive when at most this share of reports hold it
    vector_terms: int = 80  # a report keeps its heaviest terms only (cost per report stays flat)
    posting_cap: int = 100  # a term points to at most this many stories (the latest fed): bounded lookups
    lookup_terms: int = 24  # top terms of a report used to find candidate stories
    centroid_terms: int = 150  # a story's centroid keeps its heaviest terms: this many, pruned at twice as many
    max_candidates: int = 8  # stories scored per report: those sharing most of its top terms


_KIND_FIELD = {"w": "word", "n": "name", "#": "number", "d": "date", "p": "place", "e": "event", "f": "figure",
               "a": "actor"}


def story_id_for(article_id: str) -> str:
    """A story's id, derived from its first report's id (stable across runs)."""
    return "st_" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class OpenStory:
    id: str
    first_seen: float | None = None  # seconds since the epoch (UTC)
    last_seen: float | None = None
    centroid: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    size: int = 0
    articles: list[str] = field(default_factory=list)
    source_first: dict[str, float] = field(default_factory=dict)  # source -> first report time
    languages: list[str] = field(default_factory=list)
    places: list[int] = field(default_factory=list)
    anchors: Counter[str] = field(default_factory=Counter)  # names and numbers -> reports holding them
    salient: Counter[str] = field(default_factory=Counter)  # salient names -> reports where salient
    title: str | None = None
    breaking: bool = False
    breaking_at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "first_seen": self.first_seen, "last_seen": self.last_seen,
            "centroid": self.centroid, "norm2": self.norm2, "size": self.size, "articles": self.articles,
            "source_first": self.source_first, "languages": self.languages, "places": self.places,
            "anchors": dict(self.anchors), "salient": dict(self.salient), "title": self.title, "breaking": self.breaking,
            "breaking_at": self.breaking_at,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OpenStory:
        return cls(
            id=d["id"], first_seen=d.get("first_seen"), last_seen=d.get("last_seen"),
            centroid={k: float(v) for k, v in d.get("centroid", {}).items()}, norm2=float(d.get("norm2", 0.0)),
            size=int(d.get("size", 0)), articles=list(d.get("articles", [])),
            source_first={k: float(v) for k, v in d.get("source_first", {}).items()},
            languages=list(d.get("languages", [])), places=[int(p) for p in d.get("places", [])],
            anchors=Counter(d.get("anchors", {})), salient=Counter(d.get("salient", {})), title=d.get("title"), breaking=bool(d.get("breaking")),
            breaking_at=d.get("breaking_at"),
        )


class StoryState:
    """Everything the clusterer remembers between reports: the runner owns it and keeps it in
    the store (``to_dict``/``from_dict``); no module-level state."""

    def __init__(self, *, duplicate_threshold: float = 0.7) -> None:
        self.n_docs = 0
        self.df: dict[str, int] = {}
        self.stories: dict[str, OpenStory] = {}
        self.postings: dict[str, dict[str, None]] = {}  # term -> ordered set of open story ids
        self.article_story: dict[str, str] = {}  # report id -> story id, for reports of open stories
        self.duplicates = DuplicateIndex(threshold=duplicate_threshold)
        self.desk = DeskBaseline()
        self.clock: float | None = None  # latest publication time processed
        self.closed_total = 0
        self._expiry: list[tuple[float, str]] = []  # heap of (last_seen, story id), may hold stale entries
        self._births: list[tuple[float, str]] = []  # heap of (first_seen, story id), may hold stale entries

    # --- idf -----------------------------------------------------------------------------
    def idf(self, term: str) -> float:
        return math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def max_idf(self) -> float:
        return math.log(self.n_docs + 1) + 1.0

    def observe_terms(self, terms: dict[str, float], max_terms: int = 500_000) -> None:
        self.n_docs += 1
        df = self.df
        for t in terms:
            df[t] = df.get(t, 0) + 1
        if len(df) > max_terms:  # bounded memory: halve every count, forget the terms left at zero
            self.df = {t: c // 2 for t, c in df.items() if c > 1}
            self.n_docs = max(1, self.n_docs // 2)

    # --- vectors -------------------------------------------------------------------------
    def weigh(self, feats: ArticleFeatures, weights: Weights) -> dict[str, float]:
        """The report's unit vector under the current idf: its ``vector_terms`` heaviest terms,
        heaviest first (so the first ``lookup_terms`` are the ones to look stories up by)."""
        boost = {k: getattr(weights, f) for k, f in _KIND_FIELD.items()}
        df = self.df
        log_n = math.log(self.n_docs + 1)
        items: list[tuple[float, str]] = []
        for term, count in feats.vector.items():
            b = boost.get(term[0], 1.0)
            if b <= 0:
                continue
            idf = log_n - math.log(df.get(term, 0) + 1) + 1.0
            items.append((b * (1.0 + math.log(count)) * idf, term))
        items.sort(reverse=True)
        del items[weights.vector_terms:]
        norm = math.sqrt(sum(v * v for v, _ in items)) or 1.0
        return {t: v / norm for v, t in items}

    # --- stories -------------------------------------------------------------------------
    def candidates(self, vec: dict[str, float], weights: Weights) -> list[OpenStory]:
        hits: dict[str, float] = {}
        for term, w in itertools.islice(vec.items(), weights.lookup_terms):
            posting = self.postings.get(term)
            if posting:
                for sid in posting:
                    hits[sid] = hits.get(sid, 0.0) + w
        best = heapq.nlargest(weights.max_candidates, hits, key=hits.__getitem__)
        return [self.stories[s] for s in best if s in self.stories]

    def add_to_story(self, story: OpenStory, vec: dict[str, float], weights: Weights) -> None:
        c = story.centroid
        dot = 0.0
        for t, v in vec.items():
            old = c.get(t, 0.0)
            dot += old * v
            c[t] = old + v
        story.norm2 += 2 * dot + sum(v * v for v in vec.values())
        story.size += 1
        if len(c) > 2 * weights.centroid_terms:
            keep = heapq.nlargest(weights.centroid_terms, c.items(), key=lambda kv: kv[1])
            dropped = set(c) - {t for t, _ in keep}
            story.centroid = dict(keep)
            story.norm2 = sum(v * v for v in story.centroid.values())
            for t in dropped:
                posting = self.postings.get(t)
                if posting is not None:
                    posting.pop(story.id, None)
                    if not posting:
                        del self.postings[t]
        postings = self.postings
        for t in itertools.islice(vec, weights.lookup_terms):
            if t in story.centroid:
                posting = postings.get(t)
                if posting is None:
                    postings[t] = {story.id: None}
                    continue
                posting.pop(story.id, None)  # most recently fed stories last
                posting[story.id] = None
                if len(posting) > weights.posting_cap:
                    del posting[next(iter(posting))]

    def open_story(self, sid: str) -> OpenStory:
        story = OpenStory(id=sid)
        self.stories[sid] = story
        return story

    def touch(self, story: OpenStory, t: float | None) -> None:
        if t is not None:
            if story.first_seen is None or t < story.first_seen:
                story.first_seen = t
                heapq.heappush(self._births, (t, story.id))
            if story.last_seen is None or t > story.last_seen:
                story.last_seen = t
                heapq.heappush(self._expiry, (t, story.id))

    def close_quiet(self, now: float, quiet_seconds: float) -> list[OpenStory]:
        """Close the stories with no report since ``now - quiet_seconds``; they leave every index."""
        closed: list[OpenStory] = []
        cutoff = now - quiet_seconds
        while self._expiry and self._expiry[0][0] < cutoff:
            last, sid = heapq.heappop(self._expiry)
            story = self.stories.get(sid)
            if story is None or story.last_seen is None or story.last_seen > last:
                continue  # stale entry: the story moved on (or is gone)
            self._drop(story)
            closed.append(story)
        return closed

    def close_stale(self, now: float, quiet_seconds: float, max_age_seconds: float = 0.0) -> list[OpenStory]:
        """Close the stories quiet since ``now - quiet_seconds`` and those first seen before
        ``now - max_age_seconds`` (0: no age limit). They leave every index."""
        closed = self.close_quiet(now, quiet_seconds)
        if max_age_seconds > 0:
            cutoff = now - max_age_seconds
            while self._births and self._births[0][0] < cutoff:
                first, sid = heapq.heappop(self._births)
                story = self.stories.get(sid)
                if story is None or story.first_seen != first:
                    continue  # stale entry
                self._drop(story)
                closed.append(story)
        return closed

    def close_least_fed(self, max_open: int, keep: str | None = None) -> list[OpenStory]:
        """Close the stories fed longest ago until at most ``max_open`` are open (0: no cap);
        never ``keep`` (the story just fed)."""
        closed: list[OpenStory] = []
        spared: list[tuple[float, str]] = []
        while max_open > 0 and len(self.stories) > max_open and self._expiry:
            last, sid = heapq.heappop(self._expiry)
            story = self.stories.get(sid)
            if story is None or story.last_seen != last:
                continue
            if sid == keep:
                spared.append((last, sid))
                continue
            self._drop(story)
            closed.append(story)
        for entry in spared:
            heapq.heappush(self._expiry, entry)
        return closed

    def _drop(self, story: OpenStory) -> None:
        self.stories.pop(story.id, None)
        for t in story.centroid:
            posting = self.postings.get(t)
            if posting is not None:
                posting.pop(story.id, None)
                if not posting:
                    del self.postings[t]
        self.duplicates.remove(story.articles)
        for a in story.articles:
            self.article_story.pop(a, None)
        self.closed_total += 1

    def note_source(self, story: OpenStory, source: str | None, t: float | None, rule: BreakingRule) -> None:
        if not source or source in story.source_first:
            return
        when = t if t is not None else (self.clock or 0.0)
        story.source_first[source] = when
        if t is None:
            return
        times = sorted(story.source_first.values())
        if check_breaking(times, t, self.desk, rule) and not story.breaking:
            story.breaking = True
            story.breaking_at = t

    # --- persistence ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready snapshot of the whole state (for the store between runs)."""
        return {
            "version": STATE_VERSION,
            "n_docs": self.n_docs,
            "df": self.df,
            "stories": [s.to_dict() for s in self.stories.values()],
            "postings": {t: list(p) for t, p in self.postings.items()},
            "duplicates": self.duplicates.to_dict(),
            "desk": {"mean": self.desk.mean, "observations": self.desk.observations},
            "clock": self.clock,
            "closed_total": self.closed_total,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryState:
        from newsdesk.errors import StoreError

        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            raise StoreError("the stored story state has an unknown format",
                             hint="start afresh with an empty state (stories already stored are kept)")
        dup = data.get("duplicates") or {}
        state = cls(duplicate_threshold=float(dup.get("threshold", 0.7)))
        state.n_docs = int(data.get("n_docs", 0))
        state.df = {k: int(v) for k, v in data.get("df", {}).items()}
        state.duplicates = DuplicateIndex.from_dict(dup) if dup else state.duplicates
        desk = data.get("desk") or {}
        state.desk = DeskBaseline(mean=float(desk.get("mean", 1.0)), observations=int(desk.get("observations", 0)))
        state.clock = data.get("clock")
        state.closed_total = int(data.get("closed_total", 0))
        for sd in data.get("stories", []):
            story = OpenStory.from_dict(sd)
            state.stories[story.id] = story
            for a in story.articles:
                state.article_story[a] = story.id
            if story.last_seen is not None:
                heapq.heappush(state._expiry, (story.last_seen, story.id))
            if story.first_seen is not None:
                heapq.heappush(state._births, (story.first_seen, story.id))
        # the lookup index, in its order (most recently fed stories last)
        for term, sids in (data.get("postings") or {}).items():
            kept = {sid: None for sid in sids if sid in state.stories}
            if kept:
                state.postings[term] = kept
        return state


def _anchors(feats: ArticleFeatures) -> set[str]:
    return {"n:" + n for n in feats.names} | {"#:" + n for n in feats.numbers} | {f"p:{p}" for p in feats.places}


def time_decay(story: OpenStory, t: float | None, decay_hours: float) -> float:
    """How much of its pull a story keeps for a report at time ``t``: it halves for each
    ``decay_hours`` since the story's last report (1 without times or decay)."""
    if t is None or story.last_seen is None or decay_hours <= 0:
        return 1.0
    return 0.5 ** (max(0.0, t - story.last_seen) / 3600.0 / decay_hours)


def score_story(state: StoryState, story: OpenStory, vec: dict[str, float], anchors: set[str],
                t: float | None, weights: Weights, decay_hours: float,
                salient: frozenset[str] = frozenset()) -> float:
    """How well a report (unit vector ``vec``, anchor set ``anchors``, time ``t``) fits ``story``."""
    c = story.centroid
    dot = 0.0
    for term, v in vec.items():
        w = c.get(term)
        if w is not None:
            dot += v * w
    if dot <= 0.0 or story.norm2 <= 0.0:
        return 0.0
    score = dot / math.sqrt(story.norm2) * time_decay(story, t, decay_hours)
    if weights.conflict < 1.0 and salient:
        n = conflicts(state, story, salient, anchors, weights) - weights.conflict_free
        if n > 0:
            score *= weights.conflict ** min(n, weights.conflict_cap)
    return score


def conflicts(state: StoryState, story: OpenStory, salient: frozenset[str], anchors: set[str],
              weights: Weights) -> int:
    """How many salient names the report and the story hold against each other: both sides
    must name someone or somewhere the other never mentions (another victim *and* not the
    story's victim, another opponent *and* not the story's opponent).

    The report's side: its salient names (in the lead, or named twice) that the story never
    mentions. The story's side: its core salient names (salient in at least ``core_share``
    of its reports) that the report never mentions. Names held by more than
    ``distinctive_df`` of all reports ("U.S.", "Police") do not count."""
    if not salient or not story.salient:
        return 0
    cut = weights.distinctive_df * state.n_docs
    df = state.df
    core_min = max(1.0, weights.core_share * story.size)
    theirs = sum(1 for n, c in story.salient.items()
                 if c >= core_min and "n:" + n not in anchors and df.get("n:" + n, 0) <= cut)
    if not theirs:
        return 0
    mine = sum(1 for n in salient if "n:" + n not in story.anchors and df.get("n:" + n, 0) <= cut)
    return min(mine, theirs)
