"""Rules found by checking ledgers of ECB+ stories by hand (docs/ledger-check.md), each on
hand-written sentences, in every language where the construction exists."""

from __future__ import annotations

import pytest

from newsdesk.extract.events import read_events
from newsdesk.extract.figures import find_figures
from newsdesk.read.sentences import split_sentences
from newsdesk.records import Place


def brief(text: str, lang: str = "en") -> list[tuple]:
    found = find_figures(text, split_sentences(text, lang), lang)
    for f in found:
        assert text[f.start:f.end] == f.text
    return [(f.category, f.value, f.subject, f.text) for f in found]


@pytest.mark.parametrize("text,expected", [
    ("The navy arrested 23 Somali and Yemeni pirates on Saturday.",
     [("arrested", 23, "pirates", "23 Somali and Yemeni pirates")]),
    ("Troops detained 40 heavily armed Afghan and Pakistani militants.",
     [("arrested", 40, "fighters", "40 heavily armed Afghan and Pakistani militants")]),
    ("A warship nabbed 23 Somali and Yemeni sea brigands.",
     [("arrested", 23, "brigands", "23 Somali and Yemeni sea brigands")]),
])
def test_two_adjectives_joined_by_and_describe_one_noun(text: str, expected: list) -> None:
    assert brief(text) == expected


def test_and_between_two_nouns_is_still_a_list() -> None:
    # "12 soldiers and two civilians" stays two figures: "and" joins adjectives only before a noun
    assert [(c, v, s) for c, v, s, _ in brief("The blast killed 12 soldiers and two civilians.")] == [
        ("killed", 12, "soldiers"), ("killed", 2, "civilians")]


@pytest.mark.parametrize("text,lang,expected", [
    ("He opened fire on his bosses, wounding both and killing a receptionist.", "en",
     [("injured", 2, "people", "both"), ("killed", 1, "people", "a receptionist")]),
    ("Both men were killed in the blast.", "en", [("killed", 2, "men", "Both men")]),
    ("Both were wounded.", "en", [("injured", 2, "people", "Both")]),
    ("The gunmen killed both of them.", "en", [("killed", 2, "people", "both of them")]),
    ("Оба погибли на месте.", "ru", [("killed", 2, "people", "Оба")]),
    ("Нападавший ранил обоих и скрылся.", "ru", [("injured", 2, "people", "обоих")]),
    ("Оба солдата были ранены.", "ru", [("injured", 2, "soldiers", "Оба солдата")]),
    ("Обидва загинули на місці.", "uk", [("killed", 2, "people", "Обидва")]),
    ("Нападник поранив обох і втік.", "uk", [("injured", 2, "people", "обох")]),
    ("Обидва військових були поранені.", "uk", [("injured", 2, "soldiers", "Обидва військових")]),
])
def test_a_pair_word_counts_two(text: str, lang: str, expected: list) -> None:
    assert brief(text, lang) == expected


@pytest.mark.parametrize("text,lang", [
    ("Both civilians and soldiers were killed.", "en"),  # two groups joined, no count
    ("Shields said both Oler and Blackmore were arrested.", "en"),
    ("The attack hurt both economies.", "en"),
    ("Both sides said the talks would go on.", "en"),
    ("Оба солдата и полицейский были ранены.", "ru"),
])
def test_both_joining_two_groups_counts_nothing(text: str, lang: str) -> None:
    assert [f for f in brief(text, lang) if f[1] == 2] == []


def test_both_after_an_auxiliary_does_not_count_the_same_people_again() -> None:
    assert [(c, v) for c, v, _, _ in brief("The two men were both killed.")] == [("killed", 2)]


@pytest.mark.parametrize("text,expected", [
    ("Two members of parliament were killed.", [("killed", 2, "people", "Two members")]),
    ("Two top leaders of a polygamous community have been arrested.",
     [("arrested", 2, "leaders", "Two top leaders")]),
    ("2 leaders of polygamist group arrested in Canada", [("arrested", 2, "leaders", "2 leaders")]),
    # what they belong to, then where: a region, an apposition, a tie to a named place
    ("Two top leaders of a polygamous community in western Canada have been arrested.",
     [("arrested", 2, "leaders", "Two top leaders")]),
    ("Two leaders of polygamous factions in Bountiful, British Columbia, have been arrested.",
     [("arrested", 2, "leaders", "Two leaders")]),
    ("Two leaders of polygamous groups with ties to Utah have been arrested.",
     [("arrested", 2, "leaders", "Two leaders")]),
])
def test_the_counted_with_what_they_belong_to_before_a_passive(text: str, expected: list) -> None:
    assert brief(text) == expected


@pytest.mark.parametrize("text", [
    "Two leaders of the group arrested five men.",  # active: the leaders arrest, five men are counted
    "Two leaders of the group that killed 5 people spoke.",  # a relative clause: the 5 are the dead
])
def test_an_of_phrase_does_not_make_an_agent_a_victim(text: str) -> None:
    assert all(f[1] != 2 for f in brief(text))


@pytest.mark.parametrize("text,expected", [
    ("The shooting left a receptionist dead.", [("killed", 1, "people", "a receptionist")]),
    ("A shooting that left a receptionist dead and two managing partners wounded.",
     [("killed", 1, "people", "a receptionist"), ("injured", 2, "partners", "two managing partners")]),
])
def test_a_person_then_a_trigger_that_is_also_a_noun(text: str, expected: list) -> None:
    # "dead" names people ("the dead") and tells a death; after a person noun it is the trigger
    assert brief(text) == expected


def test_a_trigger_as_an_adjective_before_an_animal_counts_no_person() -> None:
    assert brief("A dead wild duck was found.") == []


def test_the_head_noun_of_a_person_compound_ends_the_figure() -> None:
    assert brief("The blast killed an Oregon State Police bomb squad technician.") == [
        ("killed", 1, "police", "an Oregon State Police bomb squad technician")]


@pytest.mark.parametrize("text", [
    # "the" before one person is no count (docs/annotation-guide.md; tests/test_figures_recall.py)
    "A bomb went off, critically injuring the Woodburn police chief.",
    "The man was later killed.",
    "He was killed by the police chief.",
])
def test_the_before_one_person_counts_no_one(text: str) -> None:
    assert brief(text) == []


@pytest.mark.parametrize("text,expected", [
    ("A man suspected of shooting three people at a firm where he had worked was arrested hours later.",
     [("arrested", 1, "men", "A man")]),
    (("A man suspected of shooting three people, killing one, at a firm from which he was fired last week "
      "was arrested after a chase."), [("arrested", 1, "men", "A man"), ("killed", 1, "people", "one")]),
    ("A man wanted for questioning was killed in a shootout.", [("killed", 1, "men", "A man")]),
])
def test_the_main_verb_after_a_suspect_clause(text: str, expected: list) -> None:
    assert brief(text) == expected


@pytest.mark.parametrize("text", [
    # the only passive trigger belongs to the relative clause ("he was arrested"): no count
    "A man suspected of robbing a bank where he was arrested last year spoke to reporters.",
    "A man suspected of fraud left the country.",
])
def test_a_suspect_clause_with_no_main_passive_counts_no_one(text: str) -> None:
    assert brief(text) == []


@pytest.mark.parametrize("text,lang", [
    ("A government official initially reported deaths, but later said there were no casualties.", "en"),
    ("Два чиновника заявили о жертвах.", "ru"),
    ("Двоє посадовців повідомили про загиблих.", "uk"),
])
def test_the_speaker_is_not_counted(text: str, lang: str) -> None:
    assert [f for f in brief(text, lang) if f[1]] == []


def test_a_figure_next_to_its_speaker_stays() -> None:
    found = find_figures("A soldier was killed, an official said.", split_sentences("A soldier was killed, an official said.", "en"), "en")
    assert [(f.category, f.value, f.claimant.text if f.claimant else None) for f in found] == [
        ("killed", 1, "an official")]


@pytest.mark.parametrize("text,lang,expected", [
    ("Three artillery shells landed at the perimeter of a school.", "en",
     [("hit", 3, "missiles", "Three artillery shells")]),
    ("Two drones fell on a field.", "en", [("hit", 2, "drones", "Two drones")]),
    ("Три снаряда упали на территорию школы.", "ru", [("hit", 3, "missiles", "Три снаряда")]),
    ("Три снаряди впали на територію школи.", "uk", [("hit", 3, "missiles", "Три снаряди")]),
])
def test_munitions_that_land_or_fall_hit(text: str, lang: str, expected: list) -> None:
    assert brief(text, lang) == expected


@pytest.mark.parametrize("text,lang", [
    ("Two planes landed safely in Kabul.", "en"),
    ("Five people fell in the river.", "en"),
    ("Два самолета упали в море.", "ru"),
    ("Два літаки впали в море.", "uk"),
])
def test_what_lands_or_falls_and_is_no_munition_is_no_hit(text: str, lang: str) -> None:
    assert [f for f in brief(text, lang) if f[0] == "hit"] == []


def parts(text: str, lang: str = "en") -> list[tuple]:
    return [(f.category, f.value, f.subject, f.part_of) for f in find_figures(text, split_sentences(text, lang), lang)]


def test_munitions_counted_of_the_bombs_and_bare_after_them() -> None:
    assert parts("Two of the bombs fell within the camp.") == [("hit", 2, "missiles", None)]
    assert parts("Four bombs were dropped - two landed inside the camp, while the other two bombs were dropped "
                 "near the airstrip.") == [("launched", 4, "missiles", None), ("hit", 2, "missiles", 0),
                                           ("launched", 2, "missiles", 0)]


@pytest.mark.parametrize("text,lang", [
    ("Four missiles were launched, the other two missiles were launched later.", "en"),
    ("Было запущено четыре ракеты, остальные две ракеты запущены позже.", "ru"),
    ("Було запущено чотири ракети, решта дві ракети запущені пізніше.", "uk"),
])
def test_the_rest_of_a_whole_is_a_part_of_it(text: str, lang: str) -> None:
    assert parts(text, lang) == [("launched", 4, "missiles", None), ("launched", 2, "missiles", 0)]


@pytest.mark.parametrize("text", [
    "Two planes were shot down and two landed safely.",  # a bare number after aircraft: no hit
    "Ten soldiers were killed and the remaining three soldiers were wounded.",  # another category: no part
])
def test_no_munition_hit_or_part_across_categories(text: str) -> None:
    assert all(p[0] != "hit" and p[3] is None for p in parts(text))


def _place(text: str, word: str) -> Place:
    start = text.index(word)
    return Place(start, start + len(word), word, abs(hash(word)) % 10**6, word, "XX", None, 0.0, 0.0, "country")


@pytest.mark.parametrize("text,lang,far", [
    ("A girl was killed and dozens were injured in the quakes, which also sent small tsunamis into Japan.",
     "en", "Japan"),
    ("Десятки человек были ранены при землетрясении, которое вызвало цунами у берегов Японии.", "ru", "Японии"),
    ("Десятки людей були поранені під час землетрусу, який спричинив цунамі біля берегів Японії.", "uk", "Японії"),
])
def test_a_place_in_a_clause_about_something_else_is_not_the_figures(text: str, lang: str, far: str) -> None:
    found = find_figures(text, split_sentences(text, lang), lang)
    assert found
    reading = read_events(text, split_sentences(text, lang), lang, places=[_place(text, far)], figures=found)
    assert reading.figure_places == [None] * len(found)


def test_a_place_of_the_figures_own_clause_stays() -> None:
    text = "Dozens were injured in Japan, which was hit by a tsunami."
    found = find_figures(text, split_sentences(text, "en"), "en")
    reading = read_events(text, split_sentences(text, "en"), "en", places=[_place(text, "Japan")], figures=found)
    assert found and reading.figure_places == [0] * len(found)


@pytest.mark.parametrize("text,expected", [
    # a trigger that starts with a preposition is no place phrase to step over ("in hospital on Saturday")
    ("Authorities said 13 people had minor injuries but 11 were still in hospital on Saturday morning.",
     [("injured", 13), ("injured", 11)]),
    # a claimant span that runs over a number keeps the number (only one person can be the speaker)
    ("109 cases have been confirmed resulting in fifty five deaths outside of China reports the CDC.",
     [("affected", 109), ("killed", 55)]),
])
def test_found_on_the_bench_texts_while_checking_the_new_rules(text: str, expected: list) -> None:
    assert [(c, v) for c, v, _, _ in brief(text)] == expected


def test_both_before_a_determined_noun_counts_nothing() -> None:
    assert brief("Both of these cases are considered in the same context.") == []
