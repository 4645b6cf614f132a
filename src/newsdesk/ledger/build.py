"""Build and update a story's ledger: tallies of claims, revisions, disagreements, ranges.

Pure functions over records: ``claims_from_reading`` turns one report's figures into claims,
``build_ledger`` groups a story's claims into tallies, ``update_ledger`` folds a new report's
claims into an existing ledger, recomputing only the tallies they touch. The rules are in
``newsdesk.ledger.rules`` and explained for users in ``docs/ledger.md``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timezone

from newsdesk.ledger.rules import INF, Interval, compatible, interval_of
from newsdesk.options import Options
from newsdesk.records import Article, Claim, Figure, Ledger, Reading, Tally

__all__ = ["claims_from_reading", "build_ledger", "update_ledger", "tally_group", "PERSON_CATEGORIES"]

PERSON_CATEGORIES = frozenset(
    {"killed", "injured", "missing", "kidnapped", "arrested", "displaced", "evacuated", "affected"}
)
# Subjects that are a part of "people": their tallies link to the people tally as parent.
PERSON_SUBSETS = frozenset(
    {"civilians", "children", "boys", "girls", "women", "men", "soldiers", "servicemen", "police",
     "journalists", "officers", "fighters", "militants", "students", "workers", "patients", "staff",
     "medics", "residents", "foreigners", "troops", "security adviser", "adviser", "elderly", "infants"}
)
PERSON_WORDS = frozenset({"people", "persons", "individuals", "person", "victims", "casualties", "humans"})
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s+|\n\s*\n|\n")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _subject_class(figure: Figure) -> str:
    subject = (figure.subject or "").strip().lower()
    if figure.category in PERSON_CATEGORIES or figure.category == "other" and subject in PERSON_WORDS:
        if not subject or subject in PERSON_WORDS:
            return "people"
        return subject
    return subject or "objects"


def tally_group(figure: Figure) -> str:
    """The (category, subject) group a figure counts in: ``injured|people``, ``launched|drones``."""
    return f"{figure.category}|{_subject_class(figure)}"


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end)
    hi = m.start() + (1 if m and text[m.start()] in ".!?…" else 0) if m else len(text)
    return lo, max(hi, end)


def _claimant_key(figure: Figure, source: str | None) -> str:
    if figure.claimant is not None and figure.claimant.text.strip():
        text = figure.claimant.text.lower()
        text = re.sub(r"^(the|a|an)\s+", "", text)
        text = re.sub(r"['’]s\b", "", text)
        text = re.sub(r"\s+", " ", text).strip()
        return text
    return f"outlet:{(source or 'unknown').lower()}"


def claims_from_reading(article: Article, reading: Reading) -> list[Claim]:
    """One claim per figure of the report, with the sentence it stands in."""
    text = article.text
    claims = []
    for fig in reading.figures:
        s_lo, s_hi = _sentence_bounds(text, fig.start, fig.end)
        claims.append(
            Claim(
                article=article.id,
                published=article.published or article.fetched,
                figure=fig,
                sentence_start=s_lo,
                sentence_end=s_hi,
                sentence=text[s_lo:s_hi].strip(),
                source=article.source,
                id=f"{article.id}:{fig.start}-{fig.end}",
                claimant_key=_claimant_key(fig, article.source),
            )
        )
    return claims


# --- grouping ------------------------------------------------------------------------------


def _when(claim: Claim) -> datetime:
    t = claim.published
    if t is None:
        return _EPOCH
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def _order(claim: Claim) -> tuple[datetime, str, int]:
    return (_when(claim), claim.article, claim.figure.start)


def _num(x: float) -> float | int | None:
    if x == INF:
        return None
    return int(x) if float(x).is_integer() else round(x, 3)


def _describe(claim: Claim) -> str:
    f = claim.figure
    who = f.claimant.text if f.claimant else (claim.source or "the report")
    when = claim.published.isoformat(timespec="minutes") if claim.published else "undated"
    return f'{who} ({when}): "{f.text}" [{claim.id}]'


def _split_by_place(group: str, claims: list[Claim], places: dict[str, str | None]) -> dict[str, list[Claim]]:
    """One tally per place when a group's claims name two or more places; claims without a
    place join the tally of the place most claims name (one event, one place, is the rule)."""
    named = {places.get(c.id) for c in claims} - {None}
    if len(named) < 2:
        only = next(iter(named)) if named else None
        return {f"{group}|{only or '*'}": claims}
    counts: dict[str, int] = defaultdict(int)
    for c in claims:
        if places.get(c.id):
            counts[places[c.id]] += 1  # type: ignore[index]
    main = max(sorted(counts), key=lambda p: counts[p])
    out: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        out[f"{group}|{places.get(c.id) or main}"].append(c)
    return dict(out)


def _tally(key: str, claims: list[Claim], options: Options) -> Tally:
    """A tally built from scratch: the claims folded in in time order, then finished."""
    category, subject, place = key.split("|", 2)
    tally = Tally(key=key, category=category, subject=subject, place=None if place == "*" else place)
    for c in claims:
        c.disputed_by = []
        c.superseded_by = None
    index: dict[str, Claim] = {}
    _fold(tally, sorted(claims, key=_order), index, options.ledger.same_time_minutes * 60)
    _finish(tally, index)
    return tally


def _fold(tally: Tally, new: list[Claim], index: dict[str, Claim], window: float) -> bool:
    """Add claims (in time order) to a tally, keeping revisions, disputes and disagreements up to
    date. Costs O(current claims in the claim's time window) per claim, not O(all claims): a
    revision compares with the claimant's head, a dispute with the tally's denials, a disagreement
    with the current claims published within ``window`` seconds. Returns False when a claim is
    older than its claimant's latest report (the caller then rebuilds the tally in time order)."""
    if not index:
        index.update((c.id, c) for c in tally.claims)
    current = [index[i] for i in tally.current]
    latest: dict[str | None, datetime] = {}
    for c in current:
        latest[c.claimant_key] = max(latest.get(c.claimant_key, _EPOCH), _when(c))
    found = {e["id"]: e for e in tally.disagreements}
    gone_all: set[str] = set()
    for c in new:
        k, t, iv = c.claimant_key, _when(c), interval_of(c.figure)
        if k in latest and t < latest[k]:
            return False
        numbered = iv is not None and c.figure.stance != "denied"
        if k not in latest or t > latest[k]:
            head = _head(k, current, tally, index)
            if numbered and head is not None and interval_of(head.figure) != iv:
                head.superseded_by = c.id
                hv = interval_of(head.figure)
                tally.revisions.append({
                    "claimant": k, "from": _num(hv.low), "to": _num(iv.low),  # type: ignore[union-attr]
                    "from_claim": head.id, "to_claim": c.id,
                    "at": c.published.isoformat() if c.published else None,
                    "explicit": c.figure.stance == "revised"})
            gone = {x.id for x in current if x.claimant_key == k}
            if gone:
                current = [x for x in current if x.id not in gone]
                gone_all |= gone
            latest[k] = t
        if c.figure.stance == "revised" and iv is None:
            tally.revisions.append({"claimant": k, "from": None, "to": None, "from_claim": None, "to_claim": c.id,
                                    "at": c.published.isoformat() if c.published else None, "explicit": True,
                                    "note": "revised, no number given"})
        if c.figure.stance == "denied":
            tally.denials.append(c.id)
            for other in tally.claims:  # a new denial is rare: scan the whole tally once
                if other.claimant_key != k and other.figure.stance != "denied" and \
                        compatible(iv, interval_of(other.figure)):
                    other.disputed_by.append(c.id)
            for other in current:
                if c.id in other.disputed_by:
                    _note(found, other, c, kind="denial")
        else:
            for d in tally.denials:
                den = index[d]
                if den.claimant_key != k and compatible(interval_of(den.figure), iv):
                    c.disputed_by.append(d)
                    _note(found, c, den, kind="denial")
            if iv is not None:
                for other in current:
                    if other.figure.stance == "denied" or other.claimant_key == k:
                        continue
                    ot = _when(other)
                    if t != _EPOCH and ot != _EPOCH and abs((t - ot).total_seconds()) > window:
                        continue
                    oiv = interval_of(other.figure)
                    if oiv is not None and not compatible(iv, oiv):
                        _note(found, other, c)
        tally.claims.append(c)
        index[c.id] = c
        current.append(c)
    tally.current = [c.id for c in current]
    if gone_all:
        _forget(found, gone_all, index, window)
    tally.disagreements = list(found.values())
    return True


def _range_of(c: Claim) -> list[float | int | None]:
    iv = interval_of(c.figure)
    return [None, None] if iv is None else [_num(iv.low), _num(iv.high)]


def _note(found: dict, a: Claim, b: Claim, *, kind: str = "values") -> None:
    """Record that ``a`` and ``b`` disagree; entries repeating the same two figures are merged."""
    ra, rb = _range_of(a), _range_of(b)
    if kind == "values" and (ra[0], ra[1] if ra[1] is not None else math.inf) > \
            (rb[0], rb[1] if rb[1] is not None else math.inf):
        a, b, ra, rb = b, a, rb, ra
    key = f"{kind}:{ra[0]}-{ra[1]}|{rb[0]}-{rb[1]}"
    old = found.get(key)
    if old is None:
        found[key] = {"id": key, "kind": kind, "claims": [a.id, b.id], "claimants": [_who(a), _who(b)],
                      "values": [a.figure.text, b.figure.text], "ranges": [ra, rb], "sides": [[a.id], [b.id]]}
        return
    for side, c in ((old["sides"][0], a), (old["sides"][1], b)):
        if c.id not in side:
            side.append(c.id)


def _forget(found: dict, gone: set[str], index: dict[str, Claim], window: float) -> None:
    """Claims that no longer stand leave the disagreements. An entry stays only while some claim
    of one side and some claim of the other, from different claimants, are within the window."""
    for key in list(found):
        e = found[key]
        if not any(i in gone for side in e["sides"] for i in side):
            continue
        sides = [[i for i in side if i not in gone] for side in e["sides"]]
        pair = _within(sides, index, window)
        if pair is None:
            del found[key]
            continue
        e["sides"] = sides
        e["claims"] = list(pair)
        e["claimants"] = [_who(index[pair[0]]), _who(index[pair[1]])]
        e["values"] = [index[pair[0]].figure.text, index[pair[1]].figure.text]


def _within(sides: list[list[str]], index: dict[str, Claim], window: float) -> tuple[str, str] | None:
    for i in reversed(sides[0]):
        a = index[i]
        for j in reversed(sides[1]):
            b = index[j]
            if a.claimant_key == b.claimant_key:
                continue
            ta, tb = _when(a), _when(b)
            if _close_in_time(ta, tb, window):
                return i, j
    return None


def _close_in_time(ta: datetime, tb: datetime, window: float) -> bool:
    return ta == _EPOCH or tb == _EPOCH or abs((ta - tb).total_seconds()) <= window


def _head(k: str | None, current: list[Claim], tally: Tally, index: dict[str, Claim]) -> Claim | None:
    """The claimant's last numbered claim (from its current report; else looked up in the tally)."""
    for c in reversed(current):
        if c.claimant_key == k and c.figure.stance != "denied" and interval_of(c.figure) is not None:
            return c
    for c in reversed(tally.claims):
        if c.claimant_key == k and c.figure.stance != "denied" and interval_of(c.figure) is not None:
            return c
    return None


def _finish(tally: Tally, index: dict[str, Claim]) -> None:
    """The range, from the current claims."""
    current = [index[i] for i in tally.current]
    intervals = {c.id: interval_of(c.figure) for c in current}
    live = [c for c in current if c.figure.stance != "denied" and intervals[c.id] is not None]
    _range(tally, live, intervals)


def _who(c: Claim) -> str | None:
    return c.figure.claimant.text if c.figure.claimant else c.source


def _range(tally: Tally, live: list[Claim], intervals: dict[str, Interval | None]) -> None:
    if not live:
        tally.explanation = {"range": "no current claim states a number"}
        return
    firm = [c for c in live if not c.disputed_by] or live
    inter: Interval | None = intervals[firm[0].id]
    for c in firm[1:]:
        inter = inter.intersect(intervals[c.id]) if inter else None  # type: ignore[arg-type]
    cite = lambda cs: "; ".join(_describe(c) for c in cs)  # noqa: E731
    if inter is not None:
        lows = [c for c in firm if intervals[c.id].low == inter.low]  # type: ignore[union-attr]
        highs = [c for c in firm if intervals[c.id].high == inter.high]  # type: ignore[union-attr]
        tally.low = _num(inter.low)
        tally.high = _num(inter.high)
        points = [c for c in firm if c.figure.qualifier in ("exact", "about") and c.figure.value is not None
                  and inter.low <= float(c.figure.value) <= inter.high]
        if points:
            best = max(points, key=_order)
            tally.best = _num(float(best.figure.value))  # type: ignore[arg-type]
            why_best = f"the latest point figure within the range: {_describe(best)}"
        else:
            tally.best = tally.low
            why_best = "no claim gives a point figure, so the best figure is the largest established lower bound"
        tally.explanation = {
            "low": f"{tally.low}: every current claim allows it and none allows less; set by {cite(lows)}",
            "best": f"{tally.best}: {why_best}",
            "high": (f"{tally.high}: the tightest upper bound among current claims, set by {cite(highs)}"
                     if tally.high is not None else "open: no current claim sets an upper bound"),
        }
    else:
        lo_c = min(firm, key=lambda c: intervals[c.id].low)  # type: ignore[union-attr]
        hi_c = max(live, key=lambda c: intervals[c.id].high)  # type: ignore[union-attr]
        tally.low = _num(intervals[lo_c.id].low)  # type: ignore[union-attr]
        tally.high = _num(intervals[hi_c.id].high)  # type: ignore[union-attr]
        pts = sorted(float(c.figure.value if c.figure.value is not None else intervals[c.id].low)  # type: ignore
                     for c in firm)
        tally.best = _num(pts[(len(pts) - 1) // 2])
        tally.explanation = {
            "low": f"{tally.low}: sources disagree; the lowest current figure, from {_describe(lo_c)}",
            "best": f"{tally.best}: the median of the current claims' figures ({', '.join(str(_num(p)) for p in pts)})",
            "high": (f"{tally.high}: the highest current figure, from {_describe(hi_c)}"
                     if tally.high is not None else f"open: {_describe(hi_c)} sets no upper bound"),
        }


def _link_parents(tallies: list[Tally]) -> None:
    keys = {t.key for t in tallies}
    for t in tallies:
        t.parent = None
        if t.subject in PERSON_SUBSETS:
            for cand in (f"{t.category}|people|{t.place or '*'}", f"{t.category}|people|*"):
                if cand in keys and cand != t.key:
                    t.parent = cand
                    break
            else:
                same = [k for k in keys if k.startswith(f"{t.category}|people|")]
                if len(same) == 1:
                    t.parent = same[0]


def _place_of(claims: Iterable[Claim], places: dict[str, str | None] | None) -> dict[str, str | None]:
    return {c.id: (places or {}).get(c.id) for c in claims}


def build_ledger(story_id: str, claims: Sequence[Claim], options: Options, *,
                 places: dict[str, str | None] | None = None, now: datetime | None = None) -> Ledger:
    """Group a story's claims into tallies. ``places`` maps a claim id to the name (or GeoNames
    id) of the place its figure counts at, when the reading linked one."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        groups[tally_group(c.figure)].append(replace(c, disputed_by=[]))
    where = _place_of(claims, places)
    tallies = []
    for group in sorted(groups):
        for key, members in sorted(_split_by_place(group, groups[group], where).items()):
            tallies.append(_tally(key, members, options))
    _link_parents(tallies)
    return Ledger(story=story_id, tallies=tallies, updated=now or datetime.now(timezone.utc))


def update_ledger(ledger: Ledger, new_claims: Sequence[Claim], options: Options, *,
                  places: dict[str, str | None] | None = None,
                  now: datetime | None = None) -> tuple[Ledger, list[str]]:
    """Fold a new report's claims into ``ledger``. Only the tallies the new claims touch are
    recomputed, and a tally is updated from its current claims, not rebuilt, unless a claim is
    older than its claimant's latest one or the tally must split by place. Returns the new
    ledger and the keys of the tallies that changed.

    The touched tallies are updated in place: the ledger passed in is consumed and should not be
    used afterwards; use the one returned."""
    by_key = {t.key: t for t in ledger.tallies}
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in sorted(new_claims, key=_order):
        groups[tally_group(c.figure)].append(c)
    fresh_places = _place_of(new_claims, places)
    changed: list[Tally] = []
    for group, fresh in groups.items():
        existing = [t for t in ledger.tallies if t.key.rsplit("|", 1)[0] == group]
        if len(existing) == 1 and not any(fresh_places.get(c.id) for c in fresh):
            # the common case: one tally, no new place, so no new split: fold in place
            tally = existing[0]
            index = {c.id: c for c in tally.claims}
            fresh = [c for c in fresh if c.id not in index]
            if not fresh:
                continue
            if _fold(tally, fresh, index, options.ledger.same_time_minutes * 60):
                _finish(tally, index)
            else:
                tally = by_key[tally.key] = _tally(tally.key, [*tally.claims, *fresh], options)
            changed.append(tally)
            continue
        known = {c.id for t in existing for c in t.claims}
        fresh = [c for c in fresh if c.id not in known]
        if not fresh:
            continue
        where = {c.id: t.place for t in existing for c in t.claims}
        where.update(fresh_places)
        split = _split_by_place(group, [c for t in existing for c in t.claims] + fresh, where)
        if set(split) == {t.key for t in existing} or (not existing and len(split) == 1):
            for key, members in split.items():
                tally = by_key.get(key)
                ids = {c.id for c in members}
                mine = [c for c in fresh if c.id in ids]
                index: dict[str, Claim] = {}
                if tally is None:
                    tally = _tally(key, mine, options)
                elif not _fold(tally, mine, index, options.ledger.same_time_minutes * 60):
                    tally = _tally(key, [*tally.claims, *mine], options)
                else:
                    _finish(tally, index)
                by_key[key] = tally
                changed.append(tally)
        else:
            for t in existing:
                by_key.pop(t.key, None)
            for key, members in split.items():
                by_key[key] = _tally(key, members, options)
                changed.append(by_key[key])
    tallies = sorted(by_key.values(), key=lambda t: t.key)
    _link_parents(tallies)
    return Ledger(story=ledger.story, tallies=tallies, updated=now or datetime.now(timezone.utc)), [
        t.key for t in changed]
