"""Russian and Ukrainian first-level divisions named as "<adjective> область/край"."""

from __future__ import annotations

import pytest

from newsdesk.geo.gazetteer import Gazetteer
from newsdesk.geo.regions import find_regions
from newsdesk.geo.resolve import find_places
from newsdesk.options import Options


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load(Options())


@pytest.mark.parametrize("text, name, country", [
    ("Обстановка в Белгородской области.", "Belgorod", "RU"),        # through its centre, Белгород
    ("Обстріл у Харківській області.", "Kharkivska", "UA"),          # its native name, nominative
    ("в Харьковской области", "Kharkivska", "UA"),                   # Russian for a Ukrainian region
    ("Краснодарского края", "Krasnodar", "RU"),                      # край, genitive
    ("в Запорожской области", "Zaporizka", "UA"),                    # centre Запорожье
    ("Ростовской обл.", "Rostov", "RU"),                             # abbreviated
])
def test_region_phrases(gaz, text, name, country):
    found = find_regions(text, gaz)
    assert [(p.name, p.country, p.kind) for p in found] == [(name, country, "admin1")]
    assert found[0].text.endswith(("области", "області", "края", "обл."))


def test_the_division_wins_over_its_centre_inside_the_phrase(gaz):
    text = "Атака на Курскую область. Курск обстреляли ночью."
    places = find_places(text, gaz, Options(), language="ru")
    assert [(p.text, p.kind) for p in places] == [("Курскую область", "admin1"), ("Курск", "city")]


def test_no_region_without_the_word_for_region(gaz):
    assert find_regions("Белгородский суд вынес приговор.", gaz) == []
