"""Publisher boilerplate: paragraphs that are about the outlet, not about the news.

Two signals, both pure functions of their inputs:

* **Repetition across a source.** :func:`paragraphs` cuts a text into paragraphs (one per
  line of ``Article.text``) with a hash of each normalised paragraph. The store keeps, per
  source, how many stored articles contain each hash (``Store.paragraph_counts``). A paragraph
  that at least :data:`MIN_REPEATS` *other* articles of the same source contain is boilerplate.
* **A publisher footer in one article.** :func:`footer_spans` walks back from the end of the
  text over the closing paragraphs and flags the ones that talk about the outlet (copyright
  lines, "All rights reserved", "Subscribe to our newsletter", "Follow us", or a
  self-description such as "Founded by ..., X Newsroom has risen to prominence ... breaking
  news ... audiences"). It stops at the first paragraph that reads as news, so a news
  paragraph is only flagged when it sits among footer paragraphs *and* carries several
  publisher cues itself.

:func:`find_boilerplate` returns the union of both as ``Span(label="boilerplate")``; the caller
replaces ``Article.boilerplate`` with it. The text itself is never changed.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator, Mapping
from typing import Any

from newsdesk.records import Article, Span

__all__ = ["MIN_REPEATS", "find_boilerplate", "folded_utf8", "footer_spans", "is_printable", "paragraph_hash", "paragraphs"]

MIN_REPEATS = 2  # a paragraph found in this many other articles of the source is boilerplate
_MAX_FOOTER_PARAGRAPHS = 6  # how far back from the end the footer heuristic looks

# All patterns run on the case-folded paragraph (case-sensitive matching is much faster).
_STRONG = re.compile(
    r"©|\(c\) ?(?:19|20)\d\d|\bcopyright\b|\ball rights reserved\b|\bunauthori[sz]ed reproduction\b"
    r"|\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b"
)

# Every match of _STRONG contains one of these: the substring tests skip most regex scans.
_STRONG_TRIGGERS = ("©", "(c)", "copyright", "rights reserved", "unauthori", "may not be")

Cue = tuple[tuple[str, ...], re.Pattern[str]]


def _cues(*specs: tuple[str | tuple[str, ...], str]) -> list[Cue]:
    """Patterns guarded by literal substrings: a pattern runs only when one of its substrings
    occurs (a substring test is far cheaper than a regex scan of a paragraph)."""
    return [((t,) if isinstance(t, str) else t, re.compile(p)) for t, p in specs]


# Calls to action: one is enough in a short paragraph.
_ACTION = _cues(
    ("subscri", r"\bsubscribe\b"), ("newsletter", r"\bnewsletters?\b"), ("follow us", r"\bfollow us\b"),
    ("click here", r"\bclick here\b"), ("sign up", r"\bsign up\b"), ("app", r"\bdownload (?:our|the) app\b"),
    ("read more", r"\bread more\b"), ("share ", r"\bshare (?:this|on)\b"),
    ("journalism", r"\bsupport (?:our|independent|quality) journalism\b"), ("donate", r"\bdonate\b"),
    ("like us", r"\blike us on\b"), ("join ", r"\bjoin (?:us|our)\b"), ("contact us", r"\bcontact us\b"),
    ("email us", r"\bemail us\b"), ("send us", r"\bsend us\b"),
)
# Words of an outlet describing itself.
_SELF = _cues(
    ("founded", r"\bfounded (?:by|in)\b"), ("news", r"\bnews ?(?:room|desk)s?\b"), ("journalism", r"\bjournalism\b"),
    ("breaking news", r"\bbreaking news\b"), ("audience", r"\baudiences?\b"),
    (("reporting", "journalism", "news"),
     r"\b(?:unbiased|independent|impartial|trusted|fearless) (?:reporting|journalism|news)\b"),
    ("our ", r"\bour (?:readers|reporters|journalists|coverage|website|editors|mission|team|newsletter)\b"),
    ("coverage", r"\bcoverage\b"), ("media ", r"\bmedia (?:company|outlet|group|organi[sz]ation|house|platform)\b"),
    ("news ", r"\bnews (?:agency|organi[sz]ation|outlet|platform|network|service|website|site|portal)\b"),
    (("facebook", "twitter", "instagram", "linkedin", "youtube", "telegram", "whatsapp", "tiktok"),
     r"\b(?:facebook|twitter|instagram|linkedin|youtube|telegram|whatsapp|tiktok)\b"),
    ("terms of", r"\bterms of (?:use|service)\b"), ("privacy", r"\bprivacy policy\b"), ("@", r"\b\w+@\w+\.\w+\b"),
    (" by", r"\b(?:with (?:additional )?reporting|reporting|editing|writing) by\b"),
    (("this article", "this story", "this report"),
     r"\bthis (?:article|story|report) (?:was|has been|is) (?:produced|written|updated|originally|published)\b"),
    (("leading", "largest", "premier", "global", "independent", "trusted"),
     r"\b(?:is|as) (?:a|the|one of the) (?:leading|largest|premier|global|independent|trusted)\b"),
)
_NON_SPACE = re.compile(r"\S")  # the same characters as str.strip() keeps
_CREDIT = re.compile(r"^[(\[]?(?:additional |with )?(?:reporting|writing|editing|compiled|produced) by\b")
_MAX_FOOTER_CHARS = 1500  # a longer paragraph is a report's, not a publisher blurb
_TERMINAL = ".!?…:;\"”’'»)"
_TERMINAL_CHARS = tuple(_TERMINAL)


_PRINTABLE_ASCII = bytes(range(32, 127))


def is_printable(text: str) -> bool:
    """``text.isprintable()``, faster on long text. ``str.isprintable`` looks every character
    up in the Unicode tables; here the printable ASCII bytes are deleted from the UTF-8
    encoding in one C pass and only what is left (control characters, non-ASCII characters)
    is looked up."""
    if len(text) < 64:
        return text.isprintable()
    if text.isascii():
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PRINTABLE_ASCII)
    return rest.decode("utf-8", "surrogatepass").isprintable()


_ASCII_BYTES = bytes(range(128))


def folded_utf8(text: str) -> bytes:
    """``text.casefold().encode("utf-8")``, faster on mostly-ASCII text. CPython folds an
    ASCII-only string with a quick table, but one ``©`` or curly quote sends the whole string
    down the slow per-character path. Case folding maps each character on its own, so when
    every non-ASCII character folds to itself (punctuation, symbols), lowering the ASCII bytes
    of the UTF-8 encoding gives the same bytes."""
    data = text.encode("utf-8")
    if text.isascii():
        return data.lower()
    others = data.translate(None, _ASCII_BYTES).decode("utf-8")  # the non-ASCII characters, in order
    if len(others) * 8 < len(text) and others.casefold() == others:
        return data.lower()  # bytes.lower() changes only A-Z
    return text.casefold().encode("utf-8")


def _normalise(text: str) -> str:
    if "  " not in text and text[:1] != " " and text[-1:] != " " and is_printable(text):
        return text  # the only whitespace is single spaces: split/join would change nothing
    return " ".join(text.split())


def paragraph_hash(paragraph: str) -> str:
    """16 hex characters identifying a paragraph up to case and whitespace."""
    return hashlib.blake2b(folded_utf8(_normalise(paragraph)), digest_size=8).hexdigest()


def _bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty line of ``text`` (offsets exclude outer spaces)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            out.append((start, start + len(stripped)))
        pos += len(line) + 1
    return out


def _closing_paragraphs(text: str) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, is_first)`` of the non-empty lines of ``text`` from the last one back,
    read lazily with ``rfind`` (the footer rule stops at the first news paragraph, so the
    text is never cut into lines); ``is_first`` says no non-blank text comes before it.
    Offsets are those of :func:`_bounds`."""
    end = len(text)
    while end >= 0:
        nl = text.rfind("\n", 0, end)
        line = text[nl + 1 : end]
        stripped = line.strip()
        if stripped:
            start = nl + 1 + (len(line) - len(line.lstrip()))
            yield start, start + len(stripped), nl < 0 or _NON_SPACE.search(text, 0, nl) is None
        end = nl


def paragraphs(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, hash)`` of each non-empty line of ``text`` (offsets exclude outer spaces).

    The same as :func:`paragraph_hash` of each :func:`_bounds` slice, in one loop: a line with
    no outer space, no double space and nothing unprintable (every line of a built article)
    is its own stripped, normalised form, so it is case-folded and hashed as it is."""
    out: list[tuple[int, int, str]] = []
    blake2b = hashlib.blake2b
    printable = _PRINTABLE_ASCII
    pos = 0
    for line in text.split("\n"):
        n = len(line)
        if n and line[0] != " " and line[-1] != " " and "  " not in line:
            # is_printable and folded_utf8 on one encoding of the line (this runs for every paragraph)
            data = line.encode("utf-8")
            rest = data.translate(None, printable)  # control characters and non-ASCII characters
            if not rest:
                out.append((pos, pos + n, blake2b(data.lower(), digest_size=8).hexdigest()))
                pos += n + 1
                continue
            others = rest.decode("utf-8")
            if others.isprintable():
                folded = data.lower() if others.casefold() == others else line.casefold().encode("utf-8")
                out.append((pos, pos + n, blake2b(folded, digest_size=8).hexdigest()))
                pos += n + 1
                continue
        stripped = line.strip()
        if stripped:
            start = pos + (n - len(line.lstrip()))
            out.append((start, start + len(stripped), paragraph_hash(stripped)))
        pos += n + 1
    return out


def _kinds(cues: list[Cue], text: str) -> int:
    """How many of ``cues`` occur in ``text``."""
    found = 0
    for triggers, pattern in cues:  # a plain loop: this runs for every closing paragraph
        for t in triggers:
            if t in text:
                if pattern.search(text):
                    found += 1
                break
    return found


@functools.lru_cache(maxsize=4096)
def _name_pattern(source: str) -> re.Pattern[str]:
    """The case-folded outlet name as a whole word (compiled once per source)."""
    return re.compile(rf"\b{re.escape(source.casefold())}\b")


def _footer_score(par: str, source: str | None) -> bool:
    """Does this paragraph speak for the publisher rather than report news?"""
    low = par.casefold()
    for t in _STRONG_TRIGGERS:
        if t in low:
            if _STRONG.search(low):
                return True
            break  # the whole pattern was searched
    words = len(par.split())
    if words <= 30 and _CREDIT.match(low):
        return True  # "Reporting by ...; Editing by ..." (wire credit line)
    actions = _kinds(_ACTION, low)
    selfs = _kinds(_SELF, low)
    if source and len(source) >= 3 and _name_pattern(source).search(low):
        selfs += 1
    if actions and words <= 15:
        return True
    score = actions + selfs
    return score >= 3 or (score >= 2 and words <= 12)


def _short_unpunctuated(par: str) -> bool:
    return not par.endswith(_TERMINAL_CHARS) and len(par.split()) <= 14


def footer_spans(text: str, source: str | None = None) -> list[Span]:
    """Boilerplate spans among the closing paragraphs of ``text`` (one article, no history)."""
    found: list[Span] = []
    looked = 0
    for start, end, first in _closing_paragraphs(text):
        if looked == _MAX_FOOTER_PARAGRAPHS:
            break  # only the last few paragraphs are looked at
        looked += 1
        if first or end - start > _MAX_FOOTER_CHARS:
            break  # never call the whole report a footer
        par = text[start:end]
        if _footer_score(par, source):
            found.append(Span(start, end, "boilerplate"))
        elif _short_unpunctuated(par):
            continue  # tag lines, a repeated byline: layout, not news; look further back
        else:
            break
    found.reverse()
    return found


def find_boilerplate(article: Article, seen: Mapping[str, int], options: Any = None) -> list[Span]:
    """Boilerplate spans of ``article``: paragraphs that :data:`MIN_REPEATS` or more *other*
    articles of its source contain (``seen``: paragraph hash -> count, from the store), plus
    the publisher footer found by :func:`footer_spans`. Sorted, without duplicates."""
    spans = {(s.start, s.end) for s in footer_spans(article.text, article.source)}
    for start, end, digest in paragraphs(article.text):
        if seen.get(digest, 0) >= MIN_REPEATS:
            spans.add((start, end))
    return [Span(s, e, "boilerplate") for s, e in sorted(spans)]
