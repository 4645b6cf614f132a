"""Attribution: claimant span and country, stance (reported, claimed, denied, revised, estimated)."""

from __future__ import annotations

import pytest

from newsdesk.extract.attribution import attribute, claimant_country
from newsdesk.extract.figures import find_figures
from newsdesk.options import Options
from newsdesk.read.sentences import split_sentences
from newsdesk.records import Figure


def read(text: str, lang: str = "en") -> list[Figure]:
    return find_figures(text, split_sentences(text, lang), lang, Options())


def who(text: str, lang: str = "en") -> list[tuple]:
    return [(f.value, f.stance, f.claimant.text if f.claimant else None, f.claimant.country if f.claimant else None)
            for f in read(text, lang)]


@pytest.mark.parametrize("text,expected", [
    ("Five people were killed, police said.", [(5, "reported", "police", None)]),
    ("Russia's Defense Ministry stated that 12 soldiers were killed.", [(12, "reported", "Russia's Defense Ministry", "RU")]),
    ("According to Ukrainian officials, 30 civilians were wounded.", [(30, "reported", "Ukrainian officials", "UA")]),
    ("At least 11 people died, the Syrian Observatory for Human Rights said.",
     [(11, "reported", "the Syrian Observatory for Human Rights", "SY")]),
    ("Poland's defense forces reported that 3 drones were shot down.", [(3, "reported", "Poland's defense forces", "PL")]),
    ("Rebels claimed they killed 20 soldiers.", [(20, "claimed", "Rebels", None)]),
    ("Ten people were allegedly abducted.", [(10, "claimed", None, None)]),
    ("An estimated 2,000 people were displaced.", [(2000, "estimated", None, None)]),
    ("Five more are believed to be dead.", [(5, "estimated", None, None)]),
    ("The death toll rose to 45, officials said.", [(45, "revised", "officials", None)]),
    ("Three people were killed, said Colonel Luis Isaacs.", [(3, "reported", "Colonel Luis Isaacs", None)]),
])
def test_english_attribution(text: str, expected: list[tuple]) -> None:
    assert who(text) == expected


def test_claim_denied_in_a_trailing_clause() -> None:
    assert who("Rebels said they shot down 3 helicopters, a claim the army denies.") == [
        (3, "claimed", "Rebels", None), (3, "denied", "the army", None)]


def test_claim_denied_in_the_next_sentence() -> None:
    assert who("Hamas said 30 people were killed. Israel denied the claim.") == [
        (30, "claimed", "Hamas", "PS"), (30, "denied", "Israel", "IL")]


def test_denials_come_after_the_figures_so_indexes_hold() -> None:
    found = read("Officials said five people were killed, including two children, a claim the rebels deny.")
    assert [f.stance for f in found] == ["claimed", "claimed", "denied", "denied"]
    assert found[1].part_of == 0 and found[2].part_of is None


def test_pronouns_are_no_claimants() -> None:
    assert who("He said 5 people were killed.") == [(5, "reported", None, None)]


def test_a_stance_word_in_another_clause_does_not_apply() -> None:
    assert who("Some 5,000 people were evacuated and an estimated 2,000 homes destroyed.") == [
        (5000, "reported", None, None), (2000, "estimated", None, None)]


@pytest.mark.parametrize("text,lang,expected", [
    ("Внаслідок атаки загинули щонайменше троє людей, ще 12 поранені, повідомив голова ОВА.", "uk",
     [(3, "reported", "голова ОВА", "UA"), (12, "reported", "голова ОВА", "UA")]),
    ("За даними Генштабу ЗСУ, знищено 25 шахедів.", "uk", [(25, "reported", "Генштабу ЗСУ", "UA")]),
    ("По данным Минобороны России, сбиты 21 из 49 беспилотников.", "ru",
     [(21, "reported", "Минобороны России", "RU"), (49, "reported", "Минобороны России", "RU")]),
    ("В результате обстрела погибли два человека, сообщил губернатор.", "ru", [(2, "reported", "губернатор", None)]),
    ("По предварительным данным, погибли около 10 человек.", "ru", [(10, "estimated", None, None)]),
    ("Число погибших возросло до 12.", "ru", [(12, "revised", None, None)]),
])
def test_russian_and_ukrainian_attribution(text: str, lang: str, expected: list[tuple]) -> None:
    assert who(text, lang) == expected


@pytest.mark.parametrize("text,lang,country", [
    ("Russia's Defense Ministry", "en", "RU"), ("the Russian government", "en", "RU"),
    ("Poland's defense forces", "en", "PL"), ("the Kremlin", "en", "RU"), ("the Pentagon", "en", "US"),
    ("Kenyan police", "en", "KE"), ("the ministry of Burkina Faso", "en", "BF"), ("police", "en", None),
    ("Минобороны России", "ru", "RU"), ("Генштаб ЗСУ", "uk", "UA"), ("МВС України", "uk", "UA"),
])
def test_claimant_country(text: str, lang: str, country: str | None) -> None:
    assert claimant_country(text, lang) == country


def test_attribute_leaves_unknown_languages_alone() -> None:
    fig = Figure(0, 2, "12", "killed", 12, 12, 12, "exact", "people")
    assert attribute("12 tot", [], [fig], "de") == [fig]
    assert fig.claimant is None and fig.stance == "reported"


@pytest.mark.parametrize("text,claimant", [
    # the name before an apposition, the name before a bracketed acronym
    ("Dr. Jose Cordova, the health secretary of Mexico, said that 20 people have died.", "Dr. Jose Cordova"),
    ("The World Health Organization (WHO) says that 71 people have died.", "The World Health Organization"),
    # a sentence-initial name that the text also writes inside a sentence
    ("Health Minister Nancy Perez spoke on Monday. Perez confirmed that 398 people were infected.", "Perez"),
])
def test_claimants_around_appositions_and_names(text: str, claimant: str) -> None:
    assert [c for _, _, c, _ in who(text)] == [claimant]


def test_a_sentence_initial_word_is_no_name_by_itself() -> None:
    assert [c for _, _, c, _ in who("Rumours confirmed that 398 people were infected.")] == [None]


def test_a_likely_link_is_an_estimate_and_a_correction_a_revision() -> None:
    assert [s for _, s, _, _ in who("At least 100 deaths were likely linked to the flu.")] == ["estimated"]
    assert [s for _, s, _, _ in who("We are going to correct our report: 20 soldiers were killed.")] == ["revised"]


def test_a_preposition_inside_a_claimant_and_a_rising_toll() -> None:
    assert who("Doctors in Gaza said more than 40 people died.") == [(40, "reported", "Doctors in Gaza", "PS")]
    assert [s for _, s, _, _ in who("Death toll rises to 10 in Iran quake")] == ["revised"]


def test_lower_case_institutions_are_sources() -> None:
    # MUC-4 newswire is lower-cased: a source is known by its head noun
    found = who("meanwhile, the supreme court of justice complained that five judges have been killed.")
    assert found == [(5, "reported", "the supreme court of justice", None)]


def test_a_personal_pronoun_stands_for_the_source_named_before() -> None:
    text = ("Defense minister general eugenio vides casanova has visited the polling station. "
            "He also said an investigation will be conducted into the murders of three reporters.")
    assert who(text) == [(3, "reported", "Defense minister general eugenio vides casanova", None)]


def test_the_agent_of_a_passive_reporting_verb_is_the_claimant() -> None:
    text = "1,000 turkeys have been confirmed by UK government officials as dying of avian flu."
    assert who(text) == [(1000, "reported", "UK government officials", "GB")]


def test_an_article_alone_is_no_claimant() -> None:
    text = "Students Injured\nAn alleged ongoing confrontation on the campus has left at least one student injured."
    assert [(v, c) for v, _, c, _ in who(text)] == [(1, None)]


def test_a_warning_names_its_source_and_a_possibility_is_an_estimate() -> None:
    assert who("The United Nations has warned that up to 750,000 people could be hit by heavy flooding.") == [
        (750000, "estimated", "The United Nations", None)]


def test_an_acronym_is_a_claimant_though_it_spells_a_stop_word() -> None:
    assert who("The WHO confirmed 12 new cases.") == [(12, "reported", "The WHO", None)]


def test_a_toll_claimed_by_a_disaster_is_no_claim() -> None:
    assert who("The fire claimed the lives of 12 people.") == [(12, "reported", None, None)]


def test_a_partys_communique_claims_its_figures() -> None:
    text = "We repeat: our fighters annihilated that position. The army sustained 20 killed and 10 wounded."
    assert [(v, s) for v, s, _, _ in who(text)] == [(20, "claimed"), (10, "claimed")]


def test_a_party_quoted_in_a_report_does_not_make_it_a_communique() -> None:
    text = 'The general said: "our forces are strong". Police said 20 people were killed.'
    assert [(v, s) for v, s, _, _ in who(text)] == [(20, "reported")]


def test_who_has_a_confirmed_count_gives_it() -> None:
    assert who("Sweden has 17 confirmed dead.") == [(17, "reported", "Sweden", "SE")]
