"""A range whose second number carries the magnitude word shares it with the first."""

from __future__ import annotations

import pytest

from newsdesk.read.numbers import find_numbers


@pytest.mark.parametrize("language, text, low, high", [
    ("en", "between 10 and 15 thousand people", 10_000, 15_000),
    ("en", "2 to 3 million people", 2_000_000, 3_000_000),
    ("en", "from 500 to 2 thousand people", 500, 2_000),  # 500,000 would exceed the upper bound
    ("en", "between 10,000 and 15,000 people", 10_000, 15_000),
    ("en", "between 10 and 15 people", 10, 15),
    ("ru", "от 10 до 15 тысяч человек", 10_000, 15_000),
    ("uk", "від 2,5 до 3 млн людей", 2_500_000, 3_000_000),
])
def test_range_bounds(language, text, low, high):
    ranges = [m for m in find_numbers(text, language) if m.qualifier == "range"]
    assert [(m.low, m.high) for m in ranges] == [(low, high)]


@pytest.mark.parametrize("language, text, category", [
    ("en", "Some 2,000 residents lost their homes in the fire.", "displaced"),  # not "lost" = missing
    ("en", "About 300 people were forced to leave their homes.", "displaced"),
    ("ru", "От 10 до 15 тысяч человек были вынуждены покинуть свои дома.", "displaced"),
    ("ru", "Десятки человек числятся пропавшими без вести.", "missing"),
    ("uk", "Від 10 до 15 тисяч людей були змушені залишити свої домівки.", "displaced"),
])
def test_leaving_home_is_displacement_in_every_language(language, text, category):
    from newsdesk.extract.figures import find_figures
    from newsdesk.options import Options
    from newsdesk.read.sentences import split_sentences

    figures = find_figures(text, split_sentences(text, language), language, Options())
    assert [f.category for f in figures] == [category]


@pytest.mark.parametrize("language, text", [
    ("ru", "Ракетный удар по Харькову унес жизни трех человек, заявил мэр Игорь Терехов."),
    ("uk", "Ракетний удар по Харкову забрав життя трьох людей, заявив мер Ігор Терехов."),
])
def test_a_strike_that_took_lives_is_a_toll(language, text):
    from newsdesk.extract.figures import find_figures
    from newsdesk.options import Options
    from newsdesk.read.sentences import split_sentences

    figures = find_figures(text, split_sentences(text, language), language, Options())
    assert [(f.category, f.value) for f in figures] == [("killed", 3)]
    assert figures[0].claimant is not None and "Терехов" in figures[0].claimant.text
