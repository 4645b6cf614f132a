"""Events from hand-written sentences (en/ru/uk): types, merging, actors, figures and totals.

Places and figures are written by hand here (the geoparser and the figure finder have their own
tests), so that each test checks the event rules alone."""

from __future__ import annotations

import tomllib
from datetime import UTC
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.extract.events import event_total, find_events, read_events
from newsdesk.read.dates import find_dates
from newsdesk.read.sentences import split_sentences
from newsdesk.records import EVENT_TYPES, Figure, Place

BROAD = {"Russia": "RU", "Ukraine": "UA", "Poland": "PL", "Россия": "RU", "України": "UA", "Украины": "UA"}


def place(text: str, word: str, *, kind: str | None = None, country: str | None = None, nth: int = 0) -> Place:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    kind = kind or ("country" if word in BROAD else "city")
    return Place(start, start + len(word), word, abs(hash(word)) % 10**6, word, country or BROAD.get(word, "UA"),
                 None, 0.0, 0.0, kind)


def fig(text: str, span: str, category: str, value: int | None, *, low: int | None = None, high: int | None = None,
        qualifier: str = "exact", stance: str = "reported", subject: str | None = None, part_of: int | None = None,
        nth: int = 0) -> Figure:
    start = -1
    for _ in range(nth + 1):
        start = text.index(span, start + 1)
    low = value if low is None and qualifier in ("exact", "at_least") else low
    high = value if high is None and qualifier == "exact" else high
    f = Figure(start, start + len(span), span, category, value, low, high, qualifier, subject, stance=stance)
    if part_of is not None:
        f.part_of = part_of
    return f


def events(text: str, language: str = "en", places: list[str] = (), figures: list[Figure] = (), published=None):
    ps = [place(text, w) for w in places]
    return read_events(text, split_sentences(text, language), language, places=ps, figures=list(figures),
                       dates=find_dates(text, published, language)), ps


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ("Gunmen kidnapped 12 students in Kaduna.", "Kaduna", "abduction_forced_disappearance"),
        ("Police arrested 40 people in Minsk.", "Minsk", "arrests"),
        ("Thousands rallied peacefully in Tbilisi.", "Tbilisi", "peaceful_protest"),
        ("Police fired tear gas at protesters in Nairobi.", "Nairobi", "protest_with_intervention"),
        ("Soldiers opened fire on protesters in Khartoum.", "Khartoum", "excessive_force_against_protesters"),
        ("Rioters torched cars in Marseille.", "Marseille", "violent_demonstration"),
        ("A suicide bomber blew himself up at a mosque in Peshawar.", "Peshawar", "suicide_bomb"),
        ("A roadside bomb hit a convoy near Kandahar.", "Kandahar", "remote_explosive_landmine_ied"),
        ("An airstrike hit a market in Idlib.", "Idlib", "air_drone_strike"),
        ("Artillery shelling hit Donetsk.", "Donetsk", "shelling_artillery_missile_attack"),
        ("Heavy clashes erupted between the army and rebels in Goma.", "Goma", "armed_clash"),
        ("The two sides signed a ceasefire in Doha.", "Doha", "agreement"),
        ("Looters ransacked shops in Kherson.", "Kherson", "looting_property_destruction"),
        ("Government troops recaptured the town of Palmyra.", "Palmyra", "government_regains_territory"),
        ("A man threw a grenade at a police station in Imphal.", "Imphal", "grenade"),
        ("Militants overran an army base in Mopti.", "Mopti", "non_state_actor_overtakes_territory"),
        ("Ночью российские войска нанесли ракетный удар по Одессе.", "Одессе", "shelling_artillery_missile_attack"),
        ("Беспилотник атаковал нефтебазу в Брянске.", "Брянске", "air_drone_strike"),
        ("Силы ПВО сбили ракету над Белгородом.", "Белгородом", "disrupted_weapons_use"),
        ("В Минске задержаны 20 участников акции.", "Минске", "arrests"),
        ("Полиция разогнала митинг в Тбилиси.", "Тбилиси", "protest_with_intervention"),
        ("В Донецке произошла перестрелка.", "Донецке", "armed_clash"),
        ("Російські війська завдали ракетного удару по Одесі.", "Одесі", "shelling_artillery_missile_attack"),
        ("Ворог атакував Суми безпілотниками-камікадзе, є поранені.", "Суми", "air_drone_strike"),
        ("Сили ППО збили ракету над Києвом.", "Києвом", "disrupted_weapons_use"),
        ("У Херсоні поліція затримала мародерів.", "Херсоні", "arrests"),
        ("У Львові пройшов мітинг на підтримку полонених.", "Львові", "peaceful_protest"),
        ("Унаслідок вибуху придорожньої бомби біля Бахмута загинули двоє.", "Бахмута", "remote_explosive_landmine_ied"),
    ],
)
def test_types(text: str, where: str, expected: str) -> None:
    language = "en" if text.isascii() else ("uk" if any(c in text for c in "іїєґ") else "ru")
    found, _ = events(text, language, [where])
    assert [e.type for e in found.events] == [expected]
    assert found.events[0].place == 0
    assert (found.events[0].start, found.events[0].end) == (0, len(text))


def test_hypothetical_and_summary_words_are_no_events() -> None:
    assert events("Russia threatened to strike Kyiv again.", places=["Kyiv"])[0].events == []
    assert events("The US fears a fresh offensive could come.")[0].events == []
    text = "The final week has witnessed intensified attacks from both sides. Fatigue with the ongoing battle grows."
    assert events(text)[0].events == []
    assert events("The two teams will clash again in Ismailia.", places=["Ismailia"])[0].events == []
    assert events("Россия будет наносить удары по Киеву.", "ru", ["Киеву"])[0].events == []
    assert events("Росія збирається завдати ударів по Києву.", "uk", ["Києву"])[0].events == []


def test_interception_and_launch_are_two_events_with_opposite_actors() -> None:
    text = ("During the Russian onslaught on Kharkiv, Ukrainian air defence managed to shoot down "
            "21 of the 49 drones deployed overnight.")
    figures = [fig(text, "21 of the 49 drones", "intercepted", 21, subject="drones"),
               fig(text, "49 drones", "launched", 49, subject="drones")]
    from datetime import datetime

    found, _ = events(text, places=["Kharkiv"], figures=figures, published=datetime(2023, 12, 31, 10, tzinfo=UTC))
    by_type = {e.type: e for e in found.events}
    assert set(by_type) == {"disrupted_weapons_use", "air_drone_strike"}  # the onslaught is the drone attack
    intercept, drones = by_type["disrupted_weapons_use"], by_type["air_drone_strike"]
    assert [(a.role, a.country, a.sector) for a in intercept.actors] == [("actor1", "UA", "military")]
    assert [(a.role, a.country) for a in drones.actors] == [("actor1", "RU")]
    assert intercept.figures == [0] and drones.figures == [1]
    assert found.figure_events == [list(found.events).index(intercept), list(found.events).index(drones)]
    assert (drones.date, drones.date_precision) == ("2023-12-31", "night")
    assert drones.place == 0 and intercept.place == 0


def test_anaphora_joins_the_event_and_counts_its_figures() -> None:
    text = "A missile strike hit Odesa on Monday. The attack killed three people and injured 12."
    figures = [fig(text, "three people", "killed", 3), fig(text, "12", "injured", 12)]
    found, _ = events(text, places=["Odesa"], figures=figures)
    assert len(found.events) == 1
    e = found.events[0]
    assert e.type == "shelling_artillery_missile_attack"
    assert (e.killed.value, e.injured.value) == (3, 12)
    assert e.figures == [0, 1]
    assert found.figure_places == [0, 0]


def test_events_at_different_places_stay_apart_and_generic_words_take_the_type() -> None:
    text = ("Russian missile strikes hit Kharkiv. The assault on Kharkiv injured at least 22 people. "
            "Missiles also hit Lviv, killing two.")
    figures = [fig(text, "at least 22 people", "injured", 22, qualifier="at_least"), fig(text, "two", "killed", 2)]
    found, ps = events(text, places=["Kharkiv", "Lviv"], figures=figures)
    assert [(e.type, ps[e.place].text) for e in found.events] == [
        ("shelling_artillery_missile_attack", "Kharkiv"), ("shelling_artillery_missile_attack", "Lviv")]
    kharkiv, lviv = found.events
    assert kharkiv.injured.value == 22 and kharkiv.killed is None
    assert lviv.killed.value == 2 and lviv.injured is None
    assert [(a.role, a.country) for a in kharkiv.actors] == [("actor1", "RU")]


def test_figure_without_a_trigger_joins_the_event_just_told_but_not_across_paragraphs() -> None:
    text = "A car bomb exploded in Mogadishu on Friday. At least 12 people were killed, police said.\n\nFive died."
    figures = [fig(text, "At least 12 people", "killed", 12, qualifier="at_least"), fig(text, "Five", "killed", 5)]
    found, _ = events(text, places=["Mogadishu"], figures=figures)
    assert [e.type for e in found.events] == ["remote_explosive_landmine_ied"]
    assert found.events[0].killed.value == 12
    assert found.figure_events == [0, None]


def test_totals_leave_out_parts_denials_and_keep_the_best_lower_bound() -> None:
    text = "Five people were killed, including two children, in the shelling of Kherson."
    figures = [fig(text, "Five people", "killed", 5), fig(text, "two children", "killed", 2, subject="children")]
    found, _ = events(text, places=["Kherson"], figures=figures)
    assert found.events[0].killed.value == 5  # the parts are found by the cue even without part_of
    text = "The shelling of Kherson killed 5 people. Russia denied that 10 civilians were killed in the shelling."
    figures = [fig(text, "5 people", "killed", 5), fig(text, "10 civilians", "killed", 10, stance="denied")]
    found, _ = events(text, places=["Kherson"], figures=figures)
    assert found.events[0].killed.value == 5


def test_event_total_rules() -> None:
    t = "x" * 50
    a = fig(t, "x", "injured", 22, qualifier="at_least")
    b = fig(t, "x", "injured", 28, qualifier="at_least", nth=10)
    total = event_total([a, b], "injured")
    assert (total.value, total.low, total.high) == (28, 28, None)
    first, revised = fig(t, "x", "killed", 15), fig(t, "x", "killed", 12, stance="revised", nth=5)
    assert event_total([first, revised], "killed").value == 12
    none_killed = fig(t, "x", "killed", 0)
    assert event_total([none_killed], "killed").value == 0
    no_number = fig(t, "x", "killed", None, stance="revised", qualifier="vague")
    assert event_total([no_number], "killed") is None
    assert event_total([a], "killed") is None
    part = fig(t, "x", "injured", 30)
    assert event_total([a, part], "injured", parts=[False, True]).value == 22


def test_same_type_without_place_joins_the_recent_event_in_russian() -> None:
    text = ("В ночь на 31 декабря российские войска нанесли ракетный удар по Харькову. "
            "В результате обстрела ранены 28 человек, сообщили в администрации.")
    figures = [fig(text, "28 человек", "injured", 28)]
    from datetime import datetime

    found, _ = events(text, "ru", ["Харькову"], figures, published=datetime(2023, 12, 31, 9, tzinfo=UTC))
    assert len(found.events) == 1
    e = found.events[0]
    assert (e.type, e.injured.value, e.date, e.date_precision) == (
        "shelling_artillery_missile_attack", 28, "2023-12-31", "night")
    assert ("actor1", "RU", "military") in [(a.role, a.country, a.sector) for a in e.actors]
    assert any(a.role == "claimant" and a.sector == "government" for a in e.actors)


def test_ukrainian_interception_actors() -> None:
    text = "Сили ППО України збили 21 з 49 російських безпілотників."
    figures = [fig(text, "21", "intercepted", 21), fig(text, "49 російських безпілотників", "launched", 49,
                                                       subject="drones")]
    found, _ = events(text, "uk", figures=figures)
    types = {e.type: e for e in found.events}
    # no place: the interception is kept only as a typed event; the launch joins the drones
    assert set(types) == {"disrupted_weapons_use", "air_drone_strike"}
    assert [(a.country, a.sector) for a in types["disrupted_weapons_use"].actors if a.role == "actor1"] == [
        ("UA", "military")]
    assert [a.country for a in types["air_drone_strike"].actors if a.role == "actor1"] == ["RU"]


def test_no_language_resources_no_events() -> None:
    text = "Missiles hit Kyiv."
    assert find_events(text, split_sentences(text, "en"), "xx") == []
    assert find_events("", [], "en") == []


@pytest.mark.parametrize("code", ["en", "ru", "uk"])
def test_every_type_in_the_resource_files_is_an_acled_type(code: str) -> None:
    data = tomllib.loads((resources.files("newsdesk.lang") / f"{code}.toml").read_text(encoding="utf-8"))
    ev = data["events"]
    names = set(ev["triggers"]) | set(ev["weapons"]) | set(ev.get("vague", {})) | set(ev.get("modifiers", {}))
    names |= {t for table in ev.get("modifiers", {}).values() for t in table}
    assert names <= set(EVENT_TYPES), names - set(EVENT_TYPES)
    assert len(ev["triggers"]) >= 20  # every language covers the ACLED types, not only shelling


def test_civilians_are_acted_on_never_actor1() -> None:
    text = "At least 75 civilians were killed in Kherson, officials said."
    found, _ = events(text, places=["Kherson"], figures=[fig(text, "At least 75 civilians", "killed", 75,
                                                              qualifier="at_least", subject="civilians")])
    assert len(found.events) == 1
    roles = {(a.role, a.sector) for a in found.events[0].actors}
    assert ("actor2", "civilians") in roles and ("actor1", "civilians") not in roles
    assert ("claimant", "government") in roles

WORDS = st.sampled_from(["missile", "strike", "on", "Kyiv", "killed", "5", "people", "the", "attack", "was",
                         "intercepted", "drones", "Russian", "police", "arrested", ".", ",", "overnight", "this",
                         "ракетный", "удар", "сбили", "обстріл", "\n\n", "said", "including", "two"])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, max_size=60), st.sampled_from(["en", "ru", "uk"]))
def test_any_word_soup_reads_without_error_and_spans_hold(words: list[str], language: str) -> None:
    text = " ".join(words)
    found, ps = events(text, language, [w for w in ("Kyiv",) if w in text])
    for e in found.events:
        assert e.type in EVENT_TYPES
        assert text[e.start:e.end] == e.text
        assert e.place is None or 0 <= e.place < len(ps)
    for d in find_dates(text, None, language):
        assert text[d.start:d.end] == d.text
