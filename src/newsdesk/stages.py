"""The later stages composed with a store, for the runner: read -> stories -> ledger.

:class:`LaterStages` is a runner stage (``stage(new_articles, store, options)``, see
:mod:`newsdesk.runner`). For each batch of newly stored articles it

1. reads each one (:func:`newsdesk.extract.pipeline.read_articles`: places, figures with
   claimants, events) and saves the readings;
2. assigns stories (:func:`newsdesk.stories.assign_stories`) against the clusterer's state,
   which it keeps in memory and saves in the store (``stage_state("stories")``) after each batch,
   and saves the assignments and the stories that changed;
3. folds the new reports' figures into the ledger of each story they joined
   (:func:`newsdesk.ledger.fold_claims`), touching only the tallies they mention, and writes
   only what changed; the ledgers of the most recently updated stories stay in memory between
   batches (checked against the stored version, so another writer's update is never lost).

The stages themselves stay pure; this module is the only place that gives them a store.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from newsdesk.errors import ExtractError, NewsdeskError
from newsdesk.options import Options
from newsdesk.records import Article, Ledger, Reading
from newsdesk.store.base import Store

__all__ = ["STAGE_NAMES", "LaterStages"]

STAGE_NAMES = ("extract", "stories", "ledger")
_STORIES_STATE = "stories"
_LEDGERS_KEPT = 64  # ledgers of the most recently updated stories kept in memory between batches
_LEDGER_CLAIMS_KEPT = 50_000  # ... and at most this many claims in all (~2 KB each in memory)


class LaterStages:
    """Runs the later stages on each batch; holds the gazetteer and the story state between batches."""

    __name__ = "later-stages"

    def __init__(self, options: Options, *, stages: Sequence[str] = STAGE_NAMES) -> None:
        unknown = set(stages) - set(STAGE_NAMES)
        if unknown:
            raise NewsdeskError(f"unknown stage(s): {', '.join(sorted(unknown))}",
                                hint=f"known: {', '.join(STAGE_NAMES)}")
        self.stages = tuple(stages)
        self._gazetteer: Any = None
        self._story_state: Any = None
        self._state_dirty = False
        self._state_saved_at = -math.inf
        self._ledgers: dict[str, tuple[str, Ledger]] = {}  # story -> (stored version, ledger), LRU

    def __call__(self, new: list[Article], store: Store, options: Options) -> None:
        errors: list[str] = []
        readings: dict[str, Reading] = {}
        if "extract" in self.stages:
            readings = self._extract(new, store, options, errors)
        if "stories" in self.stages:
            assignments = self._stories(new, store, options, readings)
            if "ledger" in self.stages:
                self._ledger(new, assignments, readings, store, options)
        if errors:
            shown = "; ".join(errors[:5]) + (f"; and {len(errors) - 5} more" if len(errors) > 5 else "")
            raise NewsdeskError(f"{len(errors)} article(s) could not be read: {shown}")

    # --- extract ------------------------------------------------------------------------------
    def _extract(self, new: list[Article], store: Store, options: Options, errors: list[str]) -> dict[str, Reading]:
        from newsdesk.extract.pipeline import read_articles

        if self._gazetteer is None:
            from newsdesk.geo.gazetteer import Gazetteer

            self._gazetteer = Gazetteer.load(options)
        readings: dict[str, Reading] = {}
        for item in read_articles(new, options, gazetteer=self._gazetteer):
            if isinstance(item, ExtractError):
                errors.append(str(item))
                continue
            readings[item.id] = item
        if readings:
            store.save_readings(list(readings.values()))
        return readings

    # --- stories ------------------------------------------------------------------------------
    def _stories(self, new: list[Article], store: Store, options: Options,
                 readings: dict[str, Reading]) -> dict[str, Any]:
        from newsdesk.stories import assign_stories, state_from_dict

        if self._story_state is None:
            self._story_state = state_from_dict(store.stage_state(_STORIES_STATE), options)
        assignments, stories, self._story_state = assign_stories(new, self._story_state, options, readings)
        store.save_assignments(assignments, stories)
        self._state_dirty = True
        if time.monotonic() - self._state_saved_at >= options.stories.state_save_seconds:
            self.flush(store)
        return {a.id: a for a in assignments}

    def flush(self, store: Store) -> None:
        """Save the clusterer's state if it changed since the last save. The state grows with the
        open stories, so it is saved at most every ``stories.state_save_seconds`` while a run
        goes on, and by this call at its end (the CLI and the server call it). A run killed in
        between loses only the clusterer's memory of its last reports, never an assignment."""
        if self._state_dirty and self._story_state is not None:
            store.save_stage_state(_STORIES_STATE, self._story_state.to_dict())
            self._state_dirty = False
            self._state_saved_at = time.monotonic()

    # --- ledger -------------------------------------------------------------------------------
    def _ledger(self, new: list[Article], assignments: dict[str, Any], readings: dict[str, Reading],
                store: Store, options: Options) -> None:
        from newsdesk.ledger import build_ledger, claims_from_reading, fold_claims

        by_story: dict[str, list[Any]] = defaultdict(list)
        for article in new:
            a = assignments.get(article.id)
            reading = readings.get(article.id)
            if a is None or a.story is None or a.duplicate_of or reading is None or not reading.figures:
                continue
            by_story[a.story].extend(claims_from_reading(article, reading))
        versions = store.ledger_versions(list(by_story))
        for story_id, claims in by_story.items():
            # the ledger kept from the last batch, if nobody has saved another version since
            cached = self._ledgers.pop(story_id, None)
            ledger: Ledger | None
            if cached is not None and versions.get(story_id) == cached[0]:
                ledger = cached[1]
            else:
                ledger = store.get_ledger(story_id)
            if ledger is None:
                ledger = build_ledger(story_id, claims, options)
                version = store.save_ledger(ledger)
            else:  # only the tallies the report touches are folded and written
                update = fold_claims(ledger, claims, options)
                ledger = update.ledger
                version = store.save_ledger(ledger, update)
            if version:
                self._ledgers[story_id] = (version, ledger)
                self._trim_ledgers()

    def _trim_ledgers(self) -> None:
        """Keep the most recently updated ledgers, at most ``_LEDGERS_KEPT`` of them and
        ``_LEDGER_CLAIMS_KEPT`` claims in all (the latest one is always kept)."""
        sizes = {k: sum(len(t.claims) for t in led.tallies) for k, (_, led) in self._ledgers.items()}
        total = sum(sizes.values())
        while len(self._ledgers) > 1 and (len(self._ledgers) > _LEDGERS_KEPT or total > _LEDGER_CLAIMS_KEPT):
            oldest = next(iter(self._ledgers))
            total -= sizes[oldest]
            del self._ledgers[oldest]
