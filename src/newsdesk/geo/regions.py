"""Regions named the Russian and Ukrainian way: an adjective and the word for region.

News in Russian and Ukrainian names first-level divisions as "Белгородская область", "в
Харківській області", "Краснодарского края": an adjective made from the region's centre,
inflected for case, before "область"/"край". The gazetteer knows such divisions by their native
name in the nominative (countrystatecity gives "Харківська область") or by their centre's name
("Белгород"). :func:`find_regions` finds these phrases, puts the adjective back in the
nominative and looks the division up, first by its full name, then through the name of its
centre (a city whose first-level division it is). It is pure and language-specific only through
the patterns below.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.records import Place

__all__ = ["find_regions"]

# "<Adjective in any case> <область|край in any case>"; the adjective ends in -ск-/-цк-/-зьк-
# (Белгородской, Харківській, Донецкой, Краснодарского) and the noun may be abbreviated ("обл.").
_PHRASE = re.compile(
    r"(?<![\w-])(?P<adj>[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]*?(?P<suffix>ськ|зьк|цьк|ск|цк)(?P<end>[а-яёіїєґ]{1,3}))"
    r"\s+(?P<noun>област(?:ь|и|і|ью|ю|ей|ях)|обл\.|кра(?:й|я|ю|ем|ї|єм))(?![\w])"
)
# the nominative of the adjective before each noun: feminine for "область", masculine for "край"
_NOMINATIVE = {"область": {"ru": "ая", "uk": "а"}, "край": {"ru": "ий", "uk": "ий"}}
_UKRAINIAN = re.compile(r"[іїєґ']")
# ways the centre's name may end once the adjective suffix is cut ("Одесск" -> "Одесса",
# "Запорожск" -> "Запорожье")
_RESTORE = ("", "а", "я", "ь", "е", "ье", "са", "и", "ы")
_COUNTRIES = frozenset({"RU", "UA", "BY", "KZ", "MD"})


def _noun(word: str) -> str:
    return "край" if word.startswith("кра") else "область"


def find_regions(text: str, gazetteer: Any) -> list[Place]:
    """First-level divisions named as "<adjective> область/край" (Russian, Ukrainian)."""
    out: list[Place] = []
    for m in _PHRASE.finditer(text):
        noun = _noun(m["noun"])
        stem = m["adj"][: -len(m["end"])]
        row = _by_name(gazetteer, stem, noun, text[m.start():m.end()]) or _by_centre(gazetteer, stem, m["suffix"])
        if row is None:
            continue
        e = gazetteer.entry(row)
        out.append(Place(start=m.start(), end=m.end(), text=text[m.start():m.end()], geonameid=e.geonameid,
                         name=e.name, country=e.country, admin1=e.admin1, lat=e.lat, lon=e.lon, kind=e.kind,
                         score=1.0))
    return out


def _admin1(gazetteer: Any, rows: list[int]) -> int | None:
    for r in rows:
        if gazetteer.kind_of(r) == "admin1" and gazetteer.country_of(r) in _COUNTRIES:
            return r
    return None


def _by_name(gazetteer: Any, stem: str, noun: str, phrase: str) -> int | None:
    """The division whose native name is the phrase in the nominative ("Харківська область")."""
    languages = ("uk", "ru") if _UKRAINIAN.search(phrase) else ("ru", "uk")
    for lang in languages:
        row = _admin1(gazetteer, gazetteer.candidates(f"{stem}{_NOMINATIVE[noun][lang]} {noun}"))
        if row is not None:
            return row
    return None


def _by_centre(gazetteer: Any, stem: str, suffix: str) -> int | None:
    """The division named after its centre: "Белгородской" -> Белгород, its division."""
    bases = [stem, stem[: -len(suffix)]] if len(stem) - len(suffix) >= 3 else [stem]
    for base in bases:
        for ending in _RESTORE:
            rows = gazetteer.candidates(base + ending)
            row = _admin1(gazetteer, rows)
            if row is not None:
                return row
            for r in rows:  # a city of the region: its first-level division, by name
                if gazetteer.kind_of(r) in ("city", "capital") and gazetteer.country_of(r) in _COUNTRIES:
                    admin = gazetteer.admin1_of(r)
                    if admin:
                        found = [a for a in gazetteer.candidates(admin)
                                 if gazetteer.kind_of(a) == "admin1" and gazetteer.country_of(a) == gazetteer.country_of(r)]
                        if found:
                            return found[0]
    return None
