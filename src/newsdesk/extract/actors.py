"""Actors: who acts in an event, with their country and sector.

``find_actors(text, language, places)`` finds the noun phrases that name an actor:

- a country (a country place found by the geoparser, or a demonym or country name from the
  language's ``[demonyms]`` table: "Russian", "Ukraine's", "российские");
- a sector noun from ``[actors.sectors]`` ("Defense Ministry", "troops", "police",
  "protesters", "силы ПВО"), taking the country of a country word right before it
  ("Russia's Defense Ministry", "Ukrainian defense systems") or right after it
  ("Минобороны России", "the Ministry of Defence of Russia").

Each :class:`ActorMention` notes whether it is the source of a statement (followed by a
reporting verb of ``[attribution]``, or preceded by one -- "said police", "сообщили в
администрации" -- or by "according to"): events then list it with
the role ``claimant`` rather than as a party. Short all-letter forms ("US", "UK", "РФ", "ВСУ")
count only when written in capitals, so "told us" is no actor. A capital used as a demonym
("Moscow", "Kyiv") that the geoparser found as a city is a place, not an actor, unless it is
the source of a statement ("Moscow said").

Phrases in the resource files follow the shared convention: matched case-insensitively on word
boundaries, a trailing ``*`` means any ending.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.errors import ConfigError
from newsdesk.records import Actor, Place

__all__ = ["ActorMention", "find_actors", "lang_table", "phrase_pattern", "to_actor"]


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    country: str | None
    sector: str | None
    claimant: bool = False  # the phrase is the source of a statement ("X said", "according to X")
    from_sector: bool = False  # the phrase has a sector noun (not only a country word)


def lang_table(language: str | None, *path: str) -> Mapping[str, Any]:
    """A (nested) table of a language's resource file; an empty mapping when absent."""
    if not language:
        return {}
    try:
        from newsdesk.lang import load_lang

        data: Any = load_lang(language).data
    except ConfigError:  # a language without resources has no tables
        return {}
    for key in path:
        data = data.get(key) if isinstance(data, Mapping) else None
        if data is None:
            return {}
    return data if isinstance(data, Mapping) else {}


def phrase_pattern(phrase: str) -> str:
    """A regex for one resource phrase: words separated by any space, a ``*`` after a word for
    any ending of that word, apostrophes of either kind."""
    parts = []
    for w in phrase.split():
        star = w.endswith("*")
        w = w.rstrip("*")
        esc = re.escape(w).replace("'", "['’ʼ]").replace("’", "['’ʼ]")
        parts.append(esc + (r"[\w'’ʼ-]*" if star else ""))
    return r"\s+".join(parts)


def _alternation(phrases: Iterable[str]) -> str:
    uniq = sorted({p for p in phrases if p.strip()}, key=lambda p: (-len(p.rstrip("*")), p))
    return "|".join(phrase_pattern(p) for p in uniq)


@dataclass(slots=True)
class _Rules:
    country: Any  # newsdesk.lang.PhraseTable: phrase -> ISO2
    sector: Any  # PhraseTable: phrase -> sector
    report_after: re.Pattern[str] | None
    report_before: re.Pattern[str] | None
    according_before: re.Pattern[str] | None
    gap_words: re.Pattern[str]


def _table(lists: Mapping[str, Sequence[str]]) -> Any:
    from newsdesk.lang import PhraseTable

    return PhraseTable.from_lists({str(k): [str(p) for p in v] for k, v in lists.items()})


@functools.lru_cache(maxsize=16)
def _rules(language: str) -> _Rules:
    demonyms = lang_table(language, "demonyms")
    sectors = lang_table(language, "actors", "sectors")
    attribution = lang_table(language, "attribution")
    verbs = [str(v) for key in ("reported", "claimed", "denied") for v in attribution.get(key, ())]
    verbs = [v for v in verbs if v.lower() not in {"according to", "state", "states", "report", "reports", "claim",
                                                   "claims"}]
    report_after = None
    report_before = None
    if verbs:
        report_after = re.compile(
            r"\A(?:\s*,[^,.;]{1,60},)?\s*(?:(?:has|have|had|also|again|later|earlier|on \w+)\s+)*(?:"
            + _alternation(verbs) + r")(?![\w])", re.IGNORECASE)
        # "said police", "сообщили в администрации", "повідомили в ОВА"
        report_before = re.compile(r"(?<![\w])(?:" + _alternation(verbs) + r")\s+(?:(?:в|во|у|in|by)\s+)?(?:the\s+)?\Z",
                                   re.IGNORECASE)
    according = [str(v) for v in attribution.get("according_to", ())]
    according_before = (re.compile(r"(?:" + _alternation(according) + r")\s+(?:the\s+)?(?:[\w-]+\s+)?\Z", re.IGNORECASE)
                        if according else None)  # "according to (local) police"
    return _Rules(_table(demonyms), _table(sectors), report_after, report_before, according_before,
                  re.compile(r"\A(?:['’ʼ]s)?(?:\s+[\w-]+){0,2}\s+\Z"))


# "..., said police." / "сообщили в администрации города.": after a source that follows its verb
# comes the end of the clause (one word at most); "said the soldier had been" is no source
_CLAUSE_END = re.compile(r"\s*(?:[^\W\d_]+\s*)?(?:[.,;:!?)\]»”\"]|\Z)")


def _short_caps_ok(text: str) -> bool:
    """Short all-letter forms ("US", "РФ") count only in capitals."""
    letters = text.replace(".", "")
    if len(letters) <= 3 and letters.isalpha():
        return letters.isupper()
    return True


def find_actors(text: str, language: str | None, places: Sequence[Place] = (), *,
                start: int = 0, end: int | None = None, low: str | None = None) -> list[ActorMention]:
    """The actor phrases in ``text[start:end]`` (offsets into ``text``), in text order.

    ``low`` is ``text`` lower-cased with offsets kept, when the caller has it already."""
    if not text or not language:
        return []
    from newsdesk.lang import lower_same_length

    rules = _rules(language)
    end = len(text) if end is None else end
    low = low if low is not None else lower_same_length(text)
    countries: list[tuple[int, int, str, bool]] = []  # start, end, ISO2, is_place_word
    non_country = sorted((p.start, p.end) for p in places if p.kind != "country")
    starts = [s for s, _ in non_country]
    for m in rules.country.regex.finditer(low, start, end):
        if not _short_caps_ok(text[m.start():m.end()]):
            continue
        code = rules.country.value(m.group())
        if code is None:
            continue
        i = bisect.bisect_right(starts, m.start()) - 1
        city = (i >= 0 and non_country[i][1] > m.start()) or (i + 1 < len(starts) and starts[i + 1] < m.end())
        countries.append((m.start(), m.end(), str(code), city))
    for p in places:  # countries the geoparser found that the demonym table does not know
        if (p.kind == "country" and p.country and start <= p.start and p.end <= end
                and not any(s < p.end and p.start < e for s, e, _, _ in countries)):
            countries.append((p.start, p.end, p.country, False))
    countries.sort()
    sectors: list[tuple[int, int, str]] = []
    for m in rules.sector.regex.finditer(low, start, end):
        sector = rules.sector.value(m.group())
        if sector is not None and _short_caps_ok(text[m.start():m.end()]):
            sectors.append((m.start(), m.end(), str(sector)))
    used: set[int] = set()
    out: list[ActorMention] = []
    cstarts = [c[0] for c in countries]
    for s, e, sector in sectors:
        merged = None
        lo = bisect.bisect_left(cstarts, s - 80)
        hi = bisect.bisect_right(cstarts, e + 12)
        for i in range(lo, hi):
            cs, ce, code, _ = countries[i]
            if i in used:
                continue
            if ce <= s and s - ce <= 40:
                gap = text[ce:s]
                if rules.gap_words.match(gap) and not (rules.report_after and rules.report_after.match(gap)):
                    merged = (i, cs, e, code)
            elif cs >= e and cs - e <= 12 and re.fullmatch(r"\s+(?:of\s+(?:the\s+)?)?", text[e:cs], re.IGNORECASE):
                merged = (i, s, ce, code)
                break
        if merged is not None:
            i, ms, me, code = merged
            used.add(i)
            out.append(ActorMention(ms, me, text[ms:me], code, sector, from_sector=True))
        else:
            out.append(ActorMention(s, e, text[s:e], None, sector, from_sector=True))
    for i, (cs, ce, code, city) in enumerate(countries):
        if i in used:
            continue
        out.append(ActorMention(cs, ce, text[cs:ce], code, None))
    out.sort(key=lambda a: a.start)
    # "government troops", "police officers of Russia": adjacent sector words are one actor, headed
    # by the last one
    joined: list[ActorMention] = []
    for a in out:
        prev = joined[-1] if joined else None
        if (prev is not None and prev.from_sector and a.from_sector and prev.end < a.start
                and not text[prev.end:a.start].strip() and (prev.country is None or a.country is None)):
            joined[-1] = ActorMention(prev.start, a.end, text[prev.start:a.end], prev.country or a.country,
                                      a.sector, from_sector=True)
            continue
        joined.append(a)
    out = joined
    # nested matches (a sector word inside a longer merged phrase) keep the longer phrase
    kept: list[ActorMention] = []
    for a in out:
        if kept and a.start < kept[-1].end:
            if a.end - a.start > kept[-1].end - kept[-1].start:
                kept[-1] = a
            continue
        kept.append(a)
    city_starts = {c[0] for c in countries if c[3]}
    result = []
    for a in kept:
        after = text[a.end:min(len(text), a.end + 120)]
        before = text[max(0, a.start - 40):a.start]
        a.claimant = bool((rules.report_after and rules.report_after.match(after))
                          or (rules.report_before and rules.report_before.search(before)
                              and _CLAUSE_END.match(after))
                          or (rules.according_before and rules.according_before.search(before)))
        is_city = a.start in city_starts and not a.from_sector
        if is_city and not a.claimant:
            continue
        result.append(a)
    return result


def to_actor(mention: ActorMention, role: str) -> Actor:
    return Actor(text=mention.text, role=role, country=mention.country, sector=mention.sector)
