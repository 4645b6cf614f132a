"""Dates in a report, resolved against its publication date.

``find_dates(text, published, language)`` finds candidate spans with regular expressions
built from the language's ``[dates]`` table (``newsdesk/lang/<code>.toml``): day and month
("March 7", "2 february", "31 декабря 2023"), month and year, weekdays ("on Saturday",
"у суботу"), nights ("overnight", "в ночь на 31 декабря") and relative words ("yesterday",
"last week"). Each span is then resolved against ``published``:

- a day and month without a year is the latest such day on or before publication (a
  report looks back; a day up to two days after publication is kept in the same year);
- a weekday is the latest such weekday on or before the publication day;
- a *night* is dated by the morning it ends: "overnight" in a report published on
  2023-12-31 is ``2023-12-31`` with precision ``night``; "Saturday night" ends on Sunday;
- "last week" is the Monday of the week before publication, precision ``week``;
  "last month" the first day of the previous month, precision ``month``.

Numeric dates ("31.12.2023", "12/31/2023") and any span the lexicon rules cannot resolve
are handed to ``dateparser`` -- on that span only, never on a whole paragraph -- with
``RELATIVE_BASE`` set to the publication time and ``PREFER_DATES_FROM = "past"``.
Expressions that need a base date are skipped when ``published`` is unknown.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from newsdesk.errors import ConfigError
from newsdesk.records import DATE_PRECISIONS

__all__ = ["DateMention", "dates_table", "find_dates"]


@dataclass(slots=True)
class DateMention:
    """A date expression: its span in the text, the ISO date it stands for and its precision."""

    start: int
    end: int
    text: str
    date: str  # ISO 8601 date
    precision: str  # one of records.DATE_PRECISIONS

    def __post_init__(self) -> None:
        if self.precision not in DATE_PRECISIONS:
            raise ValueError(f"unknown date precision {self.precision!r}")


def dates_table(language: str | None) -> Mapping[str, Any] | None:
    """The ``[dates]`` table of a language's resource file, or None for a language without one."""
    if not language:
        return None
    try:
        from newsdesk.lang import load_lang

        lang = load_lang(language)
    except ConfigError:  # unknown language: no resource file, nothing to read
        return None
    data = lang if isinstance(lang, Mapping) else getattr(lang, "data", None)
    if not isinstance(data, Mapping):
        return None
    table = data.get("dates")
    return table if isinstance(table, Mapping) else None


@dataclass(slots=True)
class _Rules:
    regex: re.Pattern[str]
    months: list[re.Pattern[str]]
    weekdays: list[re.Pattern[str]]
    relative: list[tuple[re.Pattern[str], str, int]]
    date_order: str
    anchor: re.Pattern[str]  # a word that can be part of a date (a month, a weekday, "yesterday"), in lower case


_WINDOW_BEFORE, _WINDOW_AFTER = 32, 48  # characters around an anchor word where a date may lie


def _alt(forms: list[str]) -> str:
    return "|".join(sorted(forms, key=len, reverse=True))


@functools.lru_cache(maxsize=16)
def _rules(language: str) -> _Rules | None:
    table = dates_table(language)
    if not table:
        return None
    month_forms = [list(m) for m in table.get("months", [])]
    weekday_forms = [list(w) for w in table.get("weekdays", [])]
    month = f"(?:{_alt([f for m in month_forms for f in m])})(?:\\.(?=\\s*[0-9]))?"  # "Dec. 25", not "May."
    wday = f"(?:{_alt([f for w in weekday_forms for f in w])})"
    suffix = table.get("day_suffix", "")
    year_after = table.get("year_after", "")
    day = f"(?:[12][0-9]|3[01]|0?[1-9]){suffix}"
    year = f"(?:19|20)[0-9]{{2}}{year_after}"
    before = _alt(list(table.get("weekday_before", [])))
    night_after = _alt(list(table.get("weekday_night_after", [])))
    night_to = _alt(list(table.get("night_to", [])))
    night_of = _alt(list(table.get("night_of", [])))
    relative = []
    for pattern, spec in dict(table.get("relative", {})).items():
        unit, _, offset = str(spec).partition(":")
        relative.append((re.compile(rf"(?:{pattern})\Z", re.IGNORECASE), unit, int(offset or 0)))
    rel = _alt(list(dict(table.get("relative", {})).keys()))
    parts = []
    if night_to:
        parts.append(rf"(?P<nightto>(?:{night_to})\s+(?:(?P<ntday>{day})\s+(?P<ntmonth>{month})|(?P<ntwday>{wday})))")
    if night_of:
        parts.append(rf"(?P<nightof>(?:{night_of})\s+(?:(?P<noday>{day})\s+(?:of\s+)?(?P<nomonth>{month})"
                     rf"|(?P<nomonth2>{month})\s+(?P<noday2>{day})))")
    parts += [
        rf"(?P<dmy>(?P<d1>{day})\s+(?:of\s+)?(?P<m1>{month})(?:,?\s+(?P<y1>{year}))?)",
        rf"(?P<mdy>(?P<m2>{month})\s+(?P<d2>{day})(?![0-9])(?:,?\s+(?P<y2>{year}))?)",
        rf"(?P<my>(?P<m3>{month})\s+(?P<y3>{year}))",
        r"(?P<iso>(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9])",
        r"(?P<num>[0-9]{1,2}[./][0-9]{1,2}[./](?:19|20)[0-9]{2})",
    ]
    wd = rf"(?P<wday>(?:(?:{before})\s+)?(?P<w>{wday})"
    wd += rf"(?:\s+(?P<wnight>{night_after}))?)" if night_after else ")"
    parts.append(wd)
    if rel:
        parts.append(rf"(?P<rel>{rel})")
    regex = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)
    words: set[str] = set()
    for form in [f for m in month_forms for f in m] + [f for w in weekday_forms for f in w]:
        words.add(form)
    for pattern in [*dict(table.get("relative", {})).keys(), *table.get("night_to", []), *table.get("night_of", []),
                    *table.get("weekday_night_after", [])]:
        # the head word of a pattern, its last word ("(?:early\\s+)?this\\s+morning" -> morning);
        # each alternative of a pattern without groups ("вчора|учора")
        for alternative in (str(pattern).split("|") if "(" not in str(pattern) else [str(pattern)]):
            found = re.findall(r"(?<![\\])[^\W\d_]{3,}", alternative)
            if found:
                words.add(found[-1])
            bare = alternative
            while True:  # and the words outside any group: "сегодня(?:\\s+утром)?" -> сегодня
                shorter = re.sub(r"\([^()]*\)[?*]?", " ", bare)
                if shorter == bare:
                    break
                bare = shorter
            words.update(re.findall(r"(?<![\\])[^\W\d_]{5,}", bare))
    from newsdesk.lang import trie_pattern

    literal = sorted({w.lower() for w in words if re.fullmatch(r"[^\W\d_]+", w)})
    patterned = sorted({w.lower() for w in words} - set(literal))
    alts = [trie_pattern(literal)] if literal else []
    alts += patterned
    # a number glued to "-", "/" or "." and another number ("2023-12-30", "12/30/2023")
    anchor = re.compile(r"(?<!\w)(?:[0-9]{1,4}(?=[-/.][0-9])|(?:" + "|".join(alts) + r")(?!\w))")
    return _Rules(
        anchor=anchor,
        regex=regex,
        months=[re.compile(rf"(?:{_alt(m)})\.?\Z", re.IGNORECASE) for m in month_forms],
        weekdays=[re.compile(rf"(?:{_alt(w)})\Z", re.IGNORECASE) for w in weekday_forms],
        relative=relative,
        date_order=str(table.get("date_order", "DMY")),
    )


def _index(patterns: list[re.Pattern[str]], word: str) -> int | None:
    for i, p in enumerate(patterns):
        if p.match(word):
            return i
    return None


def _day_month(base: date | None, day_s: str, month_s: str, year_s: str | None, rules: _Rules) -> date | None:
    m = _index(rules.months, month_s)
    digits = re.match(r"[0-9]+", day_s)
    if m is None or not digits:
        return None
    d = int(digits.group())
    if year_s:
        try:
            return date(int(year_s[:4]), m + 1, d)
        except ValueError:
            return None
    if base is None:
        return None
    for year in (base.year, base.year - 1):
        try:
            found = date(year, m + 1, d)
        except ValueError:
            continue
        if found <= base + timedelta(days=2):
            return found
    return None


def _weekday_on_or_before(base: date, weekday: int) -> date:
    return base - timedelta(days=(base.weekday() - weekday) % 7)


def _relative(base: date, unit: str, offset: int) -> tuple[date, str] | None:
    if unit in ("day", "night"):
        return base + timedelta(days=offset), unit
    if unit == "week":
        monday = base - timedelta(days=base.weekday())
        return monday + timedelta(weeks=offset), "week"
    if unit == "month":
        y, m = base.year, base.month + offset
        while m < 1:
            y, m = y - 1, m + 12
        while m > 12:
            y, m = y + 1, m - 12
        return date(y, m, 1), "month"
    if unit == "year":
        return date(base.year + offset, 1, 1), "year"
    return None


@functools.lru_cache(maxsize=4096)
def _dateparser(span: str, base: datetime | None, language: str, order: str) -> date | None:
    import dateparser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "DATE_ORDER": order,
                                "REQUIRE_PARTS": ["day", "month", "year"]}
    if base is not None:
        settings["RELATIVE_BASE"] = base.replace(tzinfo=None)
    try:
        parsed = dateparser.parse(span, languages=[language], settings=settings)
    except Exception:  # noqa: BLE001 - dateparser is a best effort on a span we already found
        return None
    return parsed.date() if parsed else None


def _resolve(m: re.Match[str], base: date | None, published: datetime | None, language: str,
             rules: _Rules) -> tuple[date, str] | None:
    g = m.group
    if g("nightto") if "nightto" in rules.regex.groupindex else None:
        if g("ntwday") and base is not None:
            w = _index(rules.weekdays, g("ntwday"))
            return (_weekday_on_or_before(base + timedelta(days=1), w), "night") if w is not None else None
        found = _day_month(base, g("ntday"), g("ntmonth"), None, rules)
        return (found, "night") if found else None
    if g("nightof") if "nightof" in rules.regex.groupindex else None:
        found = _day_month(base, g("noday") or g("noday2"), g("nomonth") or g("nomonth2"), None, rules)
        return (found + timedelta(days=1), "night") if found else None
    if g("dmy"):
        found = _day_month(base, g("d1"), g("m1"), g("y1"), rules)
        return (found, "day") if found else None
    if g("mdy"):
        found = _day_month(base, g("d2"), g("m2"), g("y2"), rules)
        return (found, "day") if found else None
    if g("my"):
        mi = _index(rules.months, g("m3"))
        return (date(int(g("y3")[:4]), mi + 1, 1), "month") if mi is not None else None
    if g("iso") or g("num"):
        found = _dateparser(m.group(), published, language, rules.date_order)
        return (found, "day") if found else None
    if g("wday"):
        if base is None:
            return None
        w = _index(rules.weekdays, g("w"))
        if w is None:
            return None
        day = _weekday_on_or_before(base, w)
        if "wnight" in rules.regex.groupindex and g("wnight"):
            return day + timedelta(days=1), "night"
        return day, "day"
    if g("rel"):
        if base is None:
            return None
        phrase = re.sub(r"\s+", " ", g("rel"))
        for pattern, unit, offset in rules.relative:
            if pattern.match(phrase):
                return _relative(base, unit, offset)
    return None


def _candidates(text: str, rules: _Rules) -> Iterator[re.Match[str]]:
    """Matches of the date regex, looked for only around anchor words (the full regex at every
    position of a long text is slow; a date always holds a number, a month, a weekday or a
    relative word)."""
    from newsdesk.lang import lower_same_length

    windows: list[list[int]] = []
    for tok in rules.anchor.finditer(lower_same_length(text)):
        lo, hi = max(0, tok.start() - _WINDOW_BEFORE), min(len(text), tok.end() + _WINDOW_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    last_end = -1
    for lo, hi in windows:
        while lo < hi and text[lo - 1:lo].isalnum() and lo > 0:  # start a window at a word's start
            lo -= 1
        for m in rules.regex.finditer(text, lo, hi):
            if m.start() >= last_end:
                last_end = m.end()
                yield m


def find_dates(text: str, published: datetime | None, language: str | None) -> list[DateMention]:
    """Date expressions in ``text`` resolved against ``published`` (see the module docstring).

    Returns an empty list for a language without a ``[dates]`` table."""
    if not text or not language:
        return []
    rules = _rules(language)
    if rules is None:
        return []
    base = published.date() if published is not None else None
    out: list[DateMention] = []
    for m in _candidates(text, rules):
        resolved = _resolve(m, base, published, language, rules)
        if resolved is None:
            continue
        day, precision = resolved
        out.append(DateMention(m.start(), m.end(), m.group(), day.isoformat(), precision))
    return out
