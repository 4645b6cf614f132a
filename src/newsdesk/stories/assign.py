"""The story stage: :func:`assign_stories` gives each report a story (and a first copy when it
is a near-duplicate), in publication order, against a :class:`StoryState` that the caller owns.

Bad input never stops the stream: a report without a date is placed at the desk's clock (the
latest time seen), a report dated in the future is placed at ``now``, a report whose id was
already assigned keeps its first story, and a report without text gets no story and a reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from newsdesk.options import Options
from newsdesk.records import Article, Reading, Story, StoryAssignment
from newsdesk.stories.breaking import BreakingRule
from newsdesk.stories.cluster import (OpenStory, StoryState, Weights, _anchors, score_story, story_id_for,
                                     time_decay)
from newsdesk.stories.crosslingual import anchor_score
from newsdesk.stories.features import article_features

__all__ = ["FUTURE_TOLERANCE_SECONDS", "assign_stories", "new_state", "state_from_dict", "story_record"]

FUTURE_TOLERANCE_SECONDS = 3600.0  # clocks and time zones drift; later than now + 1 h is "in the future"


def new_state(options: Options) -> StoryState:
    """An empty state for ``options``."""
    return StoryState(duplicate_threshold=options.stories.duplicate_threshold)


def state_from_dict(data: Mapping[str, Any] | None, options: Options) -> StoryState:
    """The state a runner saved with ``state.to_dict()``; an empty one for None."""
    if not data:
        return new_state(options)
    return StoryState.from_dict(dict(data))


def _ts(dt: datetime | None) -> float | None:
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def _dt(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, tz=UTC)


def story_record(story: OpenStory, *, closed: bool = False) -> Story:
    """The public :class:`~newsdesk.records.Story` of an open story."""
    sources = [s for s, _ in sorted(story.source_first.items(), key=lambda kv: (kv[1], kv[0]))]
    return Story(
        id=story.id, first_seen=_dt(story.first_seen), last_seen=_dt(story.last_seen),
        articles=list(story.articles), sources=sources, languages=list(story.languages),
        places=list(story.places), title=story.title, breaking=story.breaking,
        breaking_at=_dt(story.breaking_at), closed=closed,
    )


def _source(article: Article) -> str | None:
    if article.source:
        return article.source
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def _title(article: Article) -> str | None:
    """The report's title; a report without one is named by its first sentence, cut at a word
    boundary (with an ellipsis) when longer than a headline."""
    if article.title:
        return article.title.strip()[:300] or None
    from newsdesk.read.sentences import split_sentences

    first = article.news_text().strip().split("\n", 1)[0].strip()
    sentences = split_sentences(first[:1000], article.language)
    if sentences:
        first = first[sentences[0].start:sentences[0].end]
    if len(first) <= 160:
        return first or None
    cut = first[:160].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return f"{cut}…"


def assign_stories(
    articles: Sequence[Article],
    state: StoryState,
    options: Options,
    readings: Mapping[str, Reading] | None = None,
    *,
    now: datetime | None = None,
    weights: Weights | None = None,
) -> tuple[list[StoryAssignment], list[Story], StoryState]:
    """Assign each report of ``articles`` to a story.

    Reports are processed in publication order (undated ones last, at the desk's clock) but
    the assignments come back in input order. ``readings`` maps report ids to their readings
    (places, events, figures) when the reading stage ran. ``now`` (default: the wall clock)
    only decides what counts as "in the future". Returns the assignments, the stories that
    changed or closed in this batch (as records to store), and the state (the same object,
    updated in place: keep it for the next batch).
    """
    opts = options.stories
    weights = weights or Weights()
    readings = readings or {}
    now_ts = _ts(now) if now is not None else datetime.now(tz=UTC).timestamp()
    rule = BreakingRule(window_seconds=opts.breaking_window_minutes * 60.0,
                        min_sources=opts.breaking_min_sources, ratio=opts.breaking_ratio)
    quiet = opts.quiet_hours * 3600.0
    order = sorted(range(len(articles)),
                   key=lambda i: (articles[i].published is None, _ts(articles[i].published) or 0.0, i))
    results: list[StoryAssignment | None] = [None] * len(articles)
    changed: dict[str, OpenStory] = {}
    closed: dict[str, OpenStory] = {}
    for i in order:
        article = articles[i]
        try:
            results[i] = _assign_one(article, readings.get(article.id), state, opts, weights, rule,
                                     quiet, now_ts, changed, closed)
        except Exception as exc:  # noqa: BLE001 - one bad report never stops the stream
            results[i] = StoryAssignment(id=article.id, story=None,
                                         reason=f"could not be clustered ({type(exc).__name__}: {exc})")
    stories = [story_record(s, closed=True) for s in closed.values()]
    stories += [story_record(s) for sid, s in changed.items() if sid not in closed]
    return [r for r in results if r is not None], stories, state


def _assign_one(article: Article, reading: Reading | None, state: StoryState, opts: Any, weights: Weights,
                rule: BreakingRule, quiet: float, now_ts: float, changed: dict[str, OpenStory],
                closed: dict[str, OpenStory]) -> StoryAssignment:
    notes: list[str] = []
    t = _ts(article.published)
    if t is None:
        t = state.clock
        notes.append("no publication date: placed at the latest time seen")
    elif t > now_ts + FUTURE_TOLERANCE_SECONDS:
        notes.append("publication date in the future: placed at the current time")
        t = now_ts
    if t is not None:
        for story in state.close_stale(t, quiet, opts.max_story_days * 86400.0):
            closed[story.id] = story
        if opts.dedup_hours > 0:
            state.duplicates.expire(t - opts.dedup_hours * 3600.0)
    known = state.article_story.get(article.id)
    if known is not None and known in state.stories:
        story = state.stories[known]
        return StoryAssignment(id=article.id, story=known, breaking=story.breaking,
                               reason="id already assigned: kept its first story")
    feats = article_features(article, reading)
    if not feats.vector:
        return StoryAssignment(id=article.id, story=None,
                               reason="no words, names or numbers to cluster (empty text)")
    if t is not None and (state.clock is None or t > state.clock):
        state.clock = t
    state.observe_terms(feats.vector, opts.idf_terms)
    sig = state.duplicates.signature(feats.shingles)
    dup = state.duplicates.find(sig)
    duplicate_of: str | None = None
    story: OpenStory | None = None
    vec = state.weigh(feats, weights)
    if dup is not None and dup[0] in state.article_story:
        duplicate_of = dup[0]
        story = state.stories[state.article_story[duplicate_of]]
    else:
        anchors = _anchors(feats)
        lang = article.language or (reading.language if reading else None)
        best, best_score = None, 0.0
        for cand in state.candidates(vec, weights):
            s = score_story(state, cand, vec, anchors, t, weights, opts.decay_hours, feats.salient)
            if reading is not None and lang and cand.languages and lang not in cand.languages \
                    and opts.cross_language_weight > 0:
                # a language the story has not seen: its words cannot match, its reading can
                s = max(s, anchor_score(cand, vec, weight=opts.cross_language_weight)
                        * time_decay(cand, t, opts.decay_hours))
            if s > best_score or (s == best_score and best is not None and cand.id < best.id):
                best, best_score = cand, s
        if best is not None and best_score >= opts.threshold:
            story = best
        else:
            sid = story_id_for(article.id)
            while sid in state.stories:  # the same id reported again after its story closed
                sid = story_id_for(sid)
            story = state.open_story(sid)
            story.title = _title(article)
        state.add_to_story(story, vec, weights)
        story.anchors.update(_anchors(feats))
        story.salient.update(feats.salient)
        if len(story.articles) < opts.dedup_reports_per_story:
            # later copies of a story's wire text match its first reports: indexing every report
            # of a long-running story would only grow memory
            state.duplicates.add(article.id, sig, t)
    story.articles.append(article.id)
    state.article_story[article.id] = story.id
    lang = article.language or (reading.language if reading else None)
    if lang and lang not in story.languages:
        story.languages.append(lang)
    for p in sorted(feats.places):
        if p not in story.places:
            story.places.append(p)
    state.touch(story, t)
    if opts.max_open_stories and len(state.stories) > opts.max_open_stories:
        for gone in state.close_least_fed(opts.max_open_stories, keep=story.id):
            closed[gone.id] = gone
    state.note_source(story, _source(article), t, rule)
    changed[story.id] = story
    return StoryAssignment(id=article.id, story=story.id, duplicate_of=duplicate_of, breaking=story.breaking,
                           reason="; ".join(notes) or None)
