"""Tokens and lookup keys for place names.

A key is the case-folded name with diacritics removed (Latin script only: Cyrillic letters
such as "й" keep their marks) and every run of non-letters turned into one space, so that
"St. Petersburg", "St Petersburg" and "st-petersburg" share the key ``st petersburg`` and a
possessive "Russia's" tokenises as "Russia" + "s".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["RU_UK_SUFFIXES", "Token", "Tokens", "fold_token", "name_key", "stem_keys", "tokens"]

_WORD = re.compile(r"[^\W_]+")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    key: str  # folded form


def _strip_marks(s: str) -> str:
    if s.isascii():
        return s
    out = []
    for ch in s:
        if ord(ch) < 0x250:  # Latin letters: drop combining marks
            d = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in d if not unicodedata.combining(c)))
        else:
            out.append(ch)
    return "".join(out)


def fold_token(s: str) -> str:
    """Lower-case, Latin diacritics removed ("Zürich" -> "zurich"); "ё" becomes "е"."""
    if s.isascii():
        return s.lower()
    s = _strip_marks(s.casefold())
    if "ё" in s:
        s = s.replace("ё", "е")
    return s


def name_key(name: str) -> str:
    """The lookup key of a name: folded tokens joined by one space."""
    return " ".join(fold_token(t) for t in _WORD.findall(name))


def tokens(text: str) -> list[Token]:
    """Word tokens (letters and digits) with their offsets and folded keys."""
    out = []
    append = out.append
    for m in _WORD.finditer(text):
        w = m.group()
        append(Token(m.start(), m.end(), w, w.lower() if w.isascii() else fold_token(w)))
    return out


class Tokens:
    """The word tokens of a text, made lazily: spans are found at once (in C), ``Token``
    objects only for the positions a caller looks at (most words of an article never are)."""

    __slots__ = ("_cache", "spans", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = [m.span() for m in _WORD.finditer(text)]
        self._cache: list[Token | None] = [None] * len(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, i: int) -> Token:
        t = self._cache[i]
        if t is None:
            s, e = self.spans[i]
            w = self.text[s:e]
            t = self._cache[i] = Token(s, e, w, w.lower() if w.isascii() else fold_token(w))
        return t

    def slice(self, first: int, last: int) -> list[Token]:
        return [self[k] for k in range(max(0, first), min(last, len(self.spans)))]

    def capitalised(self) -> list[int]:
        """Indexes of the tokens that start with a capital letter."""
        text = self.text
        return [k for k, (s, _) in enumerate(self.spans) if text[s].isupper()]


# Case endings of Russian and Ukrainian nouns (longest first): "Харькова" -> "Харьков",
# "Киеве" -> "Киев", "Одессы" -> "Одесс(а)", "Києві" -> "Києв(і)". A stripped form is looked up
# with the endings below re-added.
RU_UK_SUFFIXES: tuple[str, ...] = (
    "ами", "ями", "ого", "его", "ому", "ему", "ой", "ей", "ою", "ею", "ом", "ем", "ах", "ях",
    "ів", "ам", "ям", "ов", "ев", "ую", "юю", "ии", "ії", "ію", "ія",
    "а", "я", "у", "ю", "е", "ы", "и", "і", "ї", "о",
)
_RESTORE: tuple[str, ...] = ("", "а", "я", "ь", "й", "ія", "ия", "е", "о", "и", "і", "ы")
_UK_OPENED = {"о": "і", "е": "і", "є": "ї"}
_VOWELS = frozenset("аеєиіїоуюяыэё")


def stem_keys(word_key: str) -> list[str]:
    """Candidate base forms of an inflected Cyrillic word (folded), most likely first."""
    if len(word_key) < 4 or not ("\u0400" <= word_key[0] <= "\u04ff"):
        return []
    out: list[str] = []
    for suf in RU_UK_SUFFIXES:
        if word_key.endswith(suf) and len(word_key) - len(suf) >= 3:
            stem = word_key[: -len(suf)]
            for r in _RESTORE:
                cand = stem + r
                if cand != word_key and cand not in out:
                    out.append(cand)
            # Ukrainian "і"/"ї" of a closed last syllable opens to "о"/"е"/"є" when an ending
            # follows: "Києві" -> "Київ", "Чернігова" -> "Чернігів", "Миколаєві" -> "Миколаїв"
            if stem[-2:-1] in _UK_OPENED and stem[-1:].isalpha() and stem[-1] not in _VOWELS:
                cand = stem[:-2] + _UK_OPENED[stem[-2]] + stem[-1]
                if cand != word_key and cand not in out:
                    out.append(cand)
    return out
