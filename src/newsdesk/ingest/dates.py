"""Dates as news inputs spell them, parsed to ``datetime``.

Fast paths first (ISO 8601, RFC 2822, Unix time, the "December 31, 2023 at 5:32 am EST" layout
of news sites), then dateparser for anything else. Time-zone abbreviations are read with a
fixed table (EST = UTC-5, EDT = UTC-4, ...); numeric offsets (``+0200``, ``GMT-05:00``,
``UTC+3``) too. A date without a zone stays naive here: :func:`make_aware` turns it into UTC
and tells the caller, who notes it in ``Article.meta``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

__all__ = ["TZ_ABBREVIATIONS", "make_aware", "parse_datetime"]

# Common abbreviations in news datelines. Ambiguous ones take their usual news meaning
# (IST = India, CST = US Central, BST = British Summer Time).
TZ_ABBREVIATIONS: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "WET": 0, "WEST": 1, "BST": 1, "IST": 5.5,
    "CET": 1, "CEST": 2, "MET": 1, "MEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "TRT": 3, "AST": 3,
    "GST": 4, "PKT": 5, "NPT": 5.75, "ICT": 7, "WIB": 7, "HKT": 8, "SGT": 8, "PHT": 8, "AWST": 8,
    "CST": -6, "CDT": -5, "EST": -5, "EDT": -4, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "JST": 9, "KST": 9, "ACST": 9.5, "AEST": 10, "AEDT": 11,
    "NZST": 12, "NZDT": 13, "SAST": 2, "CAT": 2, "EAT": 3, "WAT": 1, "ART": -3, "BRT": -3,
}

_OFFSET = re.compile(r"(?:\b(?:UTC|GMT))?\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*$")
_ABBREV = re.compile(r"\s*\(?\b([A-Z]{1,5})\)?\s*$")
_AT = re.compile(r"(?:\s+at\s+|\s*,\s*|\s+-\s+)(?=\d{1,2}[:.]\d{2})", re.IGNORECASE)
_AMPM = re.compile(r"\b([ap])\.?\s?m\.?(?=\s|$)", re.IGNORECASE)
_FORMATS = (
    "%B %d, %Y %I:%M %p", "%b %d, %Y %I:%M %p", "%B %d %Y %I:%M %p", "%b %d %Y %I:%M %p",
    "%d %B %Y %I:%M %p", "%d %b %Y %I:%M %p", "%B %d, %Y %H:%M", "%b %d, %Y %H:%M",
    "%d %B %Y %H:%M", "%d %b %Y %H:%M", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y",
    "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%d.%m.%Y %H:%M", "%d.%m.%Y",
    "%A, %B %d, %Y %I:%M %p", "%A, %B %d, %Y", "%a, %b %d, %Y",
)


def _tz(hours: float, name: str | None = None) -> timezone:
    delta = timedelta(minutes=round(hours * 60))
    if delta == timedelta(0):
        return UTC
    return timezone(delta, name) if name else timezone(delta)


def _split_zone(text: str) -> tuple[str, timezone | None]:
    """Cut a trailing zone (abbreviation or numeric offset) off ``text``."""
    m = _OFFSET.search(text)
    if m and re.search(r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s*(?:UTC|GMT)?\s*[+-]", text, re.IGNORECASE):
        sign = -1 if m.group(1) == "-" else 1
        hours = int(m.group(2)) + int(m.group(3) or 0) / 60
        return text[: m.start()].strip(), _tz(sign * hours)
    m = _ABBREV.search(text)
    if m and m.group(1) in TZ_ABBREVIATIONS:
        return text[: m.start()].strip(), _tz(TZ_ABBREVIATIONS[m.group(1)], m.group(1))
    return text, None


def _strptime(text: str) -> datetime | None:
    text = _AT.sub(" ", text.strip().rstrip(".,"))
    text = _AMPM.sub(lambda m: m.group(1).upper() + "M", text)
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"\s+", " ", text)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def parse_datetime(value: object) -> datetime | None:
    """A ``datetime`` (aware when the input names a zone) or None if ``value`` is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        pass
    if text.isdigit() and len(text) in (10, 13):
        return parse_datetime(int(text))
    if "," in text[:5] or re.match(r"^\d{1,2} [A-Z][a-z]{2} \d{4} \d", text):
        try:  # RFC 2822 (RSS pubDate, e-mail)
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
    body, tz = _split_zone(text)
    parsed = _strptime(body)
    if parsed is not None:
        return parsed.replace(tzinfo=tz) if tz is not None else parsed
    return _dateparser(text)


def _dateparser(text: str) -> datetime | None:
    if not re.search(r"\d", text):
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    try:
        return dateparser.parse(
            text,
            settings={
                "PREFER_DAY_OF_MONTH": "first",
                "REQUIRE_PARTS": ["year"],
                # never "2 days ago" relative to the clock: inputs are read long after writing
                "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
            },
        )
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input; it is not a date then
        return None


def make_aware(value: datetime | None) -> tuple[datetime | None, bool]:
    """``(aware datetime, assumed_utc)``: a naive value is taken as UTC and the flag says so."""
    if value is None:
        return None, False
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        return value.replace(tzinfo=UTC), True
    return value, False
