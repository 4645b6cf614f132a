"""One article in, one :class:`~newsdesk.records.Reading` out: places, figures, events.

``read_article(article, options, gazetteer=None)`` composes the read and extract stages on
``article.news_text()`` (boilerplate and layout lines blanked, offsets unchanged)::

    language (article.language, else detected)
      -> sentences -> places (geo) -> figures with claimants (extract.figures)
      -> dates (read.dates) -> events, and the figures' event and place links (extract.events)

It is pure: the gazetteer is passed in (or loaded once per process, read-only). A language
without resources (``options.extract.languages`` / ``newsdesk/lang``) still gets its places;
figures and events need the language's resource file. ``read_articles`` yields a
:class:`~newsdesk.errors.ExtractError` naming the article for one that fails and goes on.

``rebase_article(article, raw_text)`` puts back the text exactly as an input gave it (ingest
normalises whitespace), moving the boilerplate and layout spans onto it, so that offsets are
indexes into the input's own ``text`` (the ``newsdesk extract`` contract for JSONL).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Iterator
from typing import Any

from newsdesk.errors import ExtractError, GazetteerError
from newsdesk.options import Options
from newsdesk.records import Article, Figure, Reading, Span

__all__ = ["MAX_FIGURE", "article_language", "read_article", "read_articles", "rebase_article"]

# A count above this is no count of people or things in one event (the world has ~8e9 people):
# such figures ("999,999,999,999,999", "1e308") are dropped, never reported.
MAX_FIGURE = 10_000_000_000


def article_language(article: Article, text: str) -> str | None:
    """The article's language as given, else detected from its text (None when undecidable)."""
    if article.language:
        return article.language.strip().replace("_", "-").split("-")[0].lower() or None  # "en-US" -> "en"
    from newsdesk.read.language import detect_language

    lang, _ = detect_language(text)
    return lang


def _sane(f: Figure) -> bool:
    for v in (f.value, f.low, f.high):
        if v is None:
            continue
        if isinstance(v, float) and not math.isfinite(v):
            return False
        if abs(v) > MAX_FIGURE:
            return False
    return True


def _supported(language: str | None, options: Options) -> bool:
    if not language or language not in options.extract.languages:
        return False
    from newsdesk.lang import available_languages

    return language in available_languages()


def read_article(article: Article, options: Options, *, gazetteer: Any = None) -> Reading:
    """The reading of one article. Raises ``ExtractError`` naming the article when it fails."""
    try:
        return _read(article, options, gazetteer)
    except (ExtractError, GazetteerError):
        raise
    except Exception as exc:  # one article's failure must name it; the caller goes on
        raise ExtractError(article.id, f"{type(exc).__name__}: {exc}") from exc


def _read(article: Article, options: Options, gazetteer: Any) -> Reading:
    text = article.news_text()
    if not text.strip():
        return Reading(id=article.id, language=article.language)
    language = article_language(article, text)
    from newsdesk.read.sentences import split_sentences

    sentences = split_sentences(text, language)
    if gazetteer is None:
        from newsdesk.geo.gazetteer import Gazetteer

        gazetteer = Gazetteer.load(options)
    from newsdesk.geo.resolve import find_places

    places = find_places(text, gazetteer, options, language=language, url=article.url, source=article.source)
    if not _supported(language, options):
        return Reading(id=article.id, language=language, places=places)
    from newsdesk.extract.events import read_events
    from newsdesk.extract.figures import find_figures
    from newsdesk.read.dates import find_dates

    figures = [f for f in find_figures(text, sentences, language, options) if _sane(f)]
    dates = find_dates(text, article.published, language)
    found = read_events(text, sentences, language, places=places, figures=figures, dates=dates)
    figures = [dataclasses.replace(f, event=found.figure_events[i], place=found.figure_places[i])
               for i, f in enumerate(figures)]
    return Reading(id=article.id, language=language, places=places, figures=figures, events=found.events)


def read_articles(articles: Iterable[Article], options: Options, *,
                  gazetteer: Any = None) -> Iterator[Reading | ExtractError]:
    """A reading per article, in order; an article that fails yields an ``ExtractError``.

    The gazetteer is loaded once, before the first article (a ``GazetteerError`` stops the
    batch: no article could be read without it)."""
    gaz = gazetteer
    for article in articles:
        if gaz is None:
            from newsdesk.geo.gazetteer import Gazetteer

            gaz = Gazetteer.load(options)
        try:
            yield read_article(article, options, gazetteer=gaz)
        except ExtractError as exc:
            yield exc


# --- offsets into the input's own text --------------------------------------------------------


def _align(norm: str, raw: str) -> list[int] | None:
    """For each index of ``norm`` (ingest's normalised text), the index of the same character in
    ``raw``; whitespace in ``norm`` maps to the next raw character. None when they differ in
    more than whitespace, control characters and line-end hyphens."""
    out = [0] * (len(norm) + 1)
    j = 0
    n_raw = len(raw)
    for i, ch in enumerate(norm):
        if ch.isspace():
            out[i] = j
            continue
        k = j
        while k < n_raw and raw[k] != ch:
            if not (raw[k].isspace() or raw[k] == "-" or ord(raw[k]) < 32 or raw[k] in "\ufeff\x7f"):
                return None
            k += 1
        if k >= n_raw:
            return None
        out[i] = k
        j = k + 1
    out[len(norm)] = j
    return out


def _map_span(span: Span, norm: str, pos: list[int]) -> Span | None:
    s, e = span.start, span.end
    while s < e and norm[s].isspace():
        s += 1
    while e > s and norm[e - 1].isspace():
        e -= 1
    if s >= e:
        return None
    return Span(pos[s], pos[e - 1] + 1, span.label)


def rebase_article(article: Article, raw_text: str) -> Article:
    """``article`` with ``text`` = ``raw_text`` (the input's own text) and its boilerplate and
    layout spans moved onto it; spans that cannot be placed are dropped (offsets stay exact)."""
    if raw_text == article.text:
        return article
    pos = _align(article.text, raw_text)
    if pos is None:
        return dataclasses.replace(article, text=raw_text, boilerplate=[], layout=[])
    boiler = [m for m in (_map_span(s, article.text, pos) for s in article.boilerplate) if m]
    layout = [m for m in (_map_span(s, article.text, pos) for s in article.layout) if m]
    return dataclasses.replace(article, text=raw_text, boilerplate=boiler, layout=layout)
