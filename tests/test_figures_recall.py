"""Figures the gold set's tune split showed were missed: counted nouns outside the subject list,
disease cases and deaths, murders and phrasal death verbs, second verbs of a pair."""

from __future__ import annotations

import pytest

from newsdesk.extract.figures import find_figures
from newsdesk.read.sentences import split_sentences


def brief(text: str) -> list[tuple]:
    return [(f.text, f.category, f.value) for f in find_figures(text, split_sentences(text, "en"), "en")]


@pytest.mark.parametrize("text,expected", [
    # a plural noun outside the list is a person when a person trigger takes it as object or passive subject
    ("Police captured 23 pirates.", [("23 pirates", "arrested", 23)]),
    ("Five judges have been killed.", [("Five judges", "killed", 5)]),
    ("Gunmen wounded two managing partners.", [("two managing partners", "injured", 2)]),
    # disease: cases are affected, deaths are killed (docs/annotation-guide.md)
    ("That compared with 3,172 deaths out of 78,882 cases.",
     [("3,172 deaths", "killed", 3172), ("78,882 cases", "affected", 78882)]),
    ("Only one confirmed case has been diagnosed.", [("one confirmed case", "affected", 1)]),
    ("They are monitoring 84 suspected cases.", [("84 suspected cases", "affected", 84)]),
    # an adjectival trigger between the number and its noun
    ("The corpses of five assassinated student leaders were found.", [("five assassinated", "killed", 5)]),
    # the second verb of a pair
    ("The blast killed 10 persons, wounding other 70.",
     [("10 persons", "killed", 10), ("70", "injured", 70)]),
    # a noun phrase naming the killing
    ("They investigate the murders of three reporters.", [("three reporters", "killed", 3)]),
])
def test_recall_patterns(text: str, expected: list[tuple]) -> None:
    assert brief(text) == expected


@pytest.mark.parametrize("text", [
    "Two clashes broke out near the border.",      # an unknown plural with its own active verb
    "Three explosions shook the town.",
    "The storm flattened seven villages.",          # villages are not counted
    "Officers found 27 arrest warrants.",           # a compound, not a trigger
])
def test_unknown_plurals_without_a_person_trigger_are_no_figures(text: str) -> None:
    assert brief(text) == []
