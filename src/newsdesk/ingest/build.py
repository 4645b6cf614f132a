"""Turn the fields an input gives into an ``Article``: the one place every format goes through.

Text conventions (later stages' offsets are into ``Article.text``):

* ``text`` is the **body only**: the title is in ``Article.title`` and is not repeated in
  ``text``; parsed header lines (byline, "Published: ..." line) are not in ``text`` either.
* Paragraphs are separated by exactly one blank line (``"\\n\\n"``); inside a paragraph all
  whitespace is one space. Hard-wrapped lines of a block (plain-text mail style) are joined
  into one paragraph; otherwise each input line is a paragraph.
* Layout lines kept in the text but not sentences (subheads, a closing tag line, a repeated
  byline) are listed in ``Article.layout``; the publisher footer in ``Article.boilerplate``.
* Naive dates are taken as UTC; ``meta["assumed_utc"]`` lists which fields.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from newsdesk.errors import FormatError
from newsdesk.ingest.canonical import (
    _domain_of_host,
    canonical_url,
    content_hash,
    id_from_canonical,
    registered_domain,
)
from newsdesk.ingest.dates import make_aware, parse_datetime
from newsdesk.options import Options
from newsdesk.read.boilerplate import footer_spans, is_printable
from newsdesk.records import Article, Span

__all__ = ["build_article", "clean_line", "layout_spans", "normalise_language", "normalise_text"]

_TERMINAL = tuple(".!?…:;\"”’'»")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BYLINE = re.compile(r"^(?:by|written by|von|par|por|di)\s*:?\s+(.+)$", re.IGNORECASE)
_BYLINE_WORDS = frozenset(("and", "und", "et", "y", "e", "staff", "reporter", "reporters", "correspondent",
                           "correspondents", "in", "writer", "editor"))
_LANG_NAMES = {
    "english": "en", "russian": "ru", "ukrainian": "uk", "french": "fr", "german": "de",
    "spanish": "es", "arabic": "ar", "portuguese": "pt", "italian": "it", "chinese": "zh",
    "polish": "pl", "turkish": "tr", "persian": "fa", "hebrew": "he", "dutch": "nl",
}


def clean_line(line: str) -> str:
    """One paragraph: control characters dropped, lone surrogates (from JSON escapes such as
    ``\\ud800``; not text, and not storable as UTF-8) made U+FFFD, all whitespace runs one space."""
    if "  " not in line and line[:1] != " " and line[-1:] != " " and is_printable(line):
        return line  # no control character, no whitespace but single inner spaces: already clean
    return " ".join(_SURROGATE.sub("\ufffd", _CONTROL.sub("", line)).split())


def _wrapped_block(lines: list[str]) -> bool:
    """Does this block of lines look hard-wrapped (one paragraph cut at a fixed width)?"""
    if len(lines) < 2:
        return False
    longest = max(len(x) for x in lines)
    if longest > 100:
        return False
    body = lines[:-1]
    cut = sum(1 for x in body if len(x) >= 40 and not x.endswith(_TERMINAL))
    return cut * 2 >= len(body)


_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


def normalise_text(raw: str) -> list[str]:
    """The paragraphs of ``raw`` (see the module docstring for the rules)."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for block in _BLANK_LINE.split(raw):
        if "\n" not in block:  # one line: one paragraph (the usual case of a crawl's text)
            line = clean_line(block)
            if line:
                out.append(line)
            continue
        lines = [x for x in (clean_line(line) for line in block.split("\n")) if x]
        if not lines:
            continue
        if _wrapped_block(lines):
            joined: list[str] = [lines[0]]
            for line in lines[1:]:
                prev = joined[-1]
                if len(prev) >= 40 and not prev.endswith(_TERMINAL):
                    joined[-1] = prev[:-1] if prev.endswith("-") and line[:1].islower() else prev + " "
                    joined[-1] += line
                else:
                    joined.append(line)
            out.extend(joined)
        else:
            out.extend(lines)
    return out


_BULLETS = ("-", "•", "*", "▪", "◦", "·", "–", "—", "+")


def _short_unpunctuated(par: str) -> bool:
    """A heading-like line: short, no closing punctuation, not a list item (list items of a
    report, "- 22 injured in Kharkiv", are content)."""
    return (
        len(par) <= 120
        and not par.startswith(_BULLETS)
        and len(par.split()) <= 14
        and not par.endswith(_TERMINAL)
        and any(c.isalpha() for c in par)
        and (par[0].isupper() or par[0].isdigit() or not par[0].isalpha())
    )


def _is_body(par: str) -> bool:
    return len(par) >= 60 and not _short_unpunctuated(par)


def _same_person(a: str, b: str | None) -> bool:
    if not b:
        return False
    m = _BYLINE.match(a)
    a = m.group(1) if m else a
    return a.casefold().strip(" .") == b.casefold().strip(" .")


def _looks_like_byline(par: str) -> bool:
    """"By Jane Roe and John Doe": a short unpunctuated line of capitalised names after "By"."""
    m = _BYLINE.match(par)
    if not m or len(par.split()) > 10 or not _short_unpunctuated(par) or any(c.isdigit() for c in par):
        return False
    names = [w for w in re.split(r"[\s,]+", m.group(1)) if w and w.lower() not in _BYLINE_WORDS]
    return bool(names) and all(w[0].isupper() for w in names)


def layout_spans(text: str, byline: str | None, boilerplate: Iterable[Span] = ()) -> list[Span]:
    """Subheads (a short unpunctuated line before a body paragraph), the closing tag line and a
    repeated byline (short lines after the last body paragraph) as spans of ``text``."""
    pars: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        n = len(line)
        if line.strip():
            pars.append((pos, pos + n, line))
        pos += n + 1
    skip = {(s.start, s.end) for s in boilerplate}
    # _is_body, with its common case (a line over 120 characters is never heading-like) inline
    body = [(s, e) not in skip and (e - s > 120 or _is_body(par)) for s, e, par in pars]
    last_body = max((i for i, b in enumerate(body) if b), default=-1)
    spans: list[Span] = []
    for i, (s, e, par) in enumerate(pars):
        if body[i] or (s, e) in skip:
            continue
        if _same_person(par, byline) or _looks_like_byline(par):
            spans.append(Span(s, e, "byline"))
        elif _short_unpunctuated(par):
            later_body = i < last_body
            if later_body and body[i + 1]:
                spans.append(Span(s, e, "subhead"))
            elif not later_body and i > 0:
                spans.append(Span(s, e, "tagline"))
    return spans


def normalise_language(value: Any) -> str | None:
    """``en``, ``en-US``, ``en_GB``, ``English``, ``eng`` -> ``en``; None when unknown."""
    if not isinstance(value, str):
        return None
    v = value.strip().lower()
    if not v:
        return None
    m = re.match(r"^([a-z]{2})(?:[-_].*)?$", v)
    if m:
        return m.group(1)
    if v in _LANG_NAMES:
        return _LANG_NAMES[v]
    try:
        import pycountry

        lang = pycountry.languages.get(alpha_3=v) if len(v) == 3 else pycountry.languages.get(name=v.title())
    except (LookupError, KeyError):
        lang = None
    code = getattr(lang, "alpha_2", None) if lang is not None else None
    return code


_HOSTNAME = re.compile(r"^(?:https?://)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)/?$", re.IGNORECASE)


def _source_name(source: str | None, url: str | None) -> str | None:
    """The outlet's name as given; a host name (``www.bbc.co.uk``) becomes its registered domain
    (``bbc.co.uk``) like the source taken from a URL, so one outlet has one name across formats."""
    name = clean_line(source) if isinstance(source, str) else ""
    if not name:
        return registered_domain(url)
    m = _HOSTNAME.match(name)
    if m:
        return _domain_of_host(m.group(1).lower())  # what registered_domain("http://" + host) returns
    return name


def _date_field(value: Any, name: str, meta: dict[str, Any]) -> datetime | None:
    parsed = value if isinstance(value, datetime) else parse_datetime(value)
    if parsed is None:
        if value not in (None, ""):
            meta.setdefault("unparsed_dates", {})[name] = str(value)[:100]
        return None
    aware, assumed = make_aware(parsed)
    if assumed:
        meta.setdefault("assumed_utc", []).append(name)
    return aware


def build_article(
    *,
    text: str | list[str],
    options: Options,
    origin: str | None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    byline: str | None = None,
    published: Any = None,
    updated: Any = None,
    fetched: Any = None,
    language: Any = None,
    section: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Article:
    """An ``Article`` with every derived field filled. ``text`` is raw text or ready paragraphs.

    Raises ``FormatError`` (naming ``origin``) when there is no text."""
    meta = dict(meta or {})
    pars = normalise_text(text) if isinstance(text, str) else [p for p in (clean_line(x) for x in text) if p]
    if len(pars) > 1 and isinstance(title, str) and pars[0].casefold() == clean_line(title).casefold():
        del pars[0]  # the title repeated as the first line: ``text`` is the body only
        meta["title_in_text"] = True
    body = "\n\n".join(pars)
    limit = options.ingest.max_article_chars
    if len(body) > limit:
        cut = body.rfind("\n\n", 0, limit)
        body = body[: cut if cut > 0 else limit]
        meta["truncated_at_chars"] = len(body)
    if len(body) < max(1, options.ingest.min_text_chars):
        raise FormatError(origin or "<input>", "no article text", hint="the input holds no readable report")
    if unicodedata.is_normalized("NFC", body) is False:
        body = unicodedata.normalize("NFC", body)
    title = clean_line(title) if isinstance(title, str) else None
    byline = clean_line(byline) if isinstance(byline, str) else None
    section = clean_line(section) if isinstance(section, str) else None
    curl = canonical_url(url) if isinstance(url, str) and url.strip() else None
    source = _source_name(source, curl)
    chash = content_hash(body)
    lang = normalise_language(language)
    confidence: float | None = None
    if lang is None and options.read.detect_language:
        from newsdesk.read.language import detect_language

        guess, confidence = detect_language(body)
        if guess is not None and confidence >= options.read.min_language_confidence:
            lang = guess
        elif guess is not None:
            meta["language_guess"] = guess
    elif lang is not None:
        meta["language_from"] = "input"
    boiler = footer_spans(body, source)
    layout = layout_spans(body, byline, boiler)
    if not byline:  # a "By Jane Roe" line in the text names the author
        for span in layout:
            m = _BYLINE.match(body[span.start : span.end]) if span.label == "byline" else None
            if m:
                byline = m.group(1)
                meta["byline_from"] = "text"
                break
    article = Article(
        id=id_from_canonical(curl, chash),
        text=body,
        title=title or None,
        url=curl,
        source=source or None,
        byline=byline or None,
        published=_date_field(published, "published", meta),
        updated=_date_field(updated, "updated", meta),
        fetched=_date_field(fetched, "fetched", meta),
        language=lang,
        language_confidence=confidence,
        section=section or None,
        content_hash=chash,
        origin=origin,
        boilerplate=boiler,
        layout=layout,
        meta=meta,
    )
    return article
