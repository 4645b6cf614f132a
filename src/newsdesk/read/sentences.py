"""Sentence splitting with regular expressions (fast, no model).

A sentence ends at ``. ! ? …`` (with any closing quotes or brackets) followed by white space,
unless the period closes a known abbreviation ("Gen.", "U.S.", "Jan.", "тыс.") or an initial
("J. Smith"), or the next word starts in lower case. A blank line always ends a sentence; a
single line break ends one unless the next line starts in lower case (a wrapped line).
Decimals ("12.5") never split because no white space follows their period.
"""

from __future__ import annotations

import functools
import re

from newsdesk.lang import available_languages, load_lang
from newsdesk.records import Sentence

__all__ = ["split_sentences"]

# a candidate boundary: terminal punctuation + closing quotes/brackets + white space, or a newline
_BOUNDARY = re.compile(
    r"(?P<punct>[.!?…]+)(?:(?P<close>[\"'”’»)\]]*)(?P<ws>[ \t\u00a0]*\n\s*|[ \t\u00a0]+)"
    # sentences glued together by extraction: "casualties.In the afternoon"
    r"|(?<=[a-zа-яёіїєґ]{2}[.!?])(?P<gclose>[\"'”’»)]?)(?=[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ]))"
    r"|(?P<nl>\n\s*)"
)
_WORD_CHARS = frozenset("._'’-")
_LOWER_START = re.compile(r"[\"'“‘«(\[]*[a-zа-яёіїєґ]")
_DIGIT_START = re.compile(r"\d")


@functools.cache
def _abbreviations(language: str | None) -> frozenset[str]:
    codes = [language] if language in available_languages() else list(available_languages())
    found: set[str] = set()
    for code in codes:
        found.update(w.lower() for w in load_lang(code).words("sentences", "abbreviations"))
    return frozenset(found)


def _is_abbreviation(text: str, dot: int, abbrevs: frozenset[str]) -> bool:
    """Whether the period at ``dot`` closes an abbreviation or an initial."""
    lo = max(0, dot - 40)
    i = dot
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in _WORD_CHARS):  # the word before the period
        i -= 1
    word = text[i:dot].lstrip("'’-").lower()
    if not word:
        return False
    if word in abbrevs or word.rstrip(".") in abbrevs:
        return True
    # a single letter ("J.") or a dotted acronym ("U.S", "e.g")
    core = word.replace(".", "")
    if len(core) == 1 and core.isalpha():
        return True
    return "." in word and all(len(p) <= 2 for p in word.split(".")) and core.isalpha()


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """Split ``text`` into sentences: a list of :class:`~newsdesk.records.Sentence` spans.

    Spans are trimmed of surrounding white space, never empty, in order and non-overlapping.
    ``language`` picks the abbreviation list (all known lists when ``None`` or unknown).
    """
    if not text:
        return []
    abbrevs = _abbreviations(language)
    # a text in one case (all lower, all upper) gives no capital to tell a sentence start by
    sample = text[:3000]
    caseless = sample.lower() == sample or sample.upper() == sample
    out: list[Sentence] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        ws = m.group("ws") or m.group("nl") or ""
        blank_line = ws.count("\n") >= 2
        after = m.end()
        if m.group("gclose") is not None:
            _add(out, text, start, m.end())
            start = m.end()
            continue
        if m.group("nl") is not None:
            # a bare line break: a paragraph or a heading ends, a wrapped line does not
            if not blank_line and not caseless and _LOWER_START.match(text, after):
                continue
            end = m.start()
        else:
            punct = m.group("punct")
            if not blank_line:
                if punct == "." and "\n" not in ws and _is_abbreviation(text, m.start("punct"), abbrevs):
                    continue
                if not caseless and _LOWER_START.match(text, after) and "\n" not in ws:
                    continue
                if punct == "." and _DIGIT_START.match(text, after) and m.start() > 0 and text[m.start() - 1].isdigit():
                    continue  # "No. 5", "5. 6" list numbers: keep together
            end = m.end("close")
        _add(out, text, start, end)
        start = after
    if start < n:
        _add(out, text, start, n)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))
