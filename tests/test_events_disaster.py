"""Rule 8 of newsdesk.extract.events: an outbreak's or a disaster's tolls form an event of type other."""

from __future__ import annotations

import pytest

from newsdesk.extract.events import find_events
from newsdesk.extract.figures import find_figures
from newsdesk.read.sentences import split_sentences


def events(text: str):
    sents = split_sentences(text, "en")
    return find_events(text, sents, "en", figures=find_figures(text, sents, "en"))


def test_outbreak_tolls_form_an_event() -> None:
    found = events("A cholera outbreak has spread across the country. At least 163 people have died "
                   "and 355 cases were reported.")
    assert [(e.type, e.killed.value if e.killed else None) for e in found] == [("other", 163)]


def test_a_flood_toll_is_not_an_attack() -> None:
    found = events("Floods have hit the region. An estimated 1,400 have been killed across the region.")
    assert [e.type for e in found] == ["other"] and found[0].killed.value == 1400


def test_a_violent_event_keeps_its_toll_and_no_disaster_is_added() -> None:
    found = events("A suicide bomber killed 12 people in Kabul on Monday.")
    assert [e.type for e in found] == ["suicide_bomb"] and found[0].killed.value == 12


def test_no_disaster_without_a_toll() -> None:
    assert events("The flu season has started early this year.") == []


def test_no_casualties_gives_zero_killed_and_injured() -> None:
    found = events("A bomb exploded in San Salvador on Monday, but there were no casualties.")
    assert len(found) == 1 and found[0].killed.value == 0 and found[0].injured.value == 0


def test_the_armed_sides_are_summed() -> None:
    found = events("A suicide bomber attacked a base in Helmand on Monday. 23 soldiers were killed and "
                   "twenty insurgents were killed.")
    assert found[0].killed.value == 43


def test_overlapping_groups_are_not_summed() -> None:
    found = events("A suicide bomber killed 12 people in Kabul on Monday, including three soldiers.")
    assert found[0].killed.value == 12


def test_an_agent_is_no_victim() -> None:
    found = events("A suicide bomber killed 23 soldiers in Helmand on Monday.")
    assert found[0].killed.value == 23


def test_a_murder_is_an_event_that_takes_its_toll() -> None:
    found = events("two u.s. mormon missionaries -- aged 19 and 21 -- were shot to death in la paz.")
    assert [(e.type, e.killed.value if e.killed else None) for e in found] == [("attack", 2)]


def test_a_disaster_named_late_leaves_the_attacks_alone() -> None:
    found = events("Gunmen attacked a village on Monday. Five people were killed. Police said the gunmen fled. "
                   "Aid groups arrived. Later, officials said a cholera outbreak had also hit the region.")
    assert found and found[0].type != "other" and found[0].killed.value == 5


def test_storm_shadow_is_no_storm() -> None:
    found = events("Storm Shadow missiles struck Sevastopol; two people were killed.")
    assert all(e.type != "other" for e in found)


@pytest.mark.parametrize("text,lang", [
    ("В результате наводнения погибли 12 человек.", "ru"),
    ("Внаслідок повені загинули 12 людей.", "uk"),
])
def test_disasters_in_russian_and_ukrainian(text: str, lang: str) -> None:
    sents = split_sentences(text, lang)
    found = find_events(text, sents, lang, figures=find_figures(text, sents, lang))
    assert [(e.type, e.killed.value) for e in found] == [("other", 12)]


# --- totals: lists, apposition, "also", animals, outbreaks, late disaster words (rule 6) ---------


def test_a_list_of_disjoint_victims_is_summed() -> None:
    found = events("A suicide bomber attacked a patrol near Bagram. Six soldiers were killed with two other "
                   "Americans and an Afghani injured.")
    assert found[0].killed.value == 6 and found[0].injured.value == 3


def test_a_list_that_names_its_total_is_not_summed() -> None:
    found = events("Gunmen attacked a checkpoint in San Salvador, killing three reporters, two salvadorans and "
                   "a netherlander.")
    assert found[0].killed.value == 3


def test_a_victim_told_as_also_killed_is_added() -> None:
    found = events("A roadside bomb killed a major general in Deir ez-Zor. Three soldiers were wounded. "
                   "A local commander, a militia leader, was also killed.")
    assert found[0].killed.value == 2 and found[0].injured.value == 3


def test_animals_make_no_toll() -> None:
    found = events("An outbreak of bird flu hit a farm in Suffolk. 1,000 turkeys have died and a further 1,600 "
                   "have died since.")
    assert all(e.killed is None for e in found)


def test_an_outbreak_has_no_injured_total() -> None:
    found = events("Health officials reported two diseases. There have been 398 cases of chikungunya. "
                   "A confrontation on the campus has left at least one student injured.")
    assert all(e.injured is None for e in found if e.type == "other")


def test_a_disaster_named_only_after_the_tolls_takes_none() -> None:
    found = events("Funeral homes looted corpses across Brooklyn. Prosecutors said 1,077 bodies were involved. "
                   "Patients were told to see a doctor. Thousands received letters. Now they are tested for "
                   "infectious diseases.")
    assert found == [] or all(e.killed is None for e in found if e.type == "other")
