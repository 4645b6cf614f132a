"""Build and update a story's ledger: tallies of claims, revisions, disagreements, ranges.

Pure functions over records: ``claims_from_reading`` turns one report's figures into claims,
``build_ledger`` groups a story's claims into tallies, ``update_ledger`` folds a new report's
claims into an existing ledger, recomputing only the tallies they touch. The rules are in
``newsdesk.ledger.rules`` and explained for users in ``docs/ledger.md``.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from newsdesk.ledger.rules import INF, Interval, compatible, interval_of
from newsdesk.options import Options
from newsdesk.records import Article, Claim, Figure, Ledger, Place, Reading, Tally

__all__ = ["PERSON_CATEGORIES", "LedgerUpdate", "build_ledger", "claims_from_reading", "fold_claims", "tally_group",
           "update_ledger"]

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
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _subject_class(figure: Figure) -> str:
    subject = (figure.subject or "").strip().lower()
    if figure.category in PERSON_CATEGORIES or figure.category == "other" and subject in PERSON_WORDS:
        if not subject or subject in PERSON_WORDS:
            return "people"
        return subject
    return subject or "objects"


def tally_group(item: Claim | Figure) -> str:
    """The (category, subject) group a claim counts in: ``injured|people``, ``launched|drones``;
    a part of a total of the same subject ("55 injured, five of them critically") counts in
    ``injured|people (part)``, never as a rival of its total."""
    if isinstance(item, Claim):
        return item.group or tally_group(item.figure)
    return f"{item.category}|{_subject_class(item)}"


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end)
    hi = m.start() + (1 if m and text[m.start()] in ".!?…" else 0) if m else len(text)
    return lo, max(hi, end)


# Claimants that name nobody in particular: "officials" in one outlet and "officials" in
# another are not known to be the same people, so such a claimant is kept per outlet.
_GENERIC_CLAIMANTS = frozenset(
    {"official", "officials", "source", "sources", "witness", "witnesses", "resident", "residents", "report",
     "reports", "media", "activist", "activists", "spokesman", "spokeswoman", "spokesperson", "person",
     "people", "someone", "local", "locals", "eyewitness", "eyewitnesses", "observer", "observers",
     "medic", "medics", "doctor", "doctors", "rescuer", "rescuers", "volunteer", "volunteers", "they",
     "he", "she", "it", "we", "analyst", "analysts", "expert", "experts", "agency", "agencies"}
)
_GENERIC_MODIFIERS = frozenset(
    {"local", "senior", "government", "security", "medical", "hospital", "police", "military", "health",
     "news", "state", "unnamed", "anonymous", "other", "some", "several", "two", "three", "many", "one",
     "city", "regional", "provincial", "district", "rescue", "emergency", "top", "high-ranking"}
)
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "gen", "general", "col", "colonel", "maj", "major", "capt",
     "captain", "lt", "sgt", "president", "prime", "minister", "governor", "gov", "mayor", "sen", "senator",
     "rep", "rev", "father", "sheikh", "chief", "commander", "spokesman", "spokeswoman", "spokesperson",
     "secretary", "ambassador", "envoy", "director", "head"}
)
# Words that make a capitalised phrase an organisation, not a person ("Health Ministry").
_ORGANISATION_WORDS = frozenset(
    {"ministry", "police", "army", "forces", "force", "council", "agency", "office", "department", "government",
     "service", "services", "committee", "commission", "command", "guard", "guards", "court", "embassy",
     "authority", "authorities", "administration", "kremlin", "pentagon", "nations", "organization",
     "organisation", "red", "cross", "crescent", "group", "party", "front", "brigade", "brigades", "corps",
     "staff", "hospital", "university", "institute", "news", "agency", "press", "times", "post", "reuters",
     "tass", "ria", "interfax", "ukrinform", "bbc", "cnn", "network", "center", "centre", "bureau", "unit",
     "house", "union", "company", "corporation", "bank", "fund", "programme", "program", "mission", "who",
     "un", "unicef", "unhcr", "ocha", "idf", "ifrc", "msf", "hamas", "hezbollah", "taliban", "isis"}
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SPELLING = {"defense": "defence", "organization": "organisation", "center": "centre", "ministry of defence":
             "defence ministry", "ministry of health": "health ministry", "ministry of interior": "interior ministry"}
_SPELLINGS = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _SPELLING), key=len, reverse=True)) + r")\b")


def _claimant_key(figure: Figure, source: str | None) -> str:
    """Who stands behind a figure, as one key across the reports of a story: the claimant's
    words, lower-cased without articles and possessives; a person by surname ("John Ging" and
    "Mr Ging" are one); a claimant that names nobody ("officials", "a local spokesman") per
    outlet; no claimant at all: the outlet."""
    outlet = (source or "unknown").lower()
    if figure.claimant is None or not figure.claimant.text.strip():
        return f"outlet:{outlet}"
    raw = figure.claimant.text
    text = raw.lower()
    text = re.sub(r"^(the|a|an)\s+", "", text)
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    words = [w.strip(".").lower() for w in _WORD.findall(text)]
    if words and words[-1] in _GENERIC_CLAIMANTS and all(
            w in _GENERIC_MODIFIERS or w in _GENERIC_CLAIMANTS for w in words[:-1]):
        return f"{text}@{outlet}"
    for _ in range(2):  # "ministry of defense" -> "ministry of defence" -> "defence ministry"
        text = _SPELLINGS.sub(lambda m: _SPELLING[m.group(0)], text)
    return _person_surname(raw) or text  # a bare surname ("Peskov") meets the full name


def _person_surname(text: str) -> str | None:
    """The surname when the claimant reads as a person: an honorific or role followed by a
    capitalised name ("Mr Ging", "spokesman Dmitry Peskov"), or two or three capitalised words
    none of which names an organisation ("John Ging")."""
    tokens = _WORD.findall(text.strip())
    tail: list[str] = []
    for tok in reversed(tokens):  # the run of capitalised words at the end
        if not tok[:1].isupper():
            break
        tail.append(tok.strip(".’'"))
    tail.reverse()
    if not tail or any(t.lower() in _ORGANISATION_WORDS for t in tail):
        return None
    before = tokens[: len(tokens) - len(tail)]
    names = [t for t in tail if t.lower() not in _HONORIFICS]
    if not names or any(len(t) < 2 or t.isupper() for t in names):  # "UN", "IDF": organisations
        return None
    honorific = any(t.lower() in _HONORIFICS for t in tail) or (before and before[-1].lower() in _HONORIFICS)
    if honorific or 2 <= len(names) <= 3:
        return names[-1].lower()
    return None


def claims_from_reading(article: Article, reading: Reading) -> list[Claim]:
    """One claim per figure of the report, with the sentence it stands in, the place the reading
    linked to it, and the claim of the total it is a part of."""
    text = article.text
    ids = [f"{article.id}:{fig.start}-{fig.end}" for fig in reading.figures]
    claims = []
    for i, fig in enumerate(reading.figures):
        s_lo, s_hi = _sentence_bounds(text, fig.start, fig.end)
        place = reading.places[fig.place] if fig.place is not None and 0 <= fig.place < len(reading.places) else None
        group = tally_group(fig)
        parent = getattr(fig, "part_of", None)
        part_of = ids[parent] if parent is not None and 0 <= parent < len(ids) and parent != i else None
        if part_of is not None and tally_group(reading.figures[parent]) == group:  # type: ignore[index]
            group += " (part)"
        claims.append(
            Claim(
                article=article.id,
                published=article.published or article.fetched,
                figure=fig,
                sentence_start=s_lo,
                sentence_end=s_hi,
                sentence=text[s_lo:s_hi].strip(),
                source=article.source,
                id=ids[i],
                claimant_key=_claimant_key(fig, article.source),
                part_of=part_of,
                place=place,
                group=group,
            )
        )
    return claims


# --- grouping ------------------------------------------------------------------------------


def _when(claim: Claim) -> datetime:
    t = claim.published
    if t is None:
        return _EPOCH
    return t if t.tzinfo else t.replace(tzinfo=UTC)


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


_BROAD = frozenset({"continent", "region", "sea", "ocean"})


def _contains(a: Place, b: Place) -> bool:
    """Whether place ``a`` contains place ``b`` (as far as country and first-level division tell)."""
    if a.name == b.name or a.kind in _BROAD:
        return True
    if a.kind == "country":
        return a.country is not None and a.country == b.country
    if a.kind == "admin1":
        return a.country == b.country and (b.admin1 == a.name or b.kind == "admin2" and b.admin1 is None)
    return False


def _split_by_place(group: str, claims: list[Claim]) -> dict[str, list[Claim]]:
    """One tally per place when a group's claims name places that do not contain one another
    (Kyiv and Kharkiv: two strikes); a country or region joins the one place inside it that most
    claims name (Greece and Athens: one fire); claims without a place join the place most claims
    name (one event, one place, is the rule)."""
    named: dict[str, Place] = {}
    counts: dict[str, int] = defaultdict(int)
    for c in claims:
        if c.place is not None:
            named.setdefault(c.place.name, c.place)
            counts[c.place.name] += 1
    if len(named) < 2:
        only = next(iter(named)) if named else "*"
        return {f"{group}|{only}": claims}
    leaves = [n for n, p in named.items() if not any(m != n and _contains(p, q) for m, q in named.items())]
    home: dict[str, str] = {}
    for n, p in named.items():
        inside = [leaf for leaf in leaves if _contains(p, named[leaf])]
        home[n] = max(sorted(inside), key=lambda leaf: counts[leaf]) if inside else n
    totals: dict[str, int] = defaultdict(int)
    for n, leaf in home.items():
        totals[leaf] += counts[n]
    main = max(sorted(totals), key=lambda leaf: totals[leaf])
    out: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        out[f"{group}|{home[c.place.name] if c.place is not None else main}"].append(c)
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


def _fold(tally: Tally, new: list[Claim], index: dict[str, Claim], window: float,
          dirty: set[str] | None = None, touched: set[str] | None = None) -> bool:
    """Add claims (in time order) to a tally, keeping revisions, disputes and disagreements up to
    date. Costs O(current claims in the claim's time window) per claim, not O(all claims): a
    revision compares with the claimant's head, a dispute with the tally's denials, a disagreement
    with the current claims published within ``window`` seconds. Returns False when a claim is
    older than its claimant's latest report (the caller then rebuilds the tally in time order).
    ``dirty`` collects the ids of the claims added or changed (superseded, disputed), ``touched``
    the ids of the disagreements added, changed or dropped."""
    if dirty is None:
        dirty = set()
    if touched is None:
        touched = set()
    if not index:
        index.update((c.id, c) for c in tally.claims)
    current = [index[i] for i in tally.current]
    last: dict[str | None, Claim] = {}
    for c in current:  # current is in time order: the last claim of a claimant is its latest
        last[c.claimant_key] = c
    latest: dict[str | None, datetime] = {k: _when(c) for k, c in last.items()}
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
                dirty.add(head.id)
            if numbered and head is not None and _point(head) != _point(c):
                tally.revisions.append({
                    "claimant": k, "from": _point(head), "to": _point(c),
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
                    dirty.add(other.id)
            for other in current:
                if c.id in other.disputed_by:
                    touched.add(_note(found, other, c, kind="denial"))
        else:
            for d in tally.denials:
                den = index[d]
                if den.claimant_key != k and compatible(interval_of(den.figure), iv):
                    c.disputed_by.append(d)
                    touched.add(_note(found, c, den, kind="denial"))
            if iv is not None:
                for other in _in_window(current, t, window):
                    if other.figure.stance == "denied" or other.claimant_key == k:
                        continue
                    ot = _when(other)
                    if t != _EPOCH and ot != _EPOCH and abs((t - ot).total_seconds()) > window:
                        continue
                    oiv = interval_of(other.figure)
                    if oiv is not None and not compatible(iv, oiv):
                        touched.add(_note(found, other, c))
        tally.claims.append(c)
        index[c.id] = c
        dirty.add(c.id)
        current.append(c)
    tally.current = [c.id for c in current]
    if gone_all:
        touched |= _forget(found, gone_all, index, window)
    tally.disagreements = list(found.values())
    return True


def _range_of(c: Claim) -> list[float | int | None]:
    iv = interval_of(c.figure)
    return [None, None] if iv is None else [_num(iv.low), _num(iv.high)]


def _note(found: dict, a: Claim, b: Claim, *, kind: str = "values") -> str:
    """Record that ``a`` and ``b`` disagree; entries repeating the same two figures are merged.
    Returns the id of the entry."""
    ra, rb = _range_of(a), _range_of(b)
    if kind == "values" and (ra[0], ra[1] if ra[1] is not None else math.inf) > \
            (rb[0], rb[1] if rb[1] is not None else math.inf):
        a, b, ra, rb = b, a, rb, ra
    key = f"{kind}:{ra[0]}-{ra[1]}|{rb[0]}-{rb[1]}"
    old = found.get(key)
    if old is None:
        found[key] = {"id": key, "kind": kind, "claims": [a.id, b.id], "claimants": [_who(a), _who(b)],
                      "values": [a.figure.text, b.figure.text], "ranges": [ra, rb], "sides": [[a.id], [b.id]]}
        return key
    for side, c in ((old["sides"][0], a), (old["sides"][1], b)):
        if c.id not in side:
            side.append(c.id)
    return key


def _in_window(current: list[Claim], t: datetime, window: float) -> list[Claim]:
    """The current claims (kept in time order, undated first) that can be simultaneous with a
    claim published at ``t``: the undated ones and those within ``window`` seconds before it."""
    if t == _EPOCH or not current:
        return current
    undated = bisect.bisect_right(current, _EPOCH, key=_when)
    lo = bisect.bisect_left(current, t - timedelta(seconds=window), key=_when)
    return current if lo <= undated else current[:undated] + current[lo:]


def _forget(found: dict, gone: set[str], index: dict[str, Claim], window: float) -> set[str]:
    """Claims that no longer stand leave the disagreements. An entry stays only while some claim
    of one side and some claim of the other, from different claimants, are within the window.
    Returns the ids of the entries changed or dropped."""
    touched: set[str] = set()
    for key in list(found):
        e = found[key]
        if gone.isdisjoint(e["sides"][0]) and gone.isdisjoint(e["sides"][1]):
            continue
        sides = [[i for i in side if i not in gone] for side in e["sides"]]
        touched.add(key)
        pair = _within(sides, index, window)
        if pair is None:
            del found[key]
            continue
        e["sides"] = sides
        e["claims"] = list(pair)
        e["claimants"] = [_who(index[pair[0]]), _who(index[pair[1]])]
        e["values"] = [index[pair[0]].figure.text, index[pair[1]].figure.text]
    return touched


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


def _point(c: Claim) -> float | int | None:
    """The number a claim states: its value, else the bound it gives ("at least 10" -> 10)."""
    f = c.figure
    for v in (f.value, f.low, f.high):
        if v is not None:
            return _num(float(v))
    return None


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
    cite = lambda cs: "; ".join(_describe(c) for c in cs)
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
            "best": f"{tally.best}: the median of the current claims' figures ({_listing(pts)})",
            "high": (f"{tally.high}: the highest current figure, from {_describe(hi_c)}"
                     if tally.high is not None else f"open: {_describe(hi_c)} sets no upper bound"),
        }


def _listing(points: list[float]) -> str:
    """The figures a median is taken of: all of them when few, else how many and their span."""
    if len(points) <= 8:
        return ", ".join(str(_num(p)) for p in points)
    return f"{len(points)} figures from {_num(points[0])} to {_num(points[-1])}"


def _link_parents(tallies: list[Tally]) -> None:
    """A part of a total ("five of them critically"), or a subset of people (children, soldiers),
    points to the tally of its total: same category, same place when there is one, else the
    total with the most claims."""
    by_group: dict[str, list[Tally]] = defaultdict(list)
    for t in tallies:
        by_group[f"{t.category}|{t.subject}"].append(t)
    for t in tallies:
        t.parent = None
        subject = t.subject or ""
        if subject.endswith(" (part)"):
            base = subject[: -len(" (part)")]
        elif subject in PERSON_SUBSETS:
            base = "people"
        else:
            continue
        totals = by_group.get(f"{t.category}|{base}", [])
        if not totals:
            continue
        same_place = [x for x in totals if x.place == t.place]
        t.parent = (same_place[0] if same_place else max(totals, key=lambda x: (len(x.claims), x.key))).key


def build_ledger(story_id: str, claims: Sequence[Claim], options: Options, *,
                 now: datetime | None = None) -> Ledger:
    """Group a story's claims into tallies (one per thing counted, split by place when the
    claims name places that do not contain one another) and reconcile each."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        groups[tally_group(c)].append(replace(c, disputed_by=[]))
    tallies = []
    for group in sorted(groups):
        for key, members in sorted(_split_by_place(group, groups[group]).items()):
            tallies.append(_tally(key, members, options))
    _link_parents(tallies)
    return Ledger(story=story_id, tallies=tallies, updated=now or datetime.now(UTC))


@dataclass(slots=True)
class LedgerUpdate:
    """What folding a report's claims changed, for a store that writes only that.

    ``changed``: keys of the tallies that changed; of those, ``rebuilt`` were recomputed whole
    (every claim and revision may differ), the others were folded into: only the claims in
    ``claims[key]`` were added or changed, and their revisions from index ``revisions_from[key]`` on
    are new, and the disagreements in ``disagreements[key]`` were added, changed or dropped.
    ``removed``: keys of tallies that no longer exist (a group split by place)."""

    ledger: Ledger
    changed: list[str] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    claims: dict[str, set[str]] = field(default_factory=dict)
    revisions_from: dict[str, int] = field(default_factory=dict)
    disagreements: dict[str, set[str]] = field(default_factory=dict)


def update_ledger(ledger: Ledger, new_claims: Sequence[Claim], options: Options, *,
                  now: datetime | None = None) -> tuple[Ledger, list[str]]:
    """Fold a new report's claims into ``ledger``. Only the tallies the new claims touch are
    recomputed, and a tally is updated from its current claims, not rebuilt, unless a claim is
    older than its claimant's latest one or the tally must split by place. Returns the new
    ledger and the keys of the tallies that changed (:func:`fold_claims` says more).

    The touched tallies are updated in place: the ledger passed in is consumed and should not be
    used afterwards; use the one returned."""
    update = fold_claims(ledger, new_claims, options, now=now)
    return update.ledger, update.changed


def fold_claims(ledger: Ledger, new_claims: Sequence[Claim], options: Options, *,
                now: datetime | None = None) -> LedgerUpdate:
    """:func:`update_ledger`, returning a :class:`LedgerUpdate` that says what changed."""
    by_key = {t.key: t for t in ledger.tallies}
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in sorted(new_claims, key=_order):
        groups[tally_group(c)].append(c)
    window = options.ledger.same_time_minutes * 60
    changed: list[Tally] = []
    rebuilt: list[str] = []
    dirty: dict[str, set[str]] = {}
    revisions_from: dict[str, int] = {}
    disagreements: dict[str, set[str]] = {}
    for group, fresh in groups.items():
        existing = [t for t in ledger.tallies if t.key.rsplit("|", 1)[0] == group]
        if len(existing) == 1 and all(c.place is None or c.place.name == existing[0].place for c in fresh):
            # the common case: one tally and no new place, so no new split: fold in place
            tally = existing[0]
            index = {c.id: c for c in tally.claims}
            fresh = [c for c in fresh if c.id not in index]
            if not fresh:
                continue
            n_revisions = len(tally.revisions)
            folded: set[str] = set()
            touched: set[str] = set()
            if _fold(tally, fresh, index, window, folded, touched):
                _finish(tally, index)
                dirty[tally.key] = folded
                revisions_from[tally.key] = n_revisions
                disagreements[tally.key] = touched
            else:
                tally = by_key[tally.key] = _tally(tally.key, [*tally.claims, *fresh], options)
                rebuilt.append(tally.key)
            changed.append(tally)
            continue
        known = {c.id for t in existing for c in t.claims}
        fresh = [c for c in fresh if c.id not in known]
        if not fresh:
            continue
        for t in existing:
            by_key.pop(t.key, None)
        for key, members in _split_by_place(group, [c for t in existing for c in t.claims] + fresh).items():
            by_key[key] = _tally(key, members, options)
            changed.append(by_key[key])
            rebuilt.append(key)
    tallies = sorted(by_key.values(), key=lambda t: t.key)
    parents = {t.key: t.parent for t in tallies}
    _link_parents(tallies)
    keys = [t.key for t in changed]
    seen = set(keys)
    keys += [t.key for t in tallies if t.parent != parents[t.key] and t.key not in seen]  # a new parent
    removed = sorted({t.key for t in ledger.tallies} - set(by_key))
    return LedgerUpdate(Ledger(story=ledger.story, tallies=tallies, updated=now or datetime.now(UTC)),
                        changed=keys, rebuilt=rebuilt, removed=removed, claims=dirty, revisions_from=revisions_from,
                        disagreements=disagreements)
