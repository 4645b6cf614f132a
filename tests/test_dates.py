"""Dates resolved against the publication date (hand-written sentences, en/ru/uk)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsdesk.read.dates import DateMention, find_dates

# Sunday 31 December 2023, 05:32 EST (the seed's publication time)
PUB = datetime(2023, 12, 31, 5, 32, tzinfo=timezone(timedelta(hours=-5)))


def one(text: str, language: str = "en", published: datetime | None = PUB) -> DateMention:
    found = find_dates(text, published, language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "language", "date", "precision", "span"),
    [
        ("21 of the 49 drones deployed overnight.", "en", "2023-12-31", "night", "overnight"),
        ("Shelling began last night in the city.", "en", "2023-12-31", "night", "last night"),
        ("The attack happened on Saturday.", "en", "2023-12-30", "day", "on Saturday"),
        ("Talks were held on Sunday.", "en", "2023-12-31", "day", "on Sunday"),
        ("The strike on Friday night hit a school.", "en", "2023-12-30", "night", "on Friday night"),
        ("Police said yesterday that five were held.", "en", "2023-12-30", "day", "yesterday"),
        ("Fighting flared last week near the border.", "en", "2023-12-18", "week", "last week"),
        ("Clashes broke out last month.", "en", "2023-11-01", "month", "last month"),
        ("He was detained on March 7.", "en", "2023-03-07", "day", "March 7"),
        ("the president has been staying since 2 february.", "en", "2023-02-02", "day", "2 february"),
        ("On Dec. 25, 2022, a bomb exploded.", "en", "2022-12-25", "day", "Dec. 25, 2022"),
        ("It started on the night of December 29.", "en", "2023-12-30", "night", "on the night of December 29"),
        ("It was signed in May 2021.", "en", "2021-05-01", "month", "May 2021"),
        ("Released on 12/30/2023 by the ministry.", "en", "2023-12-30", "day", "12/30/2023"),
        ("В ночь на 31 декабря Харьков атаковали дроны.", "ru", "2023-12-31", "night", "В ночь на 31 декабря"),
        ("Обстрел в ночь с 29 на 30 декабря.", "ru", "2023-12-30", "night", "в ночь с 29 на 30 декабря"),
        ("Митинг прошёл в субботу в центре.", "ru", "2023-12-30", "day", "в субботу"),
        ("Об этом вчера сообщили в мэрии.", "ru", "2023-12-30", "day", "вчера"),
        ("Соглашение подписали 5 января 2023 года.", "ru", "2023-01-05", "day", "5 января 2023 года"),
        ("Удар нанесли на прошлой неделе.", "ru", "2023-12-18", "week", "на прошлой неделе"),
        ("Обстріл стався у суботу ввечері.", "uk", "2023-12-30", "day", "у суботу"),
        ("У ніч на 31 грудня ворог запустив дрони.", "uk", "2023-12-31", "night", "У ніч на 31 грудня"),
        ("Атака в ніч проти неділі.", "uk", "2023-12-31", "night", "в ніч проти неділі"),
        ("Затримання відбулося 30 грудня 2023 року.", "uk", "2023-12-30", "day", "30 грудня 2023 року"),
        ("Про це вчора повідомили в ОВА.", "uk", "2023-12-30", "day", "вчора"),
    ],
)
def test_resolved(text: str, language: str, date: str, precision: str, span: str) -> None:
    d = one(text, language)
    assert (d.date, d.precision) == (date, precision)
    assert d.text == span
    assert text[d.start:d.end] == span


def test_day_month_without_year_is_in_the_past() -> None:
    # published in early January: "December 30" is the December before, not the next one
    pub = datetime(2024, 1, 2, 9, 0, tzinfo=UTC)
    assert one("Missiles hit Kyiv on December 30.", published=pub).date == "2023-12-30"
    # a day just after publication (a time-zone edge) stays in the same year
    assert one("The vote is on January 3.", published=pub).date == "2024-01-03"


def test_relative_dates_need_a_publication_date() -> None:
    assert find_dates("Drones attacked overnight and on Saturday.", None, "en") == []
    # an absolute date with a year needs no base
    assert [d.date for d in find_dates("On 5 March 2022 the town fell.", None, "en")] == ["2022-03-05"]


def test_several_dates_in_order() -> None:
    found = find_dates("Yesterday police said the March 7 attack and the one on Saturday were linked.", PUB, "en")
    assert [(d.text, d.date) for d in found] == [
        ("Yesterday", "2023-12-30"), ("March 7", "2023-03-07"), ("on Saturday", "2023-12-30")]


@pytest.mark.parametrize("text", ["", "may", "He may come.", "31 of 49", "Room 12/40 was hit", "x" * 100_000])
def test_no_false_dates(text: str) -> None:
    assert find_dates(text, PUB, "en") == []


def test_unknown_language_and_impossible_dates() -> None:
    assert find_dates("overnight", PUB, "xx") == []
    assert find_dates("overnight", PUB, None) == []
    assert find_dates("It happened on 31 February.", PUB, "en") == []


def test_precision_vocabulary() -> None:
    with pytest.raises(ValueError):
        DateMention(0, 1, "x", "2023-01-01", "fortnight")


def test_russian_and_ukrainian_night_adjectives_date_the_night():
    from datetime import datetime, timezone

    from newsdesk.read.dates import find_dates

    published = datetime(2024, 3, 12, 9, 0, tzinfo=timezone.utc)
    for language, text in (("ru", "В результате ночной атаки беспилотников погибли 12 человек."),
                           ("uk", "Внаслідок нічної атаки дронів загинули 12 людей.")):
        found = find_dates(text, published, language)
        assert [(d.date, d.precision) for d in found] == [("2024-03-12", "night")], language
