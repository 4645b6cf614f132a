"""Ukrainian place names in oblique cases, whose last vowel alternates (Київ -> Києві)."""

from __future__ import annotations

import pytest

from newsdesk.geo.tokenise import stem_keys


@pytest.mark.parametrize("inflected, base", [
    ("києві", "київ"), ("києва", "київ"), ("чернігова", "чернігів"), ("миколаєві", "миколаїв"),
    ("львові", "львів"), ("харкові", "харків"),
])
def test_alternating_vowel_gives_the_base_form(inflected, base):
    assert base in stem_keys(inflected)


def test_reading_finds_kyiv_in_the_locative():
    from newsdesk.geo.gazetteer import Gazetteer
    from newsdesk.geo.resolve import find_places
    from newsdesk.options import Options

    options = Options()
    text = "Вибухи пролунали в Києві та Миколаєві у понеділок."
    places = find_places(text, Gazetteer.load(options), options, language="uk")
    assert [(p.text, p.geonameid) for p in places] == [("Києві", 703448), ("Миколаєві", 700569)]


@pytest.mark.parametrize("text, expected", [
    ("Атака дронів на Одесу. Сили ППО збили 15 із 18 дронів.", [("Одесу", "UA")]),  # no Ataq (YE)
    ("Ізюм звільнено.", [("Ізюм", "UA")]),
    ("Каир осудил удар.", [("Каир", "EG")]),
])
def test_a_cyrillic_sentence_start_is_a_place_only_with_support(text, expected):
    from newsdesk.geo.gazetteer import Gazetteer
    from newsdesk.geo.resolve import find_places
    from newsdesk.options import Options

    options = Options()
    places = find_places(text, Gazetteer.load(options), options, language="uk")
    assert [(p.text, p.country) for p in places] == expected
