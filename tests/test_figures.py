"""Figures: category, value, qualifier, subject, parts and subsets, in English, Russian, Ukrainian."""

from __future__ import annotations

import pytest

from newsdesk.extract.figures import find_figures
from newsdesk.options import Options
from newsdesk.read.sentences import split_sentences
from newsdesk.records import FIGURE_CATEGORIES, QUALIFIERS, STANCES


def figures(text: str, lang: str = "en"):
    found = find_figures(text, split_sentences(text, lang), lang, Options())
    for f in found:
        assert f.category in FIGURE_CATEGORIES and f.qualifier in QUALIFIERS and f.stance in STANCES
        assert text[f.start:f.end] == f.text
        assert f.place is None and f.event is None
    return found


def brief(text: str, lang: str = "en") -> list[tuple]:
    return [(f.category, f.value, f.qualifier, f.subject) for f in figures(text, lang)]


@pytest.mark.parametrize("text,expected", [
    ("At least 22 people were killed.", [("killed", 22, "at_least", "people")]),
    ("The blast killed five soldiers.", [("killed", 5, "exact", "soldiers")]),
    ("The strike injured more than 40 civilians.", [("injured", 40, "more_than", "civilians")]),
    ("The bombardment resulted in at least 28 wounded.", [("injured", 28, "at_least", "people")]),
    ("Three other Russian military personnel were wounded.", [("injured", 3, "exact", "soldiers")]),
    ("Dozens of people were hurt.", [("injured", None, "vague", "people")]),
    ("Police arrested 12 protesters.", [("arrested", 12, "exact", "people")]),
    ("Gunmen abducted 30 schoolchildren.", [("kidnapped", 30, "exact", "children")]),
    ("About 5,000 people were evacuated.", [("evacuated", 5000, "about", "people")]),
    ("Some 2,000 homes were destroyed and 300 buildings damaged.",
     [("destroyed", 2000, "about", "buildings"), ("damaged", 300, "exact", "buildings")]),
    ("Two people are still missing.", [("missing", 2, "exact", "people")]),
    ("The attack killed 12 and wounded 30 others.", [("killed", 12, "exact", "people"), ("injured", 30, "exact", "people")]),
    ("Air defences shot down 18 drones.", [("intercepted", 18, "exact", "drones")]),
    ("Russia launched 40 missiles overnight.", [("launched", 40, "exact", "missiles")]),
    ("Between 10 and 15 people died.", [("killed", None, "range", "people")]),
    # cases of a disease are people affected (docs/annotation-guide.md, section 2)
    ("He bought 500mg, and 546 new cases were reported.", [("affected", 546, "exact", "people")]),
])
def test_english_figures(text: str, expected: list[tuple]) -> None:
    assert brief(text) == expected


@pytest.mark.parametrize("text", [
    "The company operates in over 200 markets.",
    "He has 20 years of experience in the field.",
    "In 2023 the war was in its second year.",
    "The 21st brigade said 12% of homes lack power.",
    "Flight 17 left at 5:30 with 280 passengers.",
    "The bill passed with 300 votes.",
    "He bought 500mg of the drug.",
    "This pill can kill as many as 60 people.",
    "Our units captured 46 M-16 rifles.",
    "He was arrested at 1500 on 9 December.",
    "It could result in the deaths of up to 50,000 people.",
])
def test_numbers_without_an_event_are_no_figures(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize("text,expected", [
    # animals dead, culled or infected are figures (docs/annotation-guide.md, section 1) ...
    ("Officials found roughly 4,000 dead wild birds.", [("killed", 4000, "about", "animals")]),
    ("270 swine deaths were reported.", [("killed", 270, "exact", "animals")]),
    ("Three swans have been found dead in a pond.", [("killed", 3, "exact", "animals")]),
    ("It follows a mass culling of 50,000 birds in Norfolk.", [("killed", 50000, "exact", "animals")]),
])
def test_animals_are_figures(text: str, expected: list[tuple]) -> None:
    assert brief(text) == expected


def test_animals_count_toward_no_total() -> None:
    # ... but never toward an event's killed total (section 4)
    from newsdesk.extract.events import event_total

    found = figures("1,000 turkeys have died of bird flu and a further 1,600 have died since.")
    assert [(f.value, f.subject) for f in found] == [(1000, "animals"), (1600, "animals")]
    assert event_total(found, "killed") is None


def test_part_of_a_whole_gives_two_figures() -> None:
    found = figures("Ukrainian defense systems managed to intercept and shoot down 21 of the 49 drones deployed overnight.")
    assert [(f.category, f.value, f.subject, f.text) for f in found] == [
        ("intercepted", 21, "drones", "21 of the 49 drones"), ("launched", 49, "drones", "49 drones")]
    assert found[0].part_of == 1 and found[1].part_of is None


def test_parts_named_after_the_total() -> None:
    found = figures("Russia launched 49 drones overnight; 21 of them were shot down.")
    assert [(f.category, f.value, f.subject, f.part_of) for f in found] == [
        ("launched", 49, "drones", None), ("intercepted", 21, "drones", 0)]


def test_subsets_in_the_next_sentence() -> None:
    found = figures("At least 11 people died. They included two soldiers, a little girl and a messenger boy.")
    assert [(f.value, f.subject, f.part_of) for f in found] == [
        (11, "people", None), (2, "soldiers", 0), (1, "children", 0), (1, "children", 0)]


@pytest.mark.parametrize("text,expected", [
    ("A 45-year-old man was killed in the blast.", [("killed", 1, "men", None)]),
    ("An attack killed a soldier.", [("killed", 1, "soldiers", None)]),
    ("At least 11 people died, among them a 14-year-old boy and a nurse.",
     [("killed", 11, "people", None), ("killed", 1, "children", 0), ("killed", 1, "medics", 0)]),
    ("A man who was injured spoke to reporters.", []),
    ("H5N1 was found in a dead wild duck.", []),
])
def test_an_article_counts_one_person(text: str, expected: list[tuple]) -> None:
    assert [(f.category, f.value, f.subject, f.part_of) for f in figures(text)] == expected


def test_subsets_point_at_their_total() -> None:
    found = figures("Five people were killed, including two children.")
    assert [(f.category, f.value, f.subject, f.part_of) for f in found] == [
        ("killed", 5, "people", None), ("killed", 2, "children", 0)]


def test_list_of_parts_with_an_article_counts_one() -> None:
    found = figures("The assault injured at least 22 individuals, among them two boys and a security adviser for a team.")
    assert [(f.text, f.value, f.subject, f.part_of) for f in found] == [
        ("at least 22 individuals", 22, "people", None), ("two boys", 2, "children", 0),
        ("a security adviser", 1, "security adviser", 0)]


def test_a_toll_brings_its_number_from_afar() -> None:
    [f] = figures("Mexican health officials have raised the death toll from the virus to 152.")
    assert (f.category, f.value, f.qualifier, f.stance) == ("killed", 152, "exact", "revised")
    assert f.claimant is not None and f.claimant.text == "Mexican health officials" and f.claimant.country == "MX"


def test_revision_without_a_number() -> None:
    [f] = figures("The Russian government has revised the death toll of this attack.")
    assert (f.category, f.value, f.stance, f.text) == ("killed", None, "revised", "death toll")
    assert f.claimant is not None and f.claimant.text == "The Russian government" and f.claimant.country == "RU"


@pytest.mark.parametrize("text,lang,expected", [
    ("Внаслідок атаки загинули щонайменше троє людей, ще 12 поранені, повідомив голова ОВА.", "uk",
     [("killed", 3, "at_least", "people"), ("injured", 12, "exact", "people")]),
    ("Повітряні сили збили 30 з 35 шахедів.", "uk",
     [("intercepted", 30, "exact", "drones"), ("launched", 35, "exact", "drones")]),
    ("Пошкоджено понад 20 будинків.", "uk", [("damaged", 20, "more_than", "buildings")]),
    ("Серед загиблих двоє дітей.", "uk", [("killed", 2, "exact", "children")]),
    ("По данным Минобороны России, сбиты 21 из 49 беспилотников.", "ru",
     [("intercepted", 21, "exact", "drones"), ("launched", 49, "exact", "drones")]),
    ("В результате обстрела погибли два человека, ранены пятеро.", "ru",
     [("killed", 2, "exact", "people"), ("injured", 5, "exact", "people")]),
    ("Задержаны не менее 15 человек.", "ru", [("arrested", 15, "at_least", "people")]),
    ("Эвакуированы около 300 жителей.", "ru", [("evacuated", 300, "about", "people")]),
    ("Ранены десятки мирных жителей.", "ru", [("injured", None, "vague", "civilians")]),
    ("Число погибших возросло до 25.", "ru", [("killed", 25, "exact", "people")]),
    ("Погибли 14 человек, в том числе двое детей, ещё 108 получили ранения.", "ru",
     [("killed", 14, "exact", "people"), ("killed", 2, "exact", "children"), ("injured", 108, "exact", "people")]),
    ("Росія випустила по Україні 49 дронів, 21 з них збили сили ППО.", "uk",
     [("launched", 49, "exact", "drones"), ("intercepted", 21, "exact", "drones")]),
    ("Загинула одна людина, ще троє поранені.", "uk", [("killed", 1, "exact", "people"), ("injured", 3, "exact", "people")]),
    ("Компанія працює на 200 ринках понад 20 років.", "uk", []),
    ("Кількість поранених у Харкові зросла до 28, серед них – двоє дітей.", "uk",
     [("injured", 28, "exact", "people"), ("injured", 2, "exact", "children")]),
    ("Загинули щонайменше 5 людей, ще 20 отримали поранення.", "uk",
     [("killed", 5, "at_least", "people"), ("injured", 20, "exact", "people")]),
    ("Рятувальники евакуювали понад 300 мешканців.", "uk", [("evacuated", 300, "more_than", "people")]),
    ("Задержаны четверо подозреваемых.", "ru", [("arrested", 4, "exact", "people")]),
    ("Число пострадавших возросло до 111 человек.", "ru", [("injured", 111, "exact", "people")]),
])
def test_russian_and_ukrainian_figures(text: str, lang: str, expected: list[tuple]) -> None:
    assert brief(text, lang) == expected


def test_non_news_numbers_in_russian_are_no_figures() -> None:
    assert figures("Компания работает на 200 рынках уже 20 лет.", "ru") == []


def test_unsupported_language_gives_nothing() -> None:
    assert find_figures("Zwölf Menschen wurden getötet.", [], "de", Options()) == []


def test_empty_and_huge_inputs() -> None:
    assert figures("") == []
    big = "word " * 100_000
    assert find_figures(big, split_sentences(big, "en"), "en", Options()) == []


def test_one_huge_sentence_full_of_figures_is_read_whole() -> None:
    """A bad input (no sentence ends) must not make the work grow with the square of its size."""
    big = "5 people killed, police said " * 2000
    found = find_figures(big, split_sentences(big, "en"), "en", Options())
    assert len(found) == 2000
    assert all(f.value == 5 and f.claimant is not None and f.claimant.text == "police" for f in found)


def test_seed_report(seed_path) -> None:
    """The running example, read as ingest stores it (boilerplate and layout blanked)."""
    from newsdesk.ingest import read_inputs

    [article] = list(read_inputs([str(seed_path)], Options()))
    text = article.news_text()
    found = figures(text, "en")
    got = [(f.category, f.value, f.qualifier, f.subject, f.stance) for f in found]
    assert ("injured", 22, "at_least", "people", "reported") in got
    assert ("injured", 28, "at_least", "people", "reported") in got
    assert ("injured", 2, "exact", "children", "reported") in got
    assert ("intercepted", 21, "exact", "drones", "reported") in got
    assert ("launched", 49, "exact", "drones", "reported") in got
    revised = [f for f in found if f.stance == "revised"]
    assert [(f.category, f.value) for f in revised] == [("killed", None)]
    assert revised[0].claimant is not None and revised[0].claimant.country == "RU"
    assert "Russian government" in revised[0].claimant.text
    total = next(f for f in found if f.value == 22)
    assert found[[f.value for f in found].index(2)].part_of == found.index(total)
    # the publisher's "over 200 markets" is blanked out and would not count anyway
    assert not any(f.value == 200 for f in found)
    assert len(found) == 7


def test_a_number_with_its_own_verb_is_not_governed_by_an_earlier_trigger() -> None:
    assert brief("In all 1,209 people were wounded, and 44 rebels have deserted since.") == [
        ("injured", 1209, "exact", "people")]
