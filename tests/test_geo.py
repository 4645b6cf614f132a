"""Places: gazetteer look-ups and recognition/resolution on hand-written sentences."""

from __future__ import annotations

import re

import pytest

from newsdesk.errors import GazetteerError
from newsdesk.geo import Gazetteer, HomeRegion, find_places, home_from_url, infer_home
from newsdesk.geo.evaluate import distance_km, score
from newsdesk.geo.tokenise import name_key, stem_keys
from newsdesk.options import Options
from newsdesk.records import Place


@pytest.fixture(scope="module")
def options() -> Options:
    return Options()


@pytest.fixture(scope="module")
def gaz(options: Options) -> Gazetteer:
    return Gazetteer.load(options)  # built into the data directory on first use


def places(text: str, gaz: Gazetteer, options: Options, **kw) -> dict[str, Place]:
    found = find_places(text, gaz, options, **kw)
    for p in found:
        assert text[p.start:p.end] == p.text
    return {p.text: p for p in found}


# --- gazetteer ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Kyiv", "Kiev", "Kiew", "Київ", "Киев", "Kijów"])
def test_multilingual_names_resolve_to_kyiv(gaz: Gazetteer, name: str) -> None:
    first = gaz.lookup(name)[0]
    assert (first.name, first.country, first.geonameid) == ("Kyiv", "UA", 703448)


def test_country_points_follow_geonames(gaz: Gazetteer) -> None:
    us = gaz.lookup("United States")[0]
    assert us.kind == "country" and distance_km(us.lat, us.lon, 39.76, -98.5) < 1
    assert gaz.lookup("U.S.")[0].name == "United States"
    assert gaz.lookup("W.Va.")[0].name == "West Virginia"


def test_us_counties_and_small_towns_have_points(gaz: Gazetteer) -> None:
    county = gaz.lookup("Rapides Parish")[0]
    assert county.kind == "admin2" and county.admin1 == "Louisiana"
    assert distance_km(county.lat, county.lon, 31.2, -92.5) < 50


def test_missing_index_is_a_clear_error(tmp_path) -> None:
    opts = Options().replace("geo", index_path=str(tmp_path / "nope.pickle"))
    with pytest.raises(GazetteerError, match="nope.pickle"):
        Gazetteer.load(opts)


def test_unwritable_data_dir_is_a_clear_error(tmp_path) -> None:
    from newsdesk.geo.build import build_index

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(GazetteerError, match="cannot write"):
        build_index(blocker / "data", force=True)


def test_keys_fold_case_marks_and_punctuation() -> None:
    assert name_key("St. Petersburg") == name_key("st-petersburg") == "st petersburg"
    assert name_key("Zürich") == "zurich"
    assert "харьков" in stem_keys("харькова")
    assert "киев" in stem_keys("киеве")


# --- recognition and resolution -------------------------------------------------------------------


def test_city_state_patterns(gaz: Gazetteer, options: Options) -> None:
    found = places("Officials met in Springfield, Illinois, and later in Alexandria, La., on Monday.", gaz, options)
    assert found["Springfield"].admin1 == "Illinois"
    assert found["Alexandria"].admin1 == "Louisiana"
    assert found["La."].name == "Louisiana"  # the abbreviation keeps its period
    found = places("The fair opened in Paris, Texas, and in Springfield, Mass.", gaz, options)
    assert found["Paris"].admin1 == "Texas"
    assert found["Springfield"].admin1 == "Massachusetts"


def test_abbreviations_and_datelines(gaz: Gazetteer, options: Options) -> None:
    text = "CHARLESTON, W.Va. -- The U.S. Senate voted on a bill that Kanawha County officials backed."
    found = places(text, gaz, options)
    assert found["CHARLESTON"].admin1 == "West Virginia"
    assert found["W.Va."].name == "West Virginia"
    assert found["U.S."].name == "United States"
    assert found["Kanawha County"].admin1 == "West Virginia"
    # all-caps words outside a dateline are not places
    assert "NATO" not in places("NATO and the EU met in Brussels.", gaz, options)


def test_possessives_and_hyphens(gaz: Gazetteer, options: Options) -> None:
    text = "Russia's army shelled the Kharkiv-based plant; an Ohio-based firm sued."
    found = places(text, gaz, options)
    assert found["Russia"].country == "RU"
    assert found["Kharkiv"].country == "UA"
    assert found["Ohio"].kind == "admin1"
    assert not any("'" in t or "-" in t for t in found)


def test_people_who_share_a_place_name(gaz: Gazetteer, options: Options) -> None:
    text = ("Chiquita Raquel Henry, 19, of Alexandria, was arrested. Detectives led to Henry after a tip. "
            "Gov. Georgia Smith and Jordan Smith attended. Baker said the hearing went well.")
    found = places(text, gaz, options)
    assert "Henry" not in found
    assert "Georgia" not in found and "Jordan" not in found
    assert "Baker" not in found
    assert "Alexandria" in found


def test_features_directions_organisations_and_diseases(gaz: Gazetteer, options: Options) -> None:
    text = ("Farms in the Salinas Valley of California were closed. The outbreak may reach Northern Europe. "
            "The New York Times said a Marburg virus case was found in Bondi, Sydney.")
    found = places(text, gaz, options)
    assert found["Salinas Valley"].admin1 == "California"
    assert found["Northern Europe"].kind == "continent"
    assert found["Bondi"].country == "AU" and found["Sydney"].country == "AU"  # not Bondy, France
    assert "New York" not in found and "Marburg" not in found
    # "Washington" alone is the capital; "Washington state" the state (and settles the name)
    assert places("Lawmakers in Washington debated the bill.", gaz, options)["Washington"].admin1 \
        == "District of Columbia"
    assert places("Washington state officials objected.", gaz, options)["Washington"].kind == "admin1"


def test_generic_domains_need_a_town_name(gaz: Gazetteer) -> None:
    assert home_from_url("https://en.wikinews.org/wiki/Something", gaz).countries == {}
    home = home_from_url("http://www.gainesville.com/article/1", gaz)
    assert home.countries == {"US": 1.0} and "Gainesville" in home.names


def test_demonyms_are_not_places_by_default(gaz: Gazetteer, options: Options) -> None:
    text = "A German journalist and Russian officials spoke to Ukrainian troops near Kharkiv."
    assert set(places(text, gaz, options)) == {"Kharkiv"}
    found = places(text, gaz, options.replace("geo", demonyms=True))
    assert found["German"].country == "DE" and found["Russian"].country == "RU"


def test_document_context_picks_the_sense(gaz: Gazetteer, options: Options) -> None:
    caucasus = places("Fighting broke out in Georgia as troops left Tbilisi and Gori.", gaz, options)
    assert caucasus["Georgia"].country == "GE"
    south = places("Georgia lawmakers met in Atlanta and Macon to discuss the budget.", gaz, options)
    assert south["Georgia"].country == "US"


def test_russian_and_ukrainian_inflected_names(gaz: Gazetteer, options: Options) -> None:
    found = places("Обстрел Харькова продолжился, в Киеве объявили тревогу.", gaz, options, language="ru")
    assert found["Харькова"].name == "Kharkiv"
    assert found["Киеве"].name == "Kyiv"
    found = places("Президент России Владимир Путин говорил о Белгороде.", gaz, options, language="ru")
    assert found["России"].country == "RU" and found["Белгороде"].kind == "city"
    assert "Владимир" not in found
    found = places("Росія атакувала Київ і Харків.", gaz, options, language="uk")
    assert found["Київ"].name == "Kyiv" and found["Харків"].name == "Kharkiv" and found["Росія"].country == "RU"


def test_home_region_from_url_and_other_articles(gaz: Gazetteer, options: Options) -> None:
    home = home_from_url("http://www.thisisoxfordshire.co.uk/news/1", gaz)
    assert home is not None and home.countries == {"GB": 1.0}
    found = places("Students from Cambridge joined the protest.", gaz, options,
                   url="http://www.thisisoxfordshire.co.uk/news/1")
    assert found["Cambridge"].country == "GB"
    local = infer_home([[Place(0, 4, "Ohio", None, "Ohio", "US", "Ohio", 40.0, -83.0, "city")]] * 3)
    assert local.admin1 == {"US|Ohio": 3.0}
    found = places("The council in Newark approved the plan.", gaz, options, home=local)
    assert found["Newark"].admin1 == "Ohio"
    assert isinstance(HomeRegion().merge(None), HomeRegion)


def test_seed_places(gaz: Gazetteer, options: Options, seed_path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    found = find_places(text, gaz, options, language="en")
    got = {(p.name, p.country, p.kind) for p in found}
    assert ("Belgorod", "RU", "city") in got
    assert ("Kharkiv", "UA", "city") in got
    assert ("Kyiv", "UA", "capital") in got
    for country, code in (("Ukraine", "UA"), ("Russia", "RU"), ("Poland", "PL")):
        assert (country, code, "country") in got
    assert ("Europe", None, "continent") in got
    texts = {p.text for p in found}
    assert not texts & {"German", "Russian", "Ukrainian", "United Nations", "Security Council"}
    body = text.index("In the latest escalation")
    assert len([p for p in found if p.name == "Belgorod" and p.start > body]) >= 2
    for m in re.finditer(r"Kharkiv", text):
        assert any(p.start == m.start() for p in found)


def test_bad_input_does_not_crash(gaz: Gazetteer, options: Options) -> None:
    assert find_places("", gaz, options) == []
    odd = "北京和上海 ¿¡ 🙂"
    found = find_places(odd, gaz, options)  # no exception, and whatever is found is a span of the text
    assert all(odd[p.start:p.end] == p.text and p.lat is not None for p in found)
    assert find_places("Paris " * 20000, gaz, options)[0].name == "Paris"


def test_elided_article_joins_a_name(gaz: Gazetteer, options: Options) -> None:
    got = places("Cases in Benin, Côte d'Ivoire and Ghana.", gaz, options)
    assert got["Côte d'Ivoire"].country == "CI" and got["Côte d'Ivoire"].kind == "country"


def test_said_after_a_locative_preposition_is_still_a_place(gaz: Gazetteer, options: Options) -> None:
    got = places("Twelve cases in Ontario and eight in Quebec. Health authorities in Alberta said more "
                 "tests were under way.", gaz, options)
    assert got["Alberta"].country == "CA" and got["Alberta"].kind == "admin1"
    # a surname before "said" stays a person
    assert "Baker" not in places("Officials in Ohio met. Baker said the plant was closed.", gaz, options)


def test_name_prefixes_cover_multiword_names_only(gaz: Gazetteer) -> None:
    multi = [k for k in list(gaz.index)[::997] if " " in k]
    assert multi
    for key in multi:  # every opening of a multi-word name is a prefix
        words = key.split(" ")
        assert all(" ".join(words[:n]) in gaz.prefixes for n in range(1, len(words)))
    assert "new york" in gaz.prefixes and "zzqx" not in gaz.prefixes
    assert not any(p.endswith(" ") or not p for p in list(gaz.prefixes)[:1000])


def test_recognition_is_the_same_with_and_without_the_prefix_shortcut(gaz: Gazetteer, options: Options,
                                                                      monkeypatch) -> None:
    """The prefix set only saves work: with every key declared a prefix, the result is the same."""
    text = ("The governor of New York met officials from Los Angeles and St. Petersburg, Russia, on "
            "Tuesday. He said Kharkiv, Lake Opechee and the Neches River were also affected. The Hague "
            "and The Dalles, Ore., sent help.")
    fast = find_places(text, gaz, options)

    class Everything(frozenset):
        def __contains__(self, item: object) -> bool:
            return True

    monkeypatch.setattr(gaz, "prefixes", Everything())
    assert find_places(text, gaz, options) == fast
    assert {"New York", "Los Angeles", "St. Petersburg", "Russia", "Kharkiv"} <= {p.text for p in fast}


# --- evaluation metrics -----------------------------------------------------------------------------


def test_score_counts_missed_toponyms_as_wrong() -> None:
    doc = {"text": "Paris and Lyon", "toponyms": [
        {"start0": 0, "end0": 5, "lat": 48.85, "lon": 2.35},
        {"start0": 10, "end0": 14, "lat": 45.75, "lon": 4.85}]}
    pred = [Place(0, 5, "Paris", 1, "Paris", "FR", None, 48.86, 2.35, "capital"),
            Place(6, 9, "and", 2, "X", "FR", None, 0.0, 0.0, "city")]
    s = score([doc], [pred])
    assert s["e2e_acc161"] == 0.5 and s["P"] == 0.5 and s["R"] == 0.5 and s["matched"] == 1
    assert s["acc161"] == 1.0


# --- command line -------------------------------------------------------------------------------------


def test_cli_lookup_and_places(gaz: Gazetteer, capsys, monkeypatch, tmp_path) -> None:
    import io
    import json

    from newsdesk.cli import main

    assert main(["gazetteer", "lookup", "Kiew"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["name"] == "Kyiv" and first["country"] == "UA"
    assert main(["gazetteer", "lookup", "Nowhereville-on-Nothing"]) == 1
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("Shelling hit Kharkiv and Belgorod, Russia."))
    assert main(["places", "-"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["text"], r["country"]) for r in rows] == [("Kharkiv", "UA"), ("Belgorod", "RU"), ("Russia", "RU")]
    assert main(["places", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err


def test_sentence_gaps_found_locally_match_the_regex() -> None:
    """The headline test finds sentence starts with str.find/rfind in a window; it must agree with
    the regular expression scanned over the whole text, or say it cannot decide (None)."""
    import bisect
    import random

    from newsdesk.geo.resolve import _SENT_GAP, _gap_after, _gap_before

    rnd = random.Random(7)
    texts = ["Mr. Smith went to Paris.\nThen he said: why? Fine!  Ok", "U.S. troops. . .\n\nEnd", ""]
    texts += ["".join(rnd.choice("ab .!?\n\t\u00a0") for _ in range(rnd.randrange(0, 40))) for _ in range(500)]
    for t in texts:
        bounds = [m.end() for m in _SENT_GAP.finditer(t)]
        for pos in range(len(t) + 1):
            k = bisect.bisect_right(bounds, pos)
            lo, hi = (bounds[k - 1] if k > 0 else 0), (bounds[k] if k < len(bounds) else -1)
            for window in (2, 5, 10**6):
                assert _gap_before(t, pos, max(0, pos - window)) in (lo, None)
                assert _gap_after(t, pos, pos + window) in (hi, None)
            assert (_gap_before(t, pos, 0), _gap_after(t, pos, len(t))) == (lo, hi)
