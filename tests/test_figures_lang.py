"""Language resources for numbers, figures and attribution: a language is data, checked here."""

from __future__ import annotations

import re

import pytest

from newsdesk.errors import ConfigError
from newsdesk.extract.figures import ANIMAL_SUBJECTS, OBJECT_SUBJECTS, PERSON_SUBJECTS, WEAPON_SUBJECTS
from newsdesk.lang import (
    PhraseTable,
    TailMatcher,
    available_languages,
    load_lang,
    lower_same_length,
    trie_pattern,
)
from newsdesk.records import FIGURE_CATEGORIES, QUALIFIERS, STANCES

LANGS = ("en", "ru", "uk")


def test_languages_and_unknown_language() -> None:
    assert set(LANGS) <= set(available_languages())
    assert load_lang("en") is load_lang("en")  # parsed once per process
    with pytest.raises(ConfigError, match="no language resources for 'xx'"):
        load_lang("xx")


@pytest.mark.parametrize("code", LANGS)
def test_resource_file_shape(code: str) -> None:
    res = load_lang(code)
    for section in ("sentences", "numbers", "figures", "attribution", "demonyms"):
        assert res.section(section), f"{code}: [{section}] missing"
    fig = res.section("figures")
    assert set(fig["triggers"]) <= set(FIGURE_CATEGORIES)
    assert set(fig["tolls"]) <= set(FIGURE_CATEGORIES)
    assert set(fig["subjects"]) <= PERSON_SUBJECTS | WEAPON_SUBJECTS | OBJECT_SUBJECTS | ANIMAL_SUBJECTS
    num = res.section("numbers")
    assert set(num["qualifiers"]) <= set(QUALIFIERS) and set(num["qualifiers_after"]) <= set(QUALIFIERS)
    for phrase, (low, high) in num["vague"].items():
        assert 0 < low <= high, f"{code}: vague {phrase!r}"
    attr = res.section("attribution")
    for stance in STANCES:
        assert attr.get(stance), f"{code}: no {stance} verbs"
    for iso in [*res.section("demonyms"), *attr.get("organisations", {})]:
        assert re.fullmatch(r"[A-Z]{2}", iso), f"{code}: {iso!r} is not ISO 3166-1 alpha-2"


def test_trie_pattern_matches_what_an_alternation_does() -> None:
    words = ["kill", "killed", "killing", "ранен*", "п'ять", "death toll"]
    rx = re.compile(rf"(?<!\w)(?:{trie_pattern(words)})(?!\w)")
    text = "killed; killing; kill; раненых; п’ять; death  toll; kills"
    assert [m.group() for m in rx.finditer(text)] == ["killed", "killing", "kill", "раненых", "п’ять", "death  toll"]


def test_phrase_table_values_and_possessives() -> None:
    table = PhraseTable.from_lists({"RU": ["russia", "российск*"], "UA": ["ukraine"]})
    found = [(m.group(), table.value(m.group())) for m in table.regex.finditer("russia's army, российские войска, ukraine")]
    assert found == [("russia", "RU"), ("российские", "RU"), ("ukraine", "UA")]
    assert table.value("poland") is None


def test_tail_matcher_longest_phrase_and_offsets() -> None:
    tail = TailMatcher({"more than": "more_than", "no more than": "at_most", "$": "money"})
    assert tail.match("there were no more than ") == ("at_most", len("no more than "))
    assert tail.match("(more than ") == ("more_than", len("more than "))
    assert tail.match("it cost $") == ("money", 1)
    assert tail.match("more than twenty") is None


def test_lower_same_length() -> None:
    text = "İstanbul ВІЙНА"
    low = lower_same_length(text)
    assert len(low) == len(text) and low.endswith("війна")
