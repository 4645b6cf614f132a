"""Build and update a story's ledger: tallies of claims, revisions, disagreements, ranges.

Pure functions over records: ``claims_from_reading`` turns one report's figures into claims,
``build_ledger`` groups a story's claims into tallies, ``update_ledger`` folds a new report's
claims into an existing ledger, recomputing only the tallies they touch. The rules are in
``newsdesk.ledger.rules`` and explained for users in ``docs/ledger.md``.
"""

from __future__ import annotations

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
    category, subject, place = key.split("|", 2)
    claims = sorted(claims, key=_order)
    for c in claims:
        c.disputed_by = []
        c.superseded_by = None
    intervals = {c.id: interval_of(c.figure) for c in claims}

    # Revisions: per claimant, a later report with a different value supersedes the earlier one.
    by_claimant: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_claimant[c.claimant_key or ""].append(c)
    revisions = []
    current: list[Claim] = []
    for who, seq in by_claimant.items():
        latest_time = max(_when(c) for c in seq)
        latest_article = max((c for c in seq if _when(c) == latest_time), key=_order).article
        numbered = [c for c in seq if intervals[c.id] is not None and c.figure.stance != "denied"]
        prev: Claim | None = None
        for c in numbered:
            if prev is not None and _when(c) > _when(prev) and intervals[c.id] != intervals[prev.id]:
                prev.superseded_by = c.id
                revisions.append({
                    "claimant": who, "from": _num(intervals[prev.id].low), "to": _num(intervals[c.id].low),
                    "from_claim": prev.id, "to_claim": c.id,
                    "at": c.published.isoformat() if c.published else None, "explicit": c.figure.stance == "revised",
                })
            prev = c
        for c in seq:
            if c.figure.stance == "revised" and intervals[c.id] is None:
                revisions.append({"claimant": who, "from": None, "to": None, "from_claim": None, "to_claim": c.id,
                                  "at": c.published.isoformat() if c.published else None, "explicit": True,
                                  "note": "revised, no number given"})
        current.extend(c for c in seq if c.article == latest_article or _when(c) == latest_time)

    # Denials mark the claims they deny as disputed.
    denials = [c for c in claims if c.figure.stance == "denied"]
    for d in denials:
        for c in claims:
            if c is d or c.claimant_key == d.claimant_key or c.figure.stance == "denied":
                continue
            if compatible(intervals[d.id], intervals[c.id]):
                c.disputed_by.append(d.id)

    live = [c for c in current if c.figure.stance != "denied" and intervals[c.id] is not None]
    window = options.ledger.same_time_minutes * 60
    disagreements = []
    for i, a in enumerate(live):
        for b in live[i + 1:]:
            if a.claimant_key == b.claimant_key or compatible(intervals[a.id], intervals[b.id]):
                continue
            if abs((_when(a) - _when(b)).total_seconds()) > window and _when(a) != _EPOCH and _when(b) != _EPOCH:
                continue
            disagreements.append({
                "claims": [a.id, b.id],
                "claimants": [a.figure.claimant.text if a.figure.claimant else a.source,
                              b.figure.claimant.text if b.figure.claimant else b.source],
                "values": [a.figure.text, b.figure.text],
            })
    for d in denials:
        for cid in (c.id for c in claims if d.id in c.disputed_by):
            disagreements.append({"claims": [cid, d.id], "kind": "denial",
                                  "claimants": [None, d.figure.claimant.text if d.figure.claimant else d.source],
                                  "values": [None, d.figure.text]})

    tally = Tally(key=key, category=category, subject=subject, place=None if place == "*" else place,
                  claims=claims, revisions=revisions, disagreements=disagreements)
    _range(tally, live, intervals)
    return tally


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
    """Fold a new report's claims into ``ledger``. Only the tallies of the (category, subject)
    groups the new claims touch are recomputed; the others are kept as they are. Returns the
    new ledger and the keys of the tallies that changed."""
    touched = {tally_group(c.figure) for c in new_claims}
    kept = [t for t in ledger.tallies if "|".join(t.key.split("|", 2)[:2]) not in touched]
    old = [c for t in ledger.tallies if "|".join(t.key.split("|", 2)[:2]) in touched for c in t.claims]
    seen = {c.id for c in old}
    fresh = [c for c in new_claims if c.id not in seen]
    where = {c.id: (t.place if t.place else None) for t in ledger.tallies for c in t.claims}
    where.update(_place_of(fresh, places))
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in [*old, *fresh]:
        groups[tally_group(c.figure)].append(replace(c, disputed_by=[]))
    rebuilt = []
    for group in sorted(groups):
        for key, members in sorted(_split_by_place(group, groups[group], where).items()):
            rebuilt.append(_tally(key, members, options))
    tallies = sorted([*kept, *rebuilt], key=lambda t: t.key)
    _link_parents(tallies)
    return Ledger(story=ledger.story, tallies=tallies, updated=now or datetime.now(timezone.utc)), [
        t.key for t in rebuilt]
