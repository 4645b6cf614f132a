"""Numbers in text: digits, number words, vague amounts, ranges, qualifiers, and what they are not.

``find_numbers(text, language)`` returns every number mention in reading order with its value
(or its range), the qualifier before or after it ("at least 22", "50 or more", "щонайменше
троє"), and its kind: a ``count`` (what figures are made of) or a year, date, time, age,
percentage, amount of money, ordinal, code ("F-16", "No. 5"), phone number or address, which are
never counts of people or things. All language-specific words come from the language's resource
file (``newsdesk/lang/<code>.toml``, section ``[numbers]``); regular expressions are compiled once
per language and process.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

from newsdesk.lang import (
    TailMatcher,
    available_languages,
    load_lang,
    lower_same_length,
    normalize_apostrophes,
    phrase_pattern,
    trie_pattern,
)

__all__ = ["KINDS", "MAX_VALUE", "NumberMention", "find_numbers"]

MAX_VALUE = 10_000_000_000  # larger values are not numbers of anything a news report counts
KINDS = ("count", "year", "date", "time", "age", "percent", "money", "ordinal", "code", "phone", "address")

_FLAGS = re.IGNORECASE


@dataclass(slots=True)
class NumberMention:
    """One number as written. ``start``/``end`` cover the qualifier too ("at least 22");
    ``num_start``/``num_end`` cover the number alone ("22")."""

    start: int
    end: int
    text: str
    value: float | int | None
    low: float | int | None
    high: float | int | None
    qualifier: str = "exact"  # one of records.QUALIFIERS
    kind: str = "count"  # one of KINDS
    num_start: int = 0
    num_end: int = 0
    is_vague: bool = False
    is_ordinal: bool = False
    is_year_or_date: bool = False
    part_of: int | None = None  # index (in the same list) of the whole: "21 of the 49" -> 21 is part of 49
    from_words: bool = False  # written in words ("twenty-one") rather than digits

    @property
    def is_count(self) -> bool:
        return self.kind == "count"


# --- per-language grammar ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Grammar:
    code: str
    cand: re.Pattern[str]  # where a number may start (on lower-cased text)
    master: re.Pattern[str]  # the number at a candidate position
    token: re.Pattern[str]
    words: Mapping[str, tuple[str, float]]  # normalised word -> (kind, value)
    suffixes: Mapping[str, float]
    vague: Mapping[str, tuple[float, float]]
    decimal_mark: str
    group_marks: str
    article: TailMatcher  # "a" / "half a" before "dozen", "hundred", "million"
    articles: frozenset[str]
    qual_before: TailMatcher
    no_qualifier_after: frozenset[str]
    qual_after: re.Pattern[str]
    percent_after: re.Pattern[str]
    currency_before: TailMatcher
    currency_after: re.Pattern[str]
    time_after: re.Pattern[str]
    time_before: TailMatcher
    time_next: frozenset[str]
    month_before: TailMatcher
    month_after: re.Pattern[str]
    year_before: TailMatcher
    year_weak_before: TailMatcher  # "of" in "the line of 2000 cases": a year only when no noun follows
    year_after: re.Pattern[str]
    age_before: TailMatcher
    age_after: re.Pattern[str]
    street_after: re.Pattern[str]
    code_before: TailMatcher
    rank_before: TailMatcher  # "the number two of the police": a rank, written in words
    range_gap: re.Pattern[str]
    between_before: TailMatcher
    between_gap: re.Pattern[str]
    from_before: TailMatcher
    part_gap: re.Pattern[str]


_QUALIFIER_ORDER = ("at_least", "more_than", "at_most", "up_to", "fewer_than", "about")
_DATE_RE = re.compile(r"(?<![\w.])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?![\w])")
_PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}|\(\d{2,4}\)\s?\d{2,4}[\s-]\d{2,4}"
    r"|\d{3}-\d{3}-\d{4}|\d{3}-\d{4})(?![\w])"
)
_TIME_RE = re.compile(r"(?<![\w])\d{1,2}[:.]\d{2}(?::\d{2})?(?!\d)")
_SPECIAL_PREFILTER = re.compile(r"\d[-/.:]\d|\+\d|\(\d|\d-\d")
_LETTER_HYPHEN = re.compile(r"[^\W\d_]\s?[-\u2013]\s?$")
_NAME_COMMA = re.compile(r"[A-ZА-ЯЁІЇЄҐ][\w'’-]+,\s*$")
_DAY_COMMA = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?,?\s*$")
_SPACES = re.compile(r"\s+")
_WORD_AFTER = re.compile(r"\s+[^\W\d_]")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2009.]\d{3})+(?:,\d+)?")
_GROUP_MARKS = re.compile(r"[ \u00a0\u202f\u2009.]")
_EN_GROUP_MARKS = re.compile(r"[,\u00a0\u202f\u2009 ]")


def _number_table(section: Mapping[str, object], kind: str) -> dict[str, tuple[str, float]]:
    out: dict[str, tuple[str, float]] = {}
    for key, forms in section.items():
        for form in forms:  # type: ignore[attr-defined]
            out[normalize_apostrophes(str(form)).lower()] = (kind, float(key))
    return out


def _phrases(section: Mapping[str, object], key: str) -> list[str]:
    value = section.get(key, ())
    return [str(v) for v in value]  # type: ignore[union-attr]


def _first_words(phrases: list[str] | set[str], articles: set[str]) -> set[str]:
    """The words a number can start with; for "a few" that is "few" (the article is looked up
    behind it), since articles are too common to try the full grammar at each one."""
    out = set()
    for p in phrases:
        parts = p.split()
        if not parts:
            continue
        w = parts[1] if parts[0] in articles and len(parts) > 1 else parts[0]
        out.add(w)
        out.add(w.replace("'", "\u2019"))
        out.add(w.replace("'", "\u02bc"))
    return out


@functools.cache
def _grammar(language: str) -> _Grammar:
    known = language in available_languages()
    code = language if known else "en"
    res = load_lang(code)
    num = res.section("numbers")
    ctx = num.get("context", {})
    rng = num.get("ranges", {})
    words: dict[str, tuple[str, float]] = {}
    for section, kind in (("units", "unit"), ("teens", "teen"), ("tens", "ten"), ("hundreds", "hund"), ("scales", "scale")):
        words.update(_number_table(num.get(section, {}), kind))
    for w in num.get("hundred", ()):
        words[w.lower()] = ("hundred", 100.0)
    for w in num.get("dozen", ()):
        words[w.lower()] = ("dozen", 12.0)
    for w in num.get("joiner", ()):
        words[w.lower()] = ("join", 0.0)
    suffixes = {w: v for w, (_, v) in _number_table(num.get("suffixes", {}), "suffix").items()}
    vague = {normalize_apostrophes(k).lower(): (float(v[0]), float(v[1])) for k, v in num.get("vague", {}).items()}
    if not known:  # an unknown language: digits only
        words, vague, suffixes = {}, {}, {}
    number_words = [w for w, (k, _) in words.items() if k != "join"]
    numword = phrase_pattern(number_words)
    join = phrase_pattern(w for w, (k, _) in words.items() if k == "join")
    scalewords = phrase_pattern(w for w, (k, _) in words.items() if k in ("scale", "hundred", "dozen"))
    dec = re.escape(str(num.get("decimal_mark", ".")))
    groups = "".join(str(g) for g in num.get("group_marks", [","]))
    group_cls = "[" + "".join(re.escape(g) for g in groups) + "]"
    other_dec = "[.,]" if dec == "," else r"\."
    # tokenised text writes "20 , 000" for 20,000 (ECB+, CoNLL-style corpora)
    spaced = r"|\d{1,3}(?: , \d{3})+(?![\d])(?! , \d)" if "," in groups and dec != "," else ""
    digits = (
        rf"(?<![\w])(?<!\d[.,])(?:\d{{1,3}}(?:{group_cls}\d{{3}})+(?:{dec}\d+)?(?![\d])(?!{group_cls}\d)"
        rf"{spaced}|\d+(?:{other_dec}\d+)?(?![\d]))"
    )
    suffix = "|".join(re.escape(w) for w in sorted(suffixes, key=len, reverse=True)) or r"(?!x)x"
    ordinal_suffix = "|".join(re.escape(s) for s in sorted(ctx.get("ordinal_suffixes", ()), key=len, reverse=True))
    ordinal_part = rf"(?P<ord>(?:-|\u2013)?(?:{ordinal_suffix}))" if ordinal_suffix else r"(?P<ord>(?!x)x)"
    sep = rf"(?:\s*-\s*|\s+(?:{join}\s+)?)"
    word_seq = rf"{numword}(?:{sep}{numword})*" if words else r"(?!x)x"
    master = re.compile(
        rf"(?P<vague>{phrase_pattern(vague)})"
        rf"|(?P<dig>{digits})(?:(?P<suf>{suffix})|\s*(?P<scale>{scalewords})|{ordinal_part})?(?![\w])"
        rf"|(?P<words>(?<![\w'’-]){word_seq})(?![\w'’-])",
        _FLAGS,
    )
    article_words = {w.lower() for w in num.get("articles", ())} - set(words)
    starts = _first_words(set(number_words) | set(vague), article_words)
    cand = re.compile(rf"\d+|(?<![\w'’ʼ])(?:{trie_pattern(starts)})(?![\w'’ʼ])")
    token = re.compile(rf"(?P<t>{phrase_pattern(words)})" if words else r"(?!x)x", _FLAGS)

    quals = num.get("qualifiers", {})
    qafter = num.get("qualifiers_after", {})
    after = "|".join(rf"(?P<{q}>{phrase_pattern(qafter.get(q, ()))})" for q in _QUALIFIER_ORDER)
    qual_table: dict[str, str] = {}
    for q in _QUALIFIER_ORDER:
        for phrase in quals.get(q, ()):
            qual_table.setdefault(phrase, q)
    articles = {w: 1.0 for w in num.get("articles", ()) if w != "one"}
    for h in num.get("half", ()):
        articles[h] = 0.5

    def p(key: str) -> str:
        return phrase_pattern(_phrases(ctx, key))

    def tail(key: str, source: Mapping[str, object] = ctx) -> TailMatcher:
        return TailMatcher(_phrases(source, key))

    return _Grammar(
        code=code,
        cand=cand,
        master=master,
        token=token,
        words=words,
        suffixes=suffixes,
        vague=vague,
        decimal_mark=str(num.get("decimal_mark", ".")),
        group_marks=groups,
        article=TailMatcher(articles),
        articles=frozenset(w.lower() for w in num.get("articles", ()) if w != "one"),
        qual_before=TailMatcher(qual_table),
        no_qualifier_after=frozenset(w.lower() for w in num.get("no_qualifier_after", ())),
        qual_after=re.compile(rf"\s*(?:{after})", _FLAGS),
        percent_after=re.compile(rf"\s*{p('percent')}", _FLAGS),
        currency_before=tail("currency_before"),
        currency_after=re.compile(rf"\s*{p('currency_after')}", _FLAGS),
        time_after=re.compile(rf"\s*{p('time_after')}", _FLAGS),
        time_before=tail("time_before"),
        time_next=frozenset(w.lower() for w in ctx.get("time_next", ())),
        month_before=TailMatcher([*(_phrases(ctx, "months")), *(m + "." for m in _phrases(ctx, "months"))]),
        month_after=re.compile(rf"(?:\s*(?:-|\u2013|th|st|nd|rd|-?го|-?е|-?ого))?\s*(?:of\s+)?{p('months')}", _FLAGS),
        year_before=TailMatcher([*_phrases(ctx, "year_before"), *_phrases(ctx, "months"), *(m + "." for m in _phrases(ctx, "months"))]),
        year_weak_before=tail("year_weak_before"),
        year_after=re.compile(rf"\s*{p('year_after')}" if ctx.get("year_after") else r"(?!x)x", _FLAGS),
        age_before=tail("age_before"),
        age_after=re.compile(rf"\s*-?\s*{p('age_after')}", _FLAGS),
        street_after=re.compile(rf"\s+(?:[A-Z][\w'-]+\s+){{0,2}}(?i:{p('street_after')})\.?(?!\w)" if ctx.get("street_after") else r"(?!x)x"),
        code_before=TailMatcher([*_phrases(ctx, "code_before"), "#"]),
        rank_before=TailMatcher(_phrases(ctx, "rank_before")),
        range_gap=re.compile(rf"\s*(?:{phrase_pattern(_phrases(rng, 'connectors'))})\s*$", _FLAGS),
        between_before=tail("between", rng),
        between_gap=re.compile(rf"\s*(?:{phrase_pattern(_phrases(rng, 'between_and'))})\s*$", _FLAGS),
        from_before=tail("from", rng),
        part_gap=re.compile(rf"\s+(?:{phrase_pattern(_phrases(rng, 'part_of'))})\s+$", _FLAGS),
    )


# --- values -----------------------------------------------------------------------------------


def _digits_value(raw: str, g: _Grammar) -> float | None:
    s = raw
    if g.decimal_mark == ",":
        # "1 200", "1.200" -> 1200; "12,5" and "1.5" -> decimals
        if _GROUPED.fullmatch(s):
            s = _GROUP_MARKS.sub("", s).replace(",", ".")
        else:
            s = s.replace(",", ".")
    else:
        s = _EN_GROUP_MARKS.sub("", s)
    try:
        return float(s)
    except ValueError:
        return None


def _word_segments(text: str, offset: int, g: _Grammar) -> list[tuple[int, int, float]]:
    """Parse a run of number words into one or more numbers: [(start, end, value)]."""
    toks = []
    for m in g.token.finditer(text):
        key = normalize_apostrophes(re.sub(r"\s+", " ", m.group(0))).lower()
        kind, val = g.words.get(key, ("", 0.0))
        if kind:
            toks.append((offset + m.start(), offset + m.end(), kind, val))
    out: list[tuple[int, int, float]] = []
    i = 0
    while i < len(toks):
        total, current, last = 0.0, 0.0, None
        factor = 1.0
        seg_start = toks[i][0]
        seg_end = toks[i][1]
        seen_number = False
        j = i
        while j < len(toks):
            _, e, kind, val = toks[j]
            ok = False
            if kind == "unit":
                ok = last in (None, "hund", "hundred", "scale") or (last == "ten" and current % 10 == 0)
                if ok:
                    current += val
            elif kind in ("teen", "ten"):
                ok = last in (None, "hund", "hundred", "scale")
                if ok:
                    current += val
            elif kind == "hund":
                ok = last in (None, "scale")
                if ok:
                    current += val
            elif kind == "hundred":
                ok = last in ("unit", "teen", "ten", None) and current < 100
                if ok:
                    current = (current or 1.0) * 100
            elif kind == "dozen":
                ok = last in ("unit", "teen", "ten", None)
                if ok:
                    current = (current or 1.0) * 12
            elif kind == "scale":
                ok = last in ("unit", "teen", "ten", "hund", "hundred", "dozen", None)
                if ok:
                    total += (current or 1.0) * val
                    current = 0.0
            elif kind == "join":
                ok = (
                    last in ("hundred", "scale")
                    and j + 1 < len(toks)
                    and toks[j + 1][2] in ("unit", "teen", "ten")
                )
            if not ok:
                break
            if kind != "join":
                seen_number = True
                seg_end = e
            if kind != "join":
                last = kind
            j += 1
        if j == i:
            i += 1
            continue
        if seen_number:
            out.append((seg_start, seg_end, (total + current) * factor))
        i = j
    return out


# --- the scan ---------------------------------------------------------------------------------


def find_numbers(text: str, language: str, *, start: int = 0, end: int | None = None,
                 lowered: str | None = None) -> list[NumberMention]:
    """Every number in ``text[start:end]`` in reading order (offsets index ``text``).

    Counts get ``kind="count"``; years, dates, times, ages, percentages, money, ordinals, codes,
    phone numbers and addresses are returned with their kind so callers can skip them. Values
    above :data:`MAX_VALUE` ("999,999,999,999,999") are dropped. Ranges ("between 10 and 15",
    "10-15") are one mention with ``low``/``high``; "21 of the 49" gives two mentions, the first
    with ``part_of`` pointing at the second. Unknown languages get digits only. ``lowered`` is
    ``lower_same_length(text)`` when the caller has it (saves lowering the text per call).
    """
    if end is None:
        end = len(text)
    end = min(end, len(text))
    if not text or start >= end:
        return []
    g = _grammar(language or "")
    scan = lowered if lowered is not None and len(lowered) == len(text) else lower_same_length(text)
    cand = g.cand
    blocked: list[tuple[int, int, str]] = []
    if _SPECIAL_PREFILTER.search(text, start, end):
        for rx, kind in ((_DATE_RE, "date"), (_PHONE_RE, "phone"), (_TIME_RE, "time")):
            for m in rx.finditer(text, start, end):
                if kind == "time" and not _looks_like_time(text, m):
                    continue
                if kind == "phone" and _digits_grouped(m.group(0), g):
                    continue
                blocked.append((m.start(), m.end(), kind))
        blocked.sort()
    mentions: list[NumberMention] = []
    pos = start
    while True:
        c = cand.search(scan, pos, end)
        if c is None:
            break
        m = None
        if c.start() >= 2 and scan[c.start() - 1] == " ":
            # "a few", "a handful": the phrase starts at the article before the candidate
            art = scan.rfind(" ", max(start, c.start() - 5), c.start() - 1) + 1
            if art > 0 and (art == start or not scan[art - 1].isalnum()) and scan[art:c.start() - 1] in g.articles:
                m = g.master.match(text, art, end)
                if m is not None and m.group("vague") is None:
                    m = None
        if m is None:
            m = g.master.match(text, c.start(), end)
        if m is None:
            pos = c.end()
            continue
        pos = max(m.end(), c.end())
        if m.group("vague") is not None:
            key = normalize_apostrophes(_SPACES.sub(" ", m.group("vague"))).lower()
            lo, hi = g.vague.get(key, (None, None))
            if lo is None:
                continue
            s, e = m.start("vague"), m.end("vague")
            exact = lo == hi
            mentions.append(NumberMention(s, e, text[s:e], _int(lo) if exact else None, _int(lo), _int(hi),
                                          "exact" if exact else "vague", num_start=s, num_end=e, is_vague=not exact,
                                          from_words=True))
        elif m.group("dig") is not None:
            value = _digits_value(m.group("dig"), g)
            if value is None:
                continue
            s, e = m.start(), m.end()
            kind = "count"
            if m.group("ord"):
                kind = "ordinal"
            elif m.group("suf"):
                value *= g.suffixes.get(m.group("suf").lower(), 1.0)
            elif m.group("scale"):
                key = normalize_apostrophes(_SPACES.sub(" ", m.group("scale"))).lower()
                value *= g.words.get(key, ("", 1.0))[1]
            mentions.append(_classify(text, s, e, value, kind, m.group("dig"), g, blocked))
        else:
            for s, e, value in _word_segments(m.group("words"), m.start("words"), g):
                if g.words.get(normalize_apostrophes(text[s:e].split()[0]).lower(), ("",))[0] in ("scale", "hundred", "dozen"):
                    art = g.article.match(text[max(start, s - 12):s])
                    if art is not None:
                        value *= art[0]
                        s -= art[1]
                mention = _classify(text, s, e, value, "count", None, g, blocked)
                mention.from_words = True
                mentions.append(mention)
    mentions = [mm for mm in mentions if mm.value is None or 0 <= mm.value <= MAX_VALUE]
    for mm in mentions:
        _qualify(text, mm, g, start, end)
    mentions = _merge_ranges(text, mentions, g)
    _link_parts(text, mentions, g)
    return mentions


def _digits_grouped(raw: str, g: _Grammar) -> bool:
    """Whether a phone-like run is really one number with group marks ("12 000 000")."""
    return bool(re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+", raw)) and " " in g.group_marks


def _looks_like_time(text: str, m: re.Match[str]) -> bool:
    raw = m.group(0)
    if ":" in raw:
        return True
    # "5.32" is a time only with am/pm or "hours" after it; otherwise a decimal
    return bool(re.match(r"\s*(?:a\.?m\.?|p\.?m\.?|h\b|hrs\b|ч\b|год\b)", text[m.end():m.end() + 6], re.IGNORECASE))


def _int(v: float | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


def _classify(text: str, s: int, e: int, value: float, kind: str, raw: str | None, g: _Grammar,
              blocked: list[tuple[int, int, str]]) -> NumberMention:
    v = _int(value)
    if blocked:
        j = bisect_right(blocked, (s, 1 << 62, "")) - 1
        while j >= 0 and blocked[j][0] >= s - 40:
            bs, be, bkind = blocked[j]
            if bs <= s and e <= be:
                kind = bkind
                break
            j -= 1
    if kind == "count":
        before = text[max(0, s - 30):s]
        plain = raw is not None and raw.isdigit()
        if g.percent_after.match(text, e):
            kind = "percent"
        elif g.currency_before.match(before) or g.currency_after.match(text, e):
            kind = "money"
        elif g.age_after.match(text, e) or g.age_before.match(before):
            kind = "age"
        elif (plain and (_LETTER_HYPHEN.search(before[-4:]) or g.code_before.match(before))
              or not plain and g.rank_before.match(before)):  # "No. 5"; "the number two" (a rank)
            kind = "code"
        elif g.time_after.match(text, e) or (text[e:e + 1] == ":" and text[e + 1:e + 3].isdigit()):
            kind = "time"
        elif plain and isinstance(v, int) and 1 <= v <= 31 and (g.month_before.match(before) or g.month_after.match(text, e)):
            kind = "date"
        elif plain and len(raw or "") == 4 and int(raw[2:]) < 60 and int(raw[:2]) < 24 and (
                raw[0] == "0" or g.time_before.match(before) and _next_word(text, e) in g.time_next | {""}):
            kind = "time"  # "at 1500", "0930": a clock time
        elif plain and len(raw or "") == 4 and _is_year(v, before, text, e, g):
            kind = "year"
        elif plain and g.street_after.match(text, e):
            kind = "address"
        elif plain and isinstance(v, int) and v < 120 and text[e:e + 1] == "," and _NAME_COMMA.search(before):
            kind = "age"  # "John Smith, 19, of Springfield"
    return NumberMention(
        s, e, text[s:e], v, v, v, "exact", kind, num_start=s, num_end=e,
        is_ordinal=kind == "ordinal", is_year_or_date=kind in ("year", "date"),
    )


def _next_word(text: str, e: int) -> str:
    """The lower-cased word right after ``e`` ("" when punctuation or the end comes first)."""
    m = _NEXT_WORD.match(text, e)
    return m.group(1).lower() if m else ""


def _is_year(v: float | None, before: str, text: str, e: int, g: _Grammar) -> bool:
    if not isinstance(v, int) or not 1800 <= v <= 2100:
        return False
    if g.year_after.match(text, e) or g.month_after.match(text, e) or _DAY_COMMA.search(before):
        return True
    if g.year_before.match(before):
        # "the summer of 2000" is a year; "the line of 2000 cases" counts cases
        nxt = _next_word(text, e)
        return not (g.year_weak_before.match(before) and len(nxt) > 3 and nxt.endswith("s") and text[e:e + 1] == " ")
    # a year stands alone; a count is followed by what it counts
    return 1900 <= v <= 2100 and not _WORD_AFTER.match(text, e)


def _qualify(text: str, mm: NumberMention, g: _Grammar, lo: int, hi: int) -> None:
    if mm.is_vague:
        return
    before = text[max(lo, mm.start - 40):mm.start]
    q = g.qual_before.match(before)
    if q is not None and g.no_qualifier_after:
        prev = before[:len(before) - q[1]].split()[-1:]
        if prev and prev[0].lower() in g.no_qualifier_after:
            q = None  # "возросло до 25": the number itself, not "up to"
    if q is not None:
        mm.qualifier = q[0]
        mm.start -= q[1]
    else:
        qa = g.qual_after.match(text, mm.end, min(hi, mm.end + 20))
        if qa and qa.lastgroup:
            mm.qualifier = qa.lastgroup
            mm.end = qa.end()
    mm.text = text[mm.start:mm.end]
    if mm.value is None:
        return
    if mm.qualifier in ("at_least", "more_than"):
        mm.low, mm.high = mm.value, None
    elif mm.qualifier in ("at_most", "up_to", "fewer_than"):
        mm.low, mm.high = None, mm.value
    elif mm.qualifier == "about":
        mm.low, mm.high = None, None


def _merge_ranges(text: str, mentions: list[NumberMention], g: _Grammar) -> list[NumberMention]:
    out: list[NumberMention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        if i + 1 < len(mentions):
            merged = _range(text, a, mentions[i + 1], g)
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _range(text: str, a: NumberMention, b: NumberMention, g: _Grammar) -> NumberMention | None:
    if a.kind != b.kind or a.kind not in ("count", "money", "percent") or a.value is None or b.value is None:
        return None
    if a.is_vague or b.is_vague or b.num_start - a.num_end > 12:
        return None
    gap = text[a.num_end:b.num_start]
    head = text[max(0, a.start - 20):a.start]
    if g.between_gap.match(gap):
        m = g.between_before.match(head)
        if m is None:
            return None
    elif g.range_gap.match(gap):
        m = g.from_before.match(head)
    else:
        return None
    start = a.start - m[1] if m else a.start
    lo, hi = a.value * _shared_scale(text, a, b), b.value
    if isinstance(lo, float) and lo.is_integer():
        lo = int(lo)
    if not lo < hi or a.qualifier not in ("exact", "about") or b.qualifier not in ("exact", "about", "up_to"):
        return None
    return NumberMention(
        start, b.end, text[start:b.end], None, lo, hi, "range", a.kind, num_start=a.num_start, num_end=b.num_end,
        from_words=a.from_words and b.from_words,
    )


_LEAD = re.compile(r"\d+(?:[.,]\d+)?")


def _shared_scale(text: str, a: NumberMention, b: NumberMention) -> int:
    """The magnitude word of a range's second number that its first number shares: "10 to 15
    thousand", "от 10 до 15 тысяч" are 10,000 to 15,000 ("500 to 2 thousand" is not 500,000)."""
    a_text, b_text = text[a.num_start:a.num_end], text[b.num_start:b.num_end]
    lead = _LEAD.match(b_text)
    if lead is None or not any(ch.isalpha() for ch in b_text[lead.end():]) or any(ch.isalpha() for ch in a_text):
        return 1
    digits = lead.group()
    if "," in digits and "." not in digits and len(digits.split(",")[1]) != 3:
        digits = digits.replace(",", ".")  # "2,5 млн": a decimal comma
    try:
        written = float(digits.replace(",", ""))
    except ValueError:
        return 1
    for scale in (1_000, 1_000_000, 1_000_000_000):
        if written and abs(b.value / scale - written) < 1e-9 * scale and a.value * scale <= b.value:  # type: ignore[operator]
            return scale
    return 1


def _link_parts(text: str, mentions: list[NumberMention], g: _Grammar) -> None:
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if a.kind != "count" or b.kind != "count" or a.value is None or b.value is None:
            continue
        if a.value <= b.value and g.part_gap.match(text[a.num_end:b.start]):
            a.part_of = i + 1
