"""The ledger on gold ECB+ stories, against what a careful reader finds (docs/ledger-check.md).

Each story is one ECB+ sub-topic (reports of one real event), built by
``newsdesk.ledger.handcheck`` independently of the clusterer. The expectations below were
written down by reading every report by hand. Where the current code is wrong the test is
``xfail(strict=True)`` with the cause, so that a fix flips it visibly. Report ids are ECB+
doc ids (``37_12ecbplus``).
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from newsdesk.errors import InputError
from newsdesk.ledger import build_ledger, claims_from_reading
from newsdesk.ledger.handcheck import (
    BASE_TIME,
    CHOSEN,
    COLUMNS,
    StoryCheck,
    build_stories,
    load_subtopics,
    run,
    story_articles,
    tally_rows,
)
from newsdesk.options import Options
from newsdesk.records import Article, Claim, Claimant, Figure, Reading, Tally

# --- helpers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stories(bench_dir: Path) -> dict[str, StoryCheck]:
    out = {}
    for s in build_stories(list(CHOSEN), Options(), path=bench_dir / "ecbplus.jsonl"):
        assert isinstance(s, StoryCheck), s
        assert not s.errors, s.errors  # a report that fails to read would skew every check below
        out[s.subtopic] = s
    return out


def tallies(sc: StoryCheck, category: str, subject: str | None = None) -> list[Tally]:
    return [t for t in sc.ledger.tallies if t.category == category and (subject is None or t.subject == subject)]


def claims(sc: StoryCheck, category: str, subject: str | None = None) -> list[Claim]:
    return [c for t in tallies(sc, category, subject) for c in t.claims]


def reports(cs: list[Claim], suffix: str) -> set[str]:
    """Report numbers (the doc id without the sub-topic prefix and suffix) behind claims."""
    return {c.article.split("_", 1)[1].removesuffix(suffix) for c in cs}


def lows(cs: list[Claim]) -> set[float]:
    return {float(c.figure.value if c.figure.value is not None else c.figure.low) for c in cs}


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


# --- the module itself -----------------------------------------------------------------------


def _ecb_file(tmp_path: Path) -> Path:
    path = tmp_path / "ecb.jsonl"
    rows = [
        {"doc_id": "9_1ecb", "subtopic": "9_ecb", "topic": 9, "split": "x", "text": "Two people were killed ."},
        {"doc_id": "9_2ecb", "subtopic": "9_ecb", "topic": 9, "split": "x", "text": "Three people died ."},
        {"doc_id": "8_1ecb", "subtopic": "8_ecb", "topic": 8, "split": "x", "text": "Nothing ."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_subtopic_documents_in_file_order(tmp_path: Path) -> None:
    docs = load_subtopics(["9_ecb"], _ecb_file(tmp_path))["9_ecb"]
    assert [d["doc_id"] for d in docs] == ["9_1ecb", "9_2ecb"]


def test_reports_get_synthetic_source_and_hourly_time(tmp_path: Path) -> None:
    docs = load_subtopics(["9_ecb"], _ecb_file(tmp_path))["9_ecb"]
    arts = story_articles(docs)
    assert [a.source for a in arts] == ["ecb:9_1ecb", "ecb:9_2ecb"]
    assert [a.published for a in arts] == [BASE_TIME, BASE_TIME + timedelta(hours=1)]
    assert arts[1].text == "Three people died ."


def test_unknown_subtopic_and_missing_file_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="77_ecb"):
        load_subtopics(["77_ecb"], _ecb_file(tmp_path))
    with pytest.raises(InputError, match="nowhere.jsonl"):
        load_subtopics(["9_ecb"], tmp_path / "nowhere.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "1"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl#1"):
        load_subtopics(["9_ecb"], bad)


def test_one_unknown_subtopic_does_not_stop_the_others(tmp_path: Path) -> None:
    out = list(build_stories(["77_ecb", "9_ecb"], Options(), path=_ecb_file(tmp_path)))
    assert isinstance(out[0], InputError) and "77_ecb" in str(out[0])
    assert isinstance(out[1], StoryCheck) and out[1].ledger.story == "ecb:9_ecb"
    rows = tally_rows(out[1].ledger)
    assert rows and {"key", "low", "best", "high", "reports"} <= set(rows[0])


def test_run_gives_the_eval_table_and_names_errors(tmp_path: Path) -> None:
    (tmp_path / "bench").mkdir()
    _ecb_file(tmp_path).rename(tmp_path / "bench" / "ecbplus.jsonl")
    result = run(Options(), {"shared": str(tmp_path), "subset": "9_ecb,77_ecb"})
    assert result["columns"] == COLUMNS
    assert any("77_ecb" in e for e in result["errors"])
    assert {r["subtopic"] for r in result["rows"]} <= {"9_ecb"}


# --- the ledger bugs found, reduced to one or two hand-written figures -----------------------


def _figure(text: str, start: int, category: str, value: int, qualifier: str, *, claimant: str | None = None,
            part_of: int | None = None) -> Figure:
    return Figure(start=start, end=start + len(text), text=text, category=category, value=value, low=value,
                  high=None if qualifier == "at_least" else value, qualifier=qualifier, subject="people",
                  claimant=Claimant(claimant, 0, len(claimant)) if claimant else None, part_of=part_of)


def test_refinement_by_one_claimant_is_not_a_revision() -> None:
    first = Article(id="r1", text="Officials said at least 10 people were killed .", source="a",
                    published=BASE_TIME)
    later = Article(id="r2", text="Officials said 10 people were killed .", source="b",
                    published=BASE_TIME + timedelta(hours=2))
    cs = claims_from_reading(first, Reading("r1", "en", figures=[
        _figure("at least 10 people", 15, "killed", 10, "at_least", claimant="Officials")]))
    cs += claims_from_reading(later, Reading("r2", "en", figures=[
        _figure("10 people", 15, "killed", 10, "exact", claimant="Officials")]))
    (tally,) = build_ledger("s", cs, Options()).tallies
    assert (tally.low, tally.best, tally.high) == (10, 10, 10)
    assert tally.revisions == []


def test_subset_figure_is_not_a_rival_of_its_total() -> None:
    text = "55 people were injured , five of them critically ."
    figures = [_figure("55 people", 0, "injured", 55, "exact"),
               _figure("five of them", 24, "injured", 5, "exact", part_of=0)]
    article = Article(id="p", text=text, source="a", published=BASE_TIME)
    ledger = build_ledger("s", claims_from_reading(article, Reading("p", "en", figures=figures)), Options())
    total = [t for t in ledger.tallies if t.key.startswith("injured|people|")]
    assert len(total) == 1 and total[0].best == 55 and total[0].low == 55


# --- 37_ecbplus: Aceh earthquake, 2013 (14 reports) ------------------------------------------


def test_aceh_missing_two_from_both_reports(stories) -> None:
    cs = claims(stories["37_ecbplus"], "missing")
    assert reports(cs, "ecbplus") == {"12", "14"}
    assert lows(cs) == {2.0}
    assert all(t.best == 2 for t in tallies(stories["37_ecbplus"], "missing"))


def test_aceh_death_figures_read(stories) -> None:
    # 1 dead / at least one, at least three, five, 24 dead / at least 24
    assert lows(claims(stories["37_ecbplus"], "killed", "people")) == {1.0, 3.0, 5.0, 24.0}


def test_aceh_injured_in_every_report_that_gives_it(stories) -> None:
    assert reports(claims(stories["37_ecbplus"], "injured"), "ecbplus") == {
        "10", "13", "14", "1", "2", "3", "4", "5", "6", "7", "8", "9"}


def test_aceh_one_killed_tally(stories) -> None:
    assert len(tallies(stories["37_ecbplus"], "killed", "people")) == 1


def test_aceh_every_death_figure(stories) -> None:
    assert reports(claims(stories["37_ecbplus"], "killed"), "ecbplus") == {
        "12", "14", "1", "2", "3", "4", "6", "9"}


def test_aceh_no_count_of_destroyed_things(stories) -> None:
    # "flattened buildings", "destroyed buildings", "Many houses were damaged": no number anywhere
    sc = stories["37_ecbplus"]
    assert not [c.figure.text for c in claims(sc, "destroyed") + claims(sc, "damaged") if c.figure.value is not None]


def test_aceh_at_least_50_injured(stories) -> None:
    cs = [c for c in claims(stories["37_ecbplus"], "injured") if c.article == "37_7ecbplus"]
    assert 50.0 in lows(cs)


# --- 37_ecb: West Papua earthquakes, 2009 (7 reports) ----------------------------------------


def test_papua_hundreds_of_buildings_destroyed(stories) -> None:
    cs = claims(stories["37_ecb"], "destroyed")
    assert {"5", "6"} <= reports(cs, "ecb")
    assert 801.0 in {t.low for t in tallies(stories["37_ecb"], "destroyed")}  # "more than 800 homes"


@xfail("place split: 'West Papua' and 'Manokwari' (its capital) make two killed tallies")
def test_papua_one_killed_tally(stories) -> None:
    assert len(tallies(stories["37_ecb"], "killed", "people")) == 1


def test_papua_every_report_gives_a_death(stories) -> None:
    assert reports(claims(stories["37_ecb"], "killed"), "ecb") == {"1", "2", "3", "4", "5", "6", "7"}


def test_papua_injured_reports(stories) -> None:
    assert reports(claims(stories["37_ecb"], "injured"), "ecb") == {"1", "3", "4", "5", "6", "7"}


def test_papua_nobody_injured_in_japan(stories) -> None:
    assert all(t.place != "Japan" for t in stories["37_ecb"].ledger.tallies)


# --- 20_ecbplus: Qeshm earthquake, 2005 (10 reports) -----------------------------------------


def test_qeshm05_ten_killed(stories) -> None:
    sc = stories["20_ecbplus"]
    assert reports(claims(sc, "killed"), "ecbplus") == {"11", "1", "2", "3", "4", "5", "6", "7", "8"}
    assert all((t.low, t.best, t.high) == (10, 10, 10) for t in tallies(sc, "killed", "people"))


def test_qeshm05_one_killed_tally(stories) -> None:
    assert len(tallies(stories["20_ecbplus"], "killed", "people")) == 1


@xfail("range rule: the claims now meet in one tally (places nest), but 'at least 50 injured' makes high "
       "open when sources disagree (docs/ledger.md, range step 3), though every bounded claim is <= 80")
def test_qeshm05_injured_range_spans_50_to_80(stories) -> None:
    ts = tallies(stories["20_ecbplus"], "injured", "people")
    assert len(ts) == 1 and ts[0].low <= 50 and ts[0].high is not None and ts[0].high >= 80


def test_qeshm05_seventy_wounded(stories) -> None:
    cs = [c for c in claims(stories["20_ecbplus"], "injured") if c.article == "20_5ecbplus"]
    assert 70.0 in lows(cs)


def test_qeshm05_toll_rises_is_a_revision(stories) -> None:
    cs = [c for c in claims(stories["20_ecbplus"], "killed") if c.article == "20_2ecbplus"]
    assert cs and all(c.figure.stance == "revised" for c in cs)


def test_qeshm05_refinement_is_not_a_revision(stories) -> None:
    for t in stories["20_ecbplus"].ledger.tallies:
        assert all(r["from"] != r["to"] for r in t.revisions if r["from"] is not None), t.revisions


@xfail("extraction misses 'flattening seven villages' / '7 Villages Damaged' on purpose: villages are "
       "in [figures.not_counted] and tests/test_figures_recall.py asserts 'The storm flattened seven villages.' "
       "gives no figure; docs/annotation-guide.md names buildings and vehicles for destroyed, not villages")
def test_qeshm05_seven_villages(stories) -> None:
    cs = claims(stories["20_ecbplus"], "destroyed") + claims(stories["20_ecbplus"], "damaged")
    assert len(reports([c for c in cs if 7.0 in lows([c])], "ecbplus")) >= 2


# --- 20_ecb: Qeshm earthquake, 2008 (5 reports) ----------------------------------------------


def test_qeshm08_injured_five_and_two(stories) -> None:
    cs = claims(stories["20_ecb"], "injured")
    assert reports(cs, "ecb") == {"1", "2", "3"}
    assert lows(cs) == {5.0, 2.0}


def test_qeshm08_two_against_five_is_a_disagreement(stories) -> None:
    ts = tallies(stories["20_ecb"], "injured", "people")
    assert len(ts) == 1 and ts[0].disagreements and ts[0].low == 2 and ts[0].high == 5


# --- 8_ecbplus: Athens bank fire, 2010 (11 reports) ------------------------------------------


def test_athens_three_dead(stories) -> None:
    sc = stories["8_ecbplus"]
    cs = claims(sc, "killed", "people")
    assert lows(cs) == {3.0} and len(reports(cs, "ecbplus")) >= 7
    assert all(t.best == 3 for t in tallies(sc, "killed", "people"))
    women = tallies(sc, "killed", "women")
    assert women and all(t.best == 2 and t.parent and t.parent.startswith("killed|people|") for t in women)


def test_athens_every_report_of_three(stories) -> None:
    assert {"6", "8"} <= reports(claims(stories["8_ecbplus"], "killed"), "ecbplus")


@xfail("wrong place: 'Molotov (cocktail)' is resolved to Perm (Molotov is its former name), and report 10's "
       "'THREE PEOPLE HAVE DIED' takes its event's place Perm over its own sentence's Athens: two killed tallies")
def test_athens_one_killed_tally(stories) -> None:
    assert len(tallies(stories["8_ecbplus"], "killed", "people")) == 1


def test_athens_man_linked_to_total(stories) -> None:
    men = tallies(stories["8_ecbplus"], "killed", "men")
    assert men and all(t.parent for t in men)


# --- 8_ecb: Woodburn (Oregon) bank bombing, 2008 (8 reports) ---------------------------------


@xfail("ledger: both deaths are read one by one in 6 of 8 reports ('a police officer', 'a state bomb disposal "
       "technician'), but two items of one list are two claims of 1, never a tally of 2")
def test_woodburn_two_killed(stories) -> None:
    two = [t for t in tallies(stories["8_ecb"], "killed") if t.best == 2]
    assert two and len(reports(two[0].claims, "ecb")) >= 6


@xfail("extraction: 'critically injuring the Woodburn police chief' (5, 7) and 'the city 's police chief "
       "remained in critical condition' (3): 'the' before one person counts no one (tests/test_figures_recall.py); "
       "counting it as a subject cost 0.008 precision on tune and 0.046 on heldout")
def test_woodburn_chief_injured(stories) -> None:
    assert {"3", "5", "7"} <= reports(claims(stories["8_ecb"], "injured"), "ecb")


# --- 41_ecb: Gaza UN school (Jabaliya), 2009 (9 reports) -------------------------------------


def test_gaza_about_forty_killed_in_many_reports(stories) -> None:
    cs = [c for c in claims(stories["41_ecb"], "killed", "people") if c.figure.value == 40]
    assert len(reports(cs, "ecb")) >= 4
    kids = tallies(stories["41_ecb"], "killed", "children")
    assert kids and kids[0].best == 7 and kids[0].parent


def test_gaza_critically_injured_subset_is_not_a_rival(stories) -> None:
    ts = tallies(stories["41_ecb"], "injured", "people")
    assert ts and all(t.low is not None and t.low >= 44 for t in ts)


@xfail("place split: 'Jabalya', 'Israel' and a wrong 'Hamm' make three killed tallies (the Gaza Strip one "
       "now nests)")
def test_gaza_one_killed_tally(stories) -> None:
    assert len(tallies(stories["41_ecb"], "killed", "people")) == 1


def test_gaza_shells(stories) -> None:
    assert {"5", "8", "9"} <= reports(claims(stories["41_ecb"], "hit"), "ecb")


def test_gaza_doctors_claim(stories) -> None:
    cs = [c for c in claims(stories["41_ecb"], "killed") if c.article == "41_1ecb" and c.figure.value == 40]
    assert cs and all(c.figure.claimant and "Doctors" in c.figure.claimant.text for c in cs)


# --- 41_ecbplus: Sudan bombs Yida refugee camp, 2011 (11 reports) ----------------------------


def test_yida_four_bombs(stories) -> None:
    cs = [c for c in claims(stories["41_ecbplus"], "launched") if c.figure.value == 4]
    assert reports(cs, "ecbplus") == {"4", "6"}


def test_yida_nobody_is_reported_killed_with_a_number(stories) -> None:
    # "A government official initially reported deaths , but ... there were no casualties": the official
    # is a claimant, not a victim; no report gives a number of dead
    assert not [c.figure.text for c in claims(stories["41_ecbplus"], "killed") if (c.figure.value or 0) >= 1]


def test_yida_no_zero_from_thousands(stories) -> None:
    # 'more than 20 , 000 civilians' (ECB+ tokenisation) once read as 0; an explicit "no casualties" is a zero
    assert all(c.figure.value != 0 or c.figure.text.split()[0].lower() in ("no", "none", "nobody")
               for c in stories["41_ecbplus"].claims)


def test_yida_launched_low_is_four(stories) -> None:
    # 'the other two bombs were dropped' is 2 of the 4: a part, in its own tally linked to the total
    # (ledger/build.py, "... (part)"), never a rival dragging the total's low to 2. The test once
    # asserted low = 4 on every launched tally, which the part's own tally (rightly 2) cannot meet.
    ts = tallies(stories["41_ecbplus"], "launched", "missiles")
    assert ts and all(t.low == 4 for t in ts)
    parts = tallies(stories["41_ecbplus"], "launched", "missiles (part)")
    assert all(t.best == 2 and t.parent and t.parent.startswith("launched|missiles|") for t in parts)


def test_yida_two_bombs_hit_the_camp(stories) -> None:
    assert {"2", "4"} <= reports(claims(stories["41_ecbplus"], "hit"), "ecbplus")


# --- 36_ecb: Bountiful polygamist leaders arrested, 2009 (9 reports) -------------------------


def test_bountiful_two_arrested(stories) -> None:
    ts = tallies(stories["36_ecb"], "arrested")
    assert ts and lows([c for t in ts for c in t.claims]) == {2.0} and all(t.best == 2 for t in ts)


def test_bountiful_arrests_in_most_reports(stories) -> None:
    assert len(reports(claims(stories["36_ecb"], "arrested"), "ecb")) >= 7


@xfail("places: 'taken to the RCMP detachment in Cranbrook' places an arrest in Cranbrook, and the "
       "'leaders' read now split between Bountiful and British Columbia")
def test_bountiful_one_place(stories) -> None:
    assert len({t.place for t in tallies(stories["36_ecb"], "arrested")}) == 1


# --- 12_ecb: Indian navy captures 23 pirates, 2008 (19 reports) ------------------------------


def test_pirates_23(stories) -> None:
    ts = tallies(stories["12_ecb"], "arrested")
    assert ts and all(t.best == 23 for t in ts)


def test_pirates_in_most_reports(stories) -> None:
    assert len(reports(claims(stories["12_ecb"], "arrested"), "ecb")) >= 15


# --- 18_ecbplus: Troy (Michigan) office shooting, 2007 (11 reports) --------------------------


def test_troy_one_dead_two_hurt(stories) -> None:
    sc = stories["18_ecbplus"]
    for category, best in (("killed", 1), ("injured", 2)):
        ts = tallies(sc, category, "people")
        assert ts and all(t.best == best and not t.disagreements for t in ts), category


def test_troy_every_report_of_the_death(stories) -> None:
    assert len(reports(claims(stories["18_ecbplus"], "killed"), "ecbplus")) >= 8


def test_troy_every_report_of_the_wounded(stories) -> None:
    assert {"6", "7", "8"} <= reports(claims(stories["18_ecbplus"], "injured"), "ecbplus")


def test_troy_suspect_arrested(stories) -> None:
    cs = [c for c in claims(stories["18_ecbplus"], "arrested") if c.figure.value == 1]
    assert len(reports(cs, "ecbplus")) >= 2


# --- 23_ecbplus: two climbers die at Aoraki/Mount Cook, 2013 (11 reports) --------------------


def test_cook_no_report_says_more_than_two_dead(stories) -> None:
    cs = claims(stories["23_ecbplus"], "killed")
    assert cs and max(lows(cs)) == 2.0


def test_cook_two_dead_in_several_reports(stories) -> None:
    assert len(reports(claims(stories["23_ecbplus"], "killed"), "ecbplus")) >= 4


def test_cook_one_death_is_part_of_the_two(stories) -> None:
    ts = tallies(stories["23_ecbplus"], "killed")
    assert ts and max(t.best or 0 for t in ts) == 2 and not any(t.disagreements for t in ts)
