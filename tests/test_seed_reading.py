"""The seed report read end to end, checked point by point against
``../shared/seeds/000_88f33951d7bac3d7.expected.md`` (the expected file is the specification).

The rules that produce this reading are general (no string of the seed is in the code); these
asserts pin what a careful reader finds: five events, their types, actors, places, dates,
figures and totals, and nothing from the publisher's blurb."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.extract.pipeline import read_article
from newsdesk.ingest import read_inputs
from newsdesk.options import Options
from newsdesk.records import Article, Event, Reading


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> tuple[Article, Reading]:
    options = Options()
    items = list(read_inputs([str(seed_path)], options))
    assert len(items) == 1 and isinstance(items[0], Article), items
    article = items[0]
    return article, read_article(article, options)


def place_name(reading: Reading, event: Event) -> str | None:
    return reading.places[event.place].name if event.place is not None else None


def actors(event: Event, role: str) -> set[str | None]:
    return {a.country for a in event.actors if a.role == role}


def test_the_reading_has_the_contract_shape(seed: tuple[Article, Reading]) -> None:
    article, reading = seed
    d = reading.to_dict()
    assert list(d)[:5] == ["id", "language", "places", "figures", "events"]
    assert d["language"] == "en"
    assert set(d["events"][0]) == {"type", "start", "end", "text", "actors", "place", "date", "date_precision",
                                   "killed", "injured", "figures"}
    for e in reading.events:
        assert article.text[e.start:e.end] == e.text
        assert all(0 <= i < len(reading.figures) for i in e.figures)
        assert e.place is None or 0 <= e.place < len(reading.places)
    for i, f in enumerate(reading.figures):
        assert article.text[f.start:f.end] == f.text
        if f.event is not None:
            assert i in reading.events[f.event].figures


def test_the_publisher_blurb_yields_nothing(seed: tuple[Article, Reading]) -> None:
    article, reading = seed
    blurb = article.text.index("Founded by visionary")
    assert all(p.start < blurb for p in reading.places)
    assert all(f.start < blurb for f in reading.figures)
    assert all(e.start < blurb for e in reading.events)
    assert not any("200" in f.text for f in reading.figures)  # "over 200 markets" is no figure


def test_five_events_of_the_expected_types(seed: tuple[Article, Reading]) -> None:
    _, reading = seed
    assert sorted(e.type for e in reading.events) == sorted([
        "shelling_artillery_missile_attack",  # 1. Belgorod
        "shelling_artillery_missile_attack",  # 2. Kharkiv and Kyiv
        "air_drone_strike",  # 3. 49 drones launched
        "disrupted_weapons_use",  # 3. 21 of them shot down
        "other",  # 4. the object in Polish airspace
    ])


def test_event_1_belgorod_attributed_by_russia_with_a_revised_toll(seed: tuple[Article, Reading]) -> None:
    _, reading = seed
    belgorod = [e for e in reading.events if place_name(reading, e) and "Belgorod" in place_name(reading, e)]
    assert len(belgorod) == 1  # the Security Council request names the same shelling: no second event
    e = belgorod[0]
    assert e.type == "shelling_artillery_missile_attack"
    assert reading.places[e.place].country == "RU"
    assert actors(e, "actor1") == {"UA"}  # "a Ukrainian attack", "Ukraine's alleged bombardment"
    assert "RU" in actors(e, "claimant")  # the Russian government attributes it
    tolls = [reading.figures[i] for i in e.figures if reading.figures[i].category == "killed"]
    assert tolls and all(f.stance == "revised" and f.value is None for f in tolls)  # revised, no number
    assert e.killed is None and e.injured is None


def test_event_2_russian_strikes_on_kharkiv_with_two_lower_bounds(seed: tuple[Article, Reading]) -> None:
    _, reading = seed
    kharkiv = [e for e in reading.events if e.type == "shelling_artillery_missile_attack"
               and place_name(reading, e) == "Kharkiv"]
    assert len(kharkiv) == 1
    e = kharkiv[0]
    assert "RU" in actors(e, "actor1") and "UA" not in actors(e, "actor1")
    injured = [reading.figures[i] for i in e.figures if reading.figures[i].category == "injured"]
    bounds = sorted(f.value for f in injured if f.qualifier == "at_least")
    assert bounds == [22, 28]  # both lower bounds are kept
    assert {f.value for f in injured if f.qualifier == "exact"} >= {2, 1}  # two boys, a security adviser
    assert (e.injured.value, e.injured.low, e.injured.high) == (28, 28, None)  # the best: at least 28
    assert e.killed is None
    kyiv = [p for p in reading.places if p.name == "Kyiv"]
    assert kyiv and kyiv[0].country == "UA"


def test_event_3_drones_launched_and_intercepted_overnight(seed: tuple[Article, Reading]) -> None:
    _, reading = seed
    drones = [e for e in reading.events if e.type == "air_drone_strike"]
    shot = [e for e in reading.events if e.type == "disrupted_weapons_use"]
    assert len(drones) == 1 and len(shot) == 1
    d, s = drones[0], shot[0]
    assert actors(d, "actor1") == {"RU"}
    assert actors(s, "actor1") == {"UA"}
    assert [(f.category, f.value) for f in (reading.figures[i] for i in d.figures)] == [("launched", 49)]
    assert [(f.category, f.value) for f in (reading.figures[i] for i in s.figures)] == [("intercepted", 21)]
    for e in (d, s):
        assert (e.date, e.date_precision) == ("2023-12-31", "night")  # the night to 31 December
        assert place_name(reading, e) == "Kharkiv"


def test_event_4_poland_reports_a_missile_russia_denies(seed: tuple[Article, Reading]) -> None:
    _, reading = seed
    poland = [e for e in reading.events if place_name(reading, e) == "Poland"]
    assert len(poland) == 1
    e = poland[0]
    assert e.type == "other"  # an incursion, no strike: not an attack
    claimants = {(a.country, a.sector) for a in e.actors if a.role == "claimant"}
    assert ("PL", "military") in claimants  # Poland's defence forces report it
    assert "RU" in {c for c, _ in claimants}  # a claim Russia denies
    assert actors(e, "actor1") == {"RU"}  # "believed to be a Russian missile"


def test_event_5_the_security_council_request_is_no_violent_event(seed: tuple[Article, Reading]) -> None:
    article, reading = seed
    start = article.text.index("Amid this turmoil")
    end = article.text.index(".", start)
    assert not any(start <= e.start < end for e in reading.events)
    assert not any(a.sector == "international" and a.role == "actor1" for e in reading.events for a in e.actors)
