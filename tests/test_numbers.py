"""Numbers: digits, words (en/ru/uk), vague amounts, ranges, parts, qualifiers, non-counts."""

from __future__ import annotations

import pytest

from newsdesk.read.numbers import MAX_VALUE, find_numbers


def counts(text: str, lang: str = "en") -> list[tuple[str, object, object, object, str]]:
    return [(m.text, m.value, m.low, m.high, m.qualifier) for m in find_numbers(text, lang) if m.kind == "count"]


def kinds(text: str, lang: str = "en") -> list[tuple[str, str]]:
    return [(m.text, m.kind) for m in find_numbers(text, lang)]


@pytest.mark.parametrize("text,value", [
    ("1,200", 1200), ("1\u00a0200", 1200), ("12.5", 12.5), ("1.5 million", 1_500_000), ("3m", 3_000_000),
    ("2bn", 2_000_000_000), ("10k", 10_000), ("twenty-one", 21), ("twenty one", 21),
    ("two hundred and five", 205), ("a dozen", 12), ("half a dozen", 6), ("two dozen", 24),
    ("a hundred", 100), ("three thousand", 3000), ("Ninety six", 96), ("one hundred twenty", 120),
])
def test_english_values(text: str, value: float) -> None:
    found = counts(f"They counted {text} of them.")
    assert [v for _, v, *_ in found] == [value]
    assert found[0][0] == text


@pytest.mark.parametrize("text,lang,value", [
    ("1 200", "ru", 1200), ("1.200", "uk", 1200), ("12,5", "ru", 12.5), ("1,5 млн", "uk", 1_500_000),
    ("двадцать один", "ru", 21), ("двух", "ru", 2), ("трёх", "ru", 3), ("пятеро", "ru", 5),
    ("две тысячи триста", "ru", 2300), ("сто двадцать пять", "ru", 125),
    ("двох", "uk", 2), ("трьох", "uk", 3), ("п'ятеро", "uk", 5), ("п’ятеро", "uk", 5),
    ("двадцять один", "uk", 21), ("дві тисячі", "uk", 2000),
])
def test_russian_and_ukrainian_values(text: str, lang: str, value: float) -> None:
    found = counts(f"Всего {text} человек.", lang)
    assert [v for _, v, *_ in found] == [value]


@pytest.mark.parametrize("text,lang,low,high", [
    ("dozens", "en", 24, 99), ("hundreds", "en", 200, 999), ("scores", "en", 40, 99), ("several", "en", 3, 9),
    ("a handful", "en", 2, 5), ("tens of thousands", "en", 20000, 99999), ("десятки", "ru", 20, 99),
    ("десятки", "uk", 20, 99), ("кілька", "uk", 2, 9), ("несколько", "ru", 2, 9), ("сотни", "ru", 200, 999),
])
def test_vague_amounts_are_ranges(text: str, lang: str, low: int, high: int) -> None:
    [m] = [m for m in find_numbers(f"x {text} y", lang)]
    assert (m.value, m.low, m.high, m.qualifier, m.is_vague) == (None, low, high, "vague", True)


@pytest.mark.parametrize("phrase,qualifier", [
    ("at least 22", "at_least"), ("more than 22", "more_than"), ("over 22", "more_than"), ("nearly 22", "about"),
    ("about 22", "about"), ("around 22", "about"), ("some 22", "about"), ("up to 22", "up_to"),
    ("as many as 22", "up_to"), ("fewer than 22", "fewer_than"), ("at most 22", "at_most"), ("22 or more", "at_least"),
    ("22", "exact"),
])
def test_english_qualifiers(phrase: str, qualifier: str) -> None:
    [m] = find_numbers(f"Police said {phrase} people were hurt.", "en")
    assert (m.text, m.value, m.qualifier) == (phrase, 22, qualifier)


@pytest.mark.parametrize("phrase,lang,qualifier", [
    ("щонайменше троє", "uk", "at_least"), ("понад 100", "uk", "more_than"), ("близько 40", "uk", "about"),
    ("не менее 5", "ru", "at_least"), ("более 1 000", "ru", "more_than"), ("около 40", "ru", "about"),
    ("не более 5", "ru", "at_most"),
])
def test_slavic_qualifiers(phrase: str, lang: str, qualifier: str) -> None:
    [m] = find_numbers(f"Погибли {phrase} человек.", lang)
    assert (m.text, m.qualifier) == (phrase, qualifier)


def test_qualifier_bounds() -> None:
    [a, b, c] = find_numbers("at least 5, up to 7, about 9", "en")
    assert (a.low, a.high) == (5, None)
    assert (b.low, b.high) == (None, 7)
    assert (c.value, c.low, c.high) == (9, None, None)


@pytest.mark.parametrize("text,lang,low,high", [
    ("between 10 and 15", "en", 10, 15), ("10-15", "en", 10, 15), ("10 to 15", "en", 10, 15),
    ("two or three", "en", 2, 3), ("от 10 до 15", "ru", 10, 15), ("від 3 до 5", "uk", 3, 5),
])
def test_ranges(text: str, lang: str, low: int, high: int) -> None:
    [m] = find_numbers(f"x {text} people", lang)
    assert (m.text, m.value, m.low, m.high, m.qualifier) == (text, None, low, high, "range")


def test_a_descending_pair_is_no_range() -> None:
    assert [m.value for m in find_numbers("a score of 15-10 and 5 to 2", "en") if m.kind == "count"] == [15, 10, 5, 2]


@pytest.mark.parametrize("text,lang", [("21 of the 49 drones", "en"), ("21 из 49 беспилотников", "ru"),
                                       ("21 з 49 дронів", "uk")])
def test_part_of_a_whole(text: str, lang: str) -> None:
    part, whole = find_numbers(text, lang)
    assert (part.value, whole.value, part.part_of, whole.part_of) == (21, 49, 1, None)


@pytest.mark.parametrize("text,number,kind", [
    ("In 2023, the war went on.", "2023", "year"),
    ("on December 31, 2023", "31", "date"),
    ("on 31 December", "31", "date"),
    ("at 5:32 am", "5", "time"),
    ("arrested at 1500 on 9 December", "1500", "time"),
    ("the clash ended at 0930.", "0930", "time"),
    ("John Smith, 19, of Springfield", "19", "age"),
    ("a 19-year-old man", "19", "age"),
    ("aged 45", "45", "age"),
    ("rose 12% last year", "12", "percent"),
    ("rose 12 percent", "12", "percent"),
    ("it cost $5", "5", "money"),
    ("5 dollars", "5", "money"),
    ("123 Main Street", "123", "address"),
    ("call 555-1234 now", "555", "phone"),
    ("the 21st century", "21st", "ordinal"),
    ("an F-16 jet", "16", "code"),
    ("Flight 17 crashed", "17", "code"),
    ("31 декабря", "31", "date"),
])
def test_things_that_are_not_counts(text: str, number: str, kind: str) -> None:
    lang = "ru" if "декабря" in text else "en"
    found = {m.text: m.kind for m in find_numbers(text, lang)}
    assert found.get(number) == kind


def test_years_need_context_but_counts_keep_their_noun() -> None:
    assert kinds("2000 people fled", "en") == [("2000", "count")]
    assert kinds("at 1500 people", "en") == [("1500", "count")]
    assert kinds("В 2023 году", "ru") == [("2023", "year")]


def test_of_before_a_year_yields_to_a_plural_noun() -> None:
    # "of" often opens a year ("the summer of 2000"), but not before what the number counts
    assert kinds("the line of 2000 cases was crossed", "en") == [("2000", "count")]
    assert kinds("in the summer of 2000 the war", "en") == [("2000", "year")]
    assert kinds("the elections of 2004 brought", "en") == [("2004", "year")]


@pytest.mark.parametrize("text", ["1e308", "999,999,999,999,999", "NaN", "MH17", "COVID-19", "", "   "])
def test_no_absurd_values(text: str) -> None:
    for m in find_numbers(text, "en"):
        assert m.value is None or 0 <= m.value <= MAX_VALUE
        assert m.kind != "count" or m.value is None or m.value < 1e12


def test_offsets_and_window() -> None:
    text = "Before 5 people. After 7 people."
    found = find_numbers(text, "en", start=16)
    assert [(m.text, text[m.start:m.end]) for m in found] == [("7", "7")]


def test_unknown_language_reads_digits_only() -> None:
    assert [(m.text, m.value) for m in find_numbers("zwei und 12 Leute", "de")] == [("12", 12)]


def test_pronoun_one_and_articles_are_not_numbers_alone() -> None:
    assert counts("a man and an officer") == []
    assert counts("one of them") == [("one", 1, 1, 1, "exact")]


def test_huge_input_is_linear_enough() -> None:
    text = "word " * 200_000 + "12 people"
    assert [m.value for m in find_numbers(text, "en")] == [12]


def test_tokenised_thousands_read_as_one_number() -> None:
    # tokenised corpora (ECB+) write "20 , 000"; a year before a comma stays a year
    found = find_numbers("more than 20 , 000 civilians fled", "en")
    assert [(m.value, m.qualifier) for m in found] == [(20000, "more_than")]
    assert [m.value for m in find_numbers("In 2009 , 200 people were hurt.", "en")] == [2009, 200]


def test_a_rank_in_words_is_no_count() -> None:
    assert [m.kind for m in find_numbers("the number two of the Spanish police", "en")] == ["code"]
    assert [m.kind for m in find_numbers("two policemen were hurt", "en")] == ["count"]
