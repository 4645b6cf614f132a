"""Event totals: the killed and injured count an event's figures give (rule 6 of
:mod:`newsdesk.extract.events`).

Among an event's figures of one category, leaving out parts and denials and animals: the latest
revised figure, else the largest; figures of disjoint armed sides are summed, so are the items of
one list ("two other Americans and an Afghani injured" is 3; a list whose first item is the sum of
the others names them: "three reporters, two salvadorans and a netherlander" is 3), and a figure
told as more victims ("a commander was also killed") is added to the largest of the others.
Pure functions of the figures and of the text around them.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from newsdesk.records import Count, Figure

__all__ = ["ANIMALS", "event_total", "figure_extra", "figure_lists"]

def event_total(figs: Sequence[Figure], category: str, *, parts: Sequence[bool] | None = None,
                lists: Sequence[int | None] | None = None, extra: Sequence[bool] | None = None) -> Count | None:
    """The event's total of ``category`` from its figures (see the module docstring, rule 6).
    ``lists`` gives, per figure, the index of the first figure of the list it stands in ("eight
    women, a 10-year-old girl and four men injured"), or None; a list's items are summed.
    ``extra`` marks figures told as more victims ("a commander was also killed"): they are added
    to the largest of the others."""
    chosen = [f for i, f in enumerate(figs) if f.category == category and f.stance != "denied"
              and f.subject not in ANIMALS and not (parts and parts[i])]
    if not chosen:
        if category in ("killed", "injured") and any(f.category == "other" and f.value == 0 and f.stance != "denied"
                                                     for f in figs):
            return Count(0, 0, 0)  # "no casualties": none killed, none wounded
        return None
    revised = [f for f in chosen if f.stance == "revised" and (f.value is not None or f.low is not None)]
    if revised:
        best = revised[-1]
    else:
        numbered = [f for f in chosen if f.value is not None or f.low is not None]
        if not numbered:
            return None
        best = max(numbered, key=lambda f: (f.value if f.value is not None else f.low or 0))
        if extra and any(extra):
            added = _with_extra(figs, numbered, extra)
            if added is not None:
                return added
        summed = _list_total(figs, category, parts, lists) if lists else None
        if summed is not None and summed.value is not None and summed.value > (best.value or best.low or 0):
            return summed
        sides = _sides_total(numbered)
        if sides is not None and sides.value is not None and sides.value > (best.value or 0):
            return sides
    return Count(best.value, best.low, best.high)


_SIDES = frozenset({"soldiers", "police", "fighters"})  # disjoint by nature: never parts of one another
ANIMALS = frozenset({"animals"})  # animals do not count toward totals (docs/annotation-guide.md, section 4)


def _list_total(figs: Sequence[Figure], category: str, parts: Sequence[bool] | None,
                lists: Sequence[int | None]) -> Count | None:
    """The largest sum of one list of disjoint figures of ``category`` ("two other Americans and
    an Afghani injured" is 3). A list whose first item equals the sum of the others names them
    ("three reporters, two salvadorans and a netherlander" is 3)."""
    groups: dict[int, list[Figure]] = {}
    for i, f in enumerate(figs):
        key = lists[i] if i < len(lists) else None
        if key is None or f.category != category or f.stance == "denied" or f.subject in ANIMALS \
                or f.value is None or parts and parts[i]:
            continue
        groups.setdefault(key, []).append(f)
    best: Count | None = None
    for items in groups.values():
        if len(items) < 2:
            continue
        rest = sum(f.value or 0 for f in items[1:])
        total = items[0].value if rest == items[0].value and len(items) > 2 else items[0].value + rest
        exact = all(f.qualifier == "exact" for f in items)
        if best is None or total > (best.value or 0):
            best = Count(total, total, total if exact else None)
    return best


def _with_extra(figs: Sequence[Figure], numbered: Sequence[Figure], extra: Sequence[bool]) -> Count | None:
    """The largest figure told first plus each figure told as more victims ("also killed")."""
    flagged = {id(f) for f, x in zip(figs, extra) if x}
    base = [f for f in numbered if id(f) not in flagged]
    more = [f for f in numbered if id(f) in flagged and f.value is not None]
    if not base or not more:
        return None
    top = max(base, key=lambda f: (f.value if f.value is not None else f.low or 0))
    if top.value is None:
        return None
    total = top.value + sum(f.value or 0 for f in more)
    exact = top.qualifier == "exact" and all(f.qualifier == "exact" for f in more)
    return Count(total, total, total if exact else None)


def figure_extra(figures: Sequence[Figure], art: Any, additive: Any) -> list[bool]:
    """Per figure, whether its clause tells it as more victims: "was also killed" ("also" in the
    rest of its sentence, before the next number or clause break)."""
    out = []
    for f in figures:
        si = art.index(f.start)
        if additive is None or si is None:
            out.append(False)
            continue
        end = min(art.sentences[si].end, f.end + 80)
        rest = art.low[f.end:end]
        cut = len(rest)
        for mark in (";", ".", " and ", " but "):
            k = rest.find(mark)
            if 0 <= k < cut:
                cut = k
        rest = rest[:cut]
        head = art.low[max(art.sentences[si].start, f.start - 12):f.start]
        out.append(additive.regex.search(rest) is not None and not any(ch.isdigit() for ch in rest)
                   or bool(head.strip()) and additive.regex.fullmatch(head.split()[-1]) is not None)
    return out


def figure_lists(figures: Sequence[Figure], low: str, joiners: Any) -> list[int | None]:
    """Per figure, the index of the first figure of the list it belongs to (None when in none):
    figures of one category with only list words between them ("," "and")."""
    out: list[int | None] = [None] * len(figures)
    order = sorted(range(len(figures)), key=lambda i: figures[i].start)
    for a, b in pairwise(order):
        fa, fb = figures[a], figures[b]
        if fa.category != fb.category or fa.end > fb.start or fa.value is None or fb.value is None:
            continue
        if joiners.fullmatch(low[fa.end:fb.start]):
            out[b] = out[a] if out[a] is not None else a
            out[a] = out[b]
    return out


def _sides_total(figs: Sequence[Figure]) -> Count | None:
    """"23 soldiers were killed ... twenty insurgents were killed": when every figure counts one
    of the armed sides and there are several sides, the total is the sum of each side's largest
    figure (docs/annotation-guide.md section 4: disjoint parts are summed)."""
    best: dict[str, Figure] = {}
    for f in figs:
        if f.subject not in _SIDES or f.value is None:
            return None
        if f.subject not in best or f.value > (best[f.subject].value or 0):
            best[f.subject] = f
    if len(best) < 2:
        return None
    total = sum(f.value or 0 for f in best.values())
    exact = all(f.qualifier == "exact" for f in best.values())
    return Count(total, total, total if exact else None)
