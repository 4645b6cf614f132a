"""The same rules in English, Russian and Ukrainian (hand-written sentences, one per rule and
language): animals are figures but no toll, "X or Y" triggers, tables of tolls, infections,
warnings name a source, a personal pronoun stands for the source named before, outbreaks have
no injured total."""

from __future__ import annotations

import pytest

from newsdesk.extract.events import event_total, find_events
from newsdesk.extract.figures import find_figures
from newsdesk.read.sentences import split_sentences


def read(text: str, lang: str) -> list:
    return find_figures(text, split_sentences(text, lang), lang)


def brief(text: str, lang: str) -> list[tuple]:
    return [(f.category, f.value, f.subject) for f in read(text, lang)]


@pytest.mark.parametrize("text,lang", [
    ("It follows a mass culling of 50,000 birds.", "en"),
    ("В Новосибирской области забиты 50 тысяч птиц.", "ru"),
    ("На фермі забиті 50 тисяч птахів.", "uk"),
])
def test_culled_animals_are_killed_but_no_toll(text: str, lang: str) -> None:
    found = read(text, lang)
    assert [(f.category, f.value, f.subject) for f in found] == [("killed", 50000, "animals")]
    assert event_total(found, "killed") is None


@pytest.mark.parametrize("text,lang", [
    ("120 people were killed or injured.", "en"),
    ("Погибли или пострадали 120 человек.", "ru"),
    ("Загинули або постраждали 120 людей.", "uk"),
])
def test_killed_or_injured_is_casualties(text: str, lang: str) -> None:
    assert brief(text, lang) == [("other", 120, "people")]


@pytest.mark.parametrize("text,lang", [
    ("Countries report their dead: Sri Lanka - approximately 28,500, India - more than 7,700.", "en"),
    ("Число погибших по странам: Шри-Ланка — около 28 500, Индия — более 7700.", "ru"),
    ("Кількість загиблих за країнами: Шрі-Ланка — близько 28 500, Індія — понад 7700.", "uk"),
])
def test_a_table_of_tolls(text: str, lang: str) -> None:
    assert [(f.category, f.value, f.qualifier) for f in read(text, lang)] == [
        ("killed", 28500, "about"), ("killed", 7700, "more_than")]


@pytest.mark.parametrize("text,lang", [
    ("40 people have been infected.", "en"),
    ("Инфицированы 40 человек.", "ru"),
    ("Інфіковані 40 людей.", "uk"),
])
def test_infections_are_affected(text: str, lang: str) -> None:
    assert brief(text, lang) == [("affected", 40, "people")]


@pytest.mark.parametrize("text,lang,source", [
    ("The governor warned that 12 people were killed.", "en", "The governor"),
    ("Губернатор предупредил, что погибли 12 человек.", "ru", "Губернатор"),
    ("Губернатор попередив, що загинули 12 людей.", "uk", "Губернатор"),
])
def test_a_warning_names_its_source(text: str, lang: str, source: str) -> None:
    assert [(f.value, f.claimant.text if f.claimant else None) for f in read(text, lang)] == [(12, source)]


@pytest.mark.parametrize("text,lang,source", [
    ("Governor Ivan Petrov visited the site. He said 12 people were killed.", "en", "Governor Ivan Petrov"),
    ("Губернатор Иван Петров посетил место удара. Он сообщил, что погибли 12 человек.", "ru", "Губернатор Иван Петров"),
    ("Губернатор Іван Петров відвідав місце удару. Він повідомив, що загинули 12 людей.", "uk", "Губернатор Іван Петров"),
])
def test_a_personal_pronoun_stands_for_the_source_before(text: str, lang: str, source: str) -> None:
    assert [(f.value, f.claimant.text if f.claimant else None) for f in read(text, lang)] == [(12, source)]


@pytest.mark.parametrize("text,lang", [
    ("A cholera outbreak has hit the region. 12 people died and 40 were hospitalised.", "en"),
    ("В регионе вспышка холеры. Скончались 12 человек, госпитализированы 40 человек.", "ru"),
    ("В області спалах холери. Померли 12 людей, госпіталізовані 40 людей.", "uk"),
])
def test_an_outbreak_has_no_injured_total(text: str, lang: str) -> None:
    figures = read(text, lang)
    events = find_events(text, split_sentences(text, lang), lang, figures=figures)
    assert events and events[0].type == "other"
    assert events[0].killed is not None and events[0].killed.value == 12
    assert events[0].injured is None


@pytest.mark.parametrize("text,lang", [
    ("The number of infected people has reached 300.", "en"),
    ("Число заболевших достигло 300.", "ru"),
    ("Кількість інфікованих сягнула 300.", "uk"),
])
def test_a_toll_of_cases_counts_the_affected(text: str, lang: str) -> None:
    assert brief(text, lang) == [("affected", 300, "people")]


def test_a_disease_detected_in_animals() -> None:
    assert brief("Bird flu has been detected in 12 wild swans.", "en") == [("affected", 12, "animals")]


@pytest.mark.parametrize("text,lang", [
    ("The president condemned the murder of colonel Rivera, who was killed in a machinegun attack this morning.", "en"),
    ("Президент осудил убийство полковника Риверы, который был убит в результате нападения утром.", "ru"),
    ("Президент засудив вбивство полковника Ріверы, який був убитий внаслідок нападу вранці.", "uk"),
])
def test_one_named_victim_counts_one_toward_the_total(text: str, lang: str) -> None:
    figures = read(text, lang)
    events = find_events(text, split_sentences(text, lang), lang, figures=figures)
    assert events and events[0].killed is not None and events[0].killed.value == 1


def test_the_killing_of_many_is_no_single_victim() -> None:
    text = "The army denied the killing of civilians in the village."
    events = find_events(text, split_sentences(text, "en"), "en", figures=read(text, "en"))
    assert all(e.killed is None for e in events)
