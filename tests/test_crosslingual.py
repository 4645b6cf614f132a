"""Reports of one event in English, Russian and Ukrainian join one story through the real
reading stage (places, figures, events, dates), while a report of another event in the same
city, on another day, stays apart. Hand-written reports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.extract.pipeline import read_article
from newsdesk.options import Options
from newsdesk.records import Article
from newsdesk.stories import assign_stories, new_state

T0 = datetime(2024, 3, 12, 7, 0, tzinfo=UTC)

REPORTS = [
    ("en1", "en", 0, "wire-en",
     "A Russian drone strike on an apartment block in Kharkiv killed seven people overnight and injured 12, "
     "the regional governor Oleh Syniehubov said on Tuesday. Rescuers were still searching the rubble."),
    ("ru1", "ru", 25, "wire-ru",
     "В результате удара беспилотника по жилому дому в Харькове погибли семь человек, ещё 12 ранены, "
     "сообщил во вторник глава области Олег Синегубов. Спасатели продолжают разбирать завалы."),
    ("uk1", "uk", 40, "wire-uk",
     "Внаслідок удару дрона по житловому будинку в Харкові загинули сім людей, 12 поранені, "
     "повідомив у вівторок голова обласної адміністрації Олег Синєгубов. Рятувальники розбирають завали."),
    ("en2", "en", 60 * 24 * 3, "wire-en",
     "Floods in Odesa forced 300 families from their homes on Friday after three days of heavy rain, "
     "city officials said, and schools were closed."),
    # another event in the same city two days later, told in Russian: it must not join
    ("ru2", "ru", 60 * 50, "wire-ru",
     "В четверг в Харькове прошла акция протеста против повышения тарифов, в ней участвовали около "
     "300 человек, сообщила полиция."),
]


@pytest.fixture(scope="module")
def readings():
    options = Options()
    out = {}
    for aid, lang, minutes, source, text in REPORTS:
        a = Article(id=aid, text=text, language=lang, source=source, published=T0 + timedelta(minutes=minutes))
        out[aid] = (a, read_article(a, options))
    return out


def test_one_event_in_three_languages_is_one_story(readings):
    options = Options()
    arts = [a for a, _ in readings.values()]
    assigned, stories, _ = assign_stories(arts, new_state(options), options, {k: r for k, (_, r) in readings.items()},
                                          now=T0 + timedelta(days=5))
    by_id = {a.id: a.story for a in assigned}
    assert by_id["en1"] == by_id["ru1"] == by_id["uk1"]
    assert by_id["en2"] != by_id["en1"]
    assert by_id["ru2"] != by_id["en1"]  # same city, another event
    story = next(s for s in stories if s.id == by_id["en1"])
    assert sorted(story.languages) == ["en", "ru", "uk"]


def test_the_cross_language_rule_is_what_joins_them(readings):
    options = Options().replace("stories", cross_language_weight=0.0)
    arts = [a for a, _ in readings.values()]
    assigned, _, _ = assign_stories(arts, new_state(options), options, {k: r for k, (_, r) in readings.items()},
                                    now=T0 + timedelta(days=5))
    by_id = {a.id: a.story for a in assigned}
    assert by_id["en1"] != by_id["ru1"]  # words and anchors together: not enough across languages


def test_without_readings_the_languages_stay_apart(readings):
    options = Options()
    arts = [a for a, _ in readings.values()]
    assigned, _, _ = assign_stories(arts, new_state(options), options, now=T0 + timedelta(days=5))
    by_id = {a.id: a.story for a in assigned}
    assert len({by_id["en1"], by_id["ru1"], by_id["uk1"]}) > 1  # the readings are what joins them
