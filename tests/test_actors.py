"""Actors with country and sector, and whether they are the source of a statement."""

from __future__ import annotations

import pytest

from newsdesk.extract.actors import find_actors, phrase_pattern
from newsdesk.records import Place


def found(text: str, language: str = "en", places: list[Place] = ()) -> list[tuple[str, str | None, str | None, bool]]:
    return [(a.text, a.country, a.sector, a.claimant) for a in find_actors(text, language, places)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Russia’s Defense Ministry stated that the strikes hit military sites.", "en",
         [("Russia’s Defense Ministry", "RU", "military", True)]),
        ("Ukrainian defense systems shot down 21 drones.", "en", [("Ukrainian defense systems", "UA", "military", False)]),
        ("Poland's defense forces reported an object.", "en", [("Poland's defense forces", "PL", "military", True)]),
        ("Gunmen attacked villagers, according to local police.", "en",
         [("Gunmen", None, "unidentified_armed_group", False), ("villagers", None, "civilians", False),
          ("police", None, "police", True)]),
        ("Rebels clashed with government troops.", "en",
         [("Rebels", None, "rebels", False), ("government troops", None, "military", False)]),
        ("Минобороны России сообщило об ударе.", "ru", [("Минобороны России", "RU", "military", True)]),
        ("Об этом сообщили в администрации города.", "ru", [("администрации", None, "government", True)]),
        ("Сили ППО України збили 21 ракету.", "uk", [("Сили ППО України", "UA", "military", False)]),
        ("Про це повідомили в поліції Києва.", "uk", [("поліції Києва", "UA", "police", True)]),
    ],
)
def test_actor_phrases(text: str, language: str, expected: list) -> None:
    assert found(text, language)[:len(expected)] == expected


def test_short_forms_count_only_in_capitals() -> None:
    assert found("The US said it would help.") == [("US", "US", None, True)]
    assert found("He told us about it.") == []


def test_a_capital_found_as_a_city_is_a_place_unless_it_speaks() -> None:
    text = "Missiles hit Kyiv. Moscow said the strikes were a response."
    kyiv = Place(13, 17, "Kyiv", 703448, "Kyiv", "UA", None, 50.45, 30.52, "capital")
    moscow = Place(19, 25, "Moscow", 524901, "Moscow", "RU", None, 55.75, 37.62, "capital")
    assert found(text, places=[kyiv, moscow]) == [("Moscow", "RU", None, True)]


def test_a_country_the_demonym_table_lacks_comes_from_the_geoparser() -> None:
    text = "Forces of Ruritania attacked."
    ruritania = Place(10, 19, "Ruritania", 1, "Ruritania", "RX", None, 0.0, 0.0, "country")
    assert ("Forces of Ruritania", "RX", "military", False) in found(text, places=[ruritania])


def test_no_language_no_actors() -> None:
    assert find_actors("Russian troops", "xx") == []
    assert find_actors("", "en") == []


def test_phrase_pattern_stars_per_word() -> None:
    import re

    rx = re.compile(phrase_pattern("сил* пво"), re.IGNORECASE)
    assert rx.fullmatch("Силы ПВО") and rx.fullmatch("силами  ПВО")
    assert not re.compile(phrase_pattern("air strike"), re.IGNORECASE).fullmatch("air strikes")
