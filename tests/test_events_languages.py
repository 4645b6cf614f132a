"""Russian and Ukrainian read to the same level as English: the same report, hand-written in
each language, through the whole pipeline (sentences, places, figures, dates, events)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk.extract.pipeline import read_article
from newsdesk.options import Options
from newsdesk.records import Article, Reading

PUB = datetime(2023, 12, 31, 9, tzinfo=UTC)  # a Sunday morning
REPORTS = {
    "en": ("Overnight, Russian troops launched a missile strike on Kharkiv. According to the regional administration, "
           "at least 22 people were injured, including two children. Ukraine's air defence forces shot down 21 of "
           "the 49 drones. On Saturday five people were killed by shelling in Kherson."),
    "ru": ("В ночь на 31 декабря российские войска нанесли ракетный удар по Харькову. По данным областной "
           "администрации, ранены не менее 22 человек, среди них двое детей. Силы ПВО Украины сбили 21 из 49 "
           "беспилотников. В субботу в Херсоне в результате обстрела погибли пять человек."),
    "uk": ("У ніч на 31 грудня російські війська завдали ракетного удару по Харкову. За даними ОВА, поранено "
           "щонайменше 22 людини, серед них двоє дітей. Сили ППО України збили 21 з 49 безпілотників. У суботу в "
           "Херсоні внаслідок обстрілу загинули п'ятеро людей."),
}


@pytest.fixture(scope="module")
def readings() -> dict[str, Reading]:
    options = Options()
    return {code: read_article(Article(id=code, text=text, language=code, published=PUB), options)
            for code, text in REPORTS.items()}


@pytest.mark.parametrize("code", sorted(REPORTS))
def test_the_same_report_reads_the_same_in_each_language(code: str, readings: dict[str, Reading]) -> None:
    r = readings[code]
    where = {e.type + "@" + (r.places[e.place].name if e.place is not None else "?"): e for e in r.events}
    strike = where["shelling_artillery_missile_attack@Kharkiv"]
    assert ("actor1", "RU", "military") in {(a.role, a.country, a.sector) for a in strike.actors}
    assert (strike.date, strike.date_precision) == ("2023-12-31", "night")
    assert (strike.injured.value, strike.injured.low, strike.injured.high) == (22, 22, None)  # children are a part
    assert strike.killed is None
    intercepted = [e for e in r.events if e.type == "disrupted_weapons_use"]
    assert len(intercepted) == 1
    assert [(a.country, a.sector) for a in intercepted[0].actors if a.role == "actor1"] == [("UA", "military")]
    assert [(r.figures[i].category, r.figures[i].value) for i in intercepted[0].figures] == [("intercepted", 21)]
    drones = [e for e in r.events if e.type == "air_drone_strike"]
    assert [[(r.figures[i].category, r.figures[i].value) for i in e.figures] for e in drones] == [[("launched", 49)]]
    kherson = where["shelling_artillery_missile_attack@Kherson"]
    assert (kherson.killed.value, kherson.date, kherson.date_precision) == (5, "2023-12-30", "day")
    claimant = [f.claimant for f in r.figures if f.category == "injured" and f.claimant is not None]
    assert claimant, "the administration is the source of the injured figure"
