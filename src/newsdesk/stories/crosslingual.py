"""Joining reports across languages on what a reading gives in every language.

Two reports of one event in English and Russian share almost no words, so their cosine over
words, names and anchors together stays under the joining threshold even when their readings
agree on everything that matters: the same GeoNames place, event type, date and figures. For a
report in a language the story has not seen yet, :func:`anchor_score` compares the report and
the story on those language-independent anchors alone (``p:`` place ids, ``e:`` event types,
``d:`` dates, ``f:`` figures, ``a:`` actors by role, country and sector, ``#:`` numbers written
in digits): their cosine restricted to these
terms, counted only when they share enough of them (at least ``min_shared`` terms, one of them
a place) and scaled by ``weight``, so that a shared country and nothing else never joins two
reports.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdesk.stories.cluster import OpenStory

__all__ = ["ANCHOR_KINDS", "anchor_score"]

ANCHOR_KINDS = frozenset("pedfa#")  # key prefixes whose meaning does not depend on the language


def anchor_score(story: OpenStory, vec: dict[str, float], *, weight: float = 0.8, min_shared: int = 3) -> float:
    """The similarity of a report (unit vector ``vec``) and ``story`` on language-independent
    anchors only; 0 when they share fewer than ``min_shared`` anchors or no place."""
    mine = {t: v for t, v in vec.items() if t[0] in ANCHOR_KINDS}
    if len(mine) < min_shared:
        return 0.0
    c = story.centroid
    shared = [t for t in mine if t in c]
    if len(shared) < min_shared or not any(t[0] == "p" for t in shared):
        return 0.0
    theirs = math.sqrt(sum(w * w for t, w in c.items() if t[0] in ANCHOR_KINDS))
    norm = math.sqrt(sum(v * v for v in mine.values()))
    if theirs <= 0.0 or norm <= 0.0:
        return 0.0
    return weight * sum(mine[t] * c[t] for t in shared) / (theirs * norm)
