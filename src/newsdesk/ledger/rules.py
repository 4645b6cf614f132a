"""The reconciliation rules of the ledger, written down once (docs/ledger.md explains them to users).

A claim's figure becomes an *interval* of values it allows:

=============  ==========================  ================================
qualifier      interval                    example
=============  ==========================  ================================
exact          [v, v]                      "22 people were injured"
at_least       [v, +inf)                   "at least 22"
more_than      [v+1, +inf)                 "more than 20"
at_most        [0, v]                      "at most 30"
up_to          [0, v]                      "up to 30"
fewer_than     [0, v-1]                    "fewer than 30"
about          [v*(1-t), v*(1+t)]          "about 30" (t = ABOUT_TOLERANCE)
range          [low, high]                 "between 10 and 15"
vague          [low, high] or unbounded    "dozens", "hundreds"
=============  ==========================  ================================

Two claims are *compatible* when their intervals intersect. Compatible claims narrow the
tally to the intersection; incompatible current claims from different claimants are a
*disagreement*.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from newsdesk.records import Figure

__all__ = ["ABOUT_TOLERANCE", "Interval", "compatible", "interval_of"]

ABOUT_TOLERANCE = 0.2  # "about 30" allows 24..36
INF = math.inf


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float

    def intersect(self, other: Interval) -> Interval | None:
        lo, hi = max(self.low, other.low), min(self.high, other.high)
        return Interval(lo, hi) if lo <= hi else None

    @property
    def bounded(self) -> bool:
        return self.high != INF


def _num(x: float | None) -> float | None:
    if x is None:
        return None
    try:
        value = float(x)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def interval_of(figure: Figure) -> Interval | None:
    """The values a figure allows, or None when it states no number (e.g. "the toll was revised")."""
    return _interval(figure.value, figure.low, figure.high, figure.qualifier)


@functools.lru_cache(maxsize=4096)
def _interval(value: float | None, low: float | None, high: float | None,
              q: str) -> Interval | None:
    v, lo, hi = _num(value), _num(low), _num(high)
    if q == "range" or (q == "vague" and (lo is not None or hi is not None)):
        if lo is None and hi is None:
            return None
        return Interval(lo if lo is not None else 0.0, hi if hi is not None else INF)
    if v is None:
        if lo is not None or hi is not None:
            return Interval(lo if lo is not None else 0.0, hi if hi is not None else INF)
        return None
    if q == "at_least":
        return Interval(v, INF)
    if q == "more_than":
        return Interval(v + 1, INF)
    if q in ("at_most", "up_to"):
        return Interval(0.0, v)
    if q == "fewer_than":
        return Interval(0.0, max(0.0, v - 1))
    if q == "about":
        return Interval(math.floor(v * (1 - ABOUT_TOLERANCE)), math.ceil(v * (1 + ABOUT_TOLERANCE)))
    if q == "vague":
        return Interval(v, INF)
    return Interval(v, v)


def compatible(a: Interval | None, b: Interval | None) -> bool:
    if a is None or b is None:
        return True
    return a.intersect(b) is not None
