"""The figures/types scorer on hand-made predictions, and the gold set against the shared texts."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from newsdesk.errors import ExtractError, InputError
from newsdesk.extract import evaluate as ev
from newsdesk.options import Options
from newsdesk.records import Claimant, Count, Event, Figure, Reading

# --- a small hand-written document -------------------------------------------------------------

TEXT = ("Officials said at least 22 people were injured and five were killed, including two children. "
        "Dozens of homes were damaged, the mayor said.")


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def _fig(quote: str, category: str, value, qualifier: str = "exact", claimant: str | None = None,
         stance: str = "reported") -> dict:
    s, e = _span(TEXT, quote)
    c = None
    if claimant:
        cs, ce = _span(TEXT, claimant)
        c = {"text": claimant, "start": cs, "end": ce, "mentions": []}
    return {"start": s, "end": e, "text": quote, "category": category, "value": value, "low": None,
            "high": None, "qualifier": qualifier, "subject": None, "claimant": c, "stance": stance}


GOLD_FIGS = [
    _fig("at least 22 people", "injured", 22, "at_least", claimant="Officials"),
    _fig("five", "killed", 5, claimant="Officials"),
    _fig("two children", "killed", 2, claimant="Officials"),
    _fig("Dozens of homes", "damaged", None, "vague", claimant="the mayor"),
]
DOC = {"id": "d1", "set": "muc4", "split": "tune", "text": TEXT, "figures": GOLD_FIGS,
       "killed": 5, "injured": 22, "event_types": ["attack", "looting_property_destruction"]}


def _reading(figs: list[dict], events: list[dict] | None = None) -> dict:
    return {"id": "d1", "figures": figs, "events": events if events is not None else
            [{"type": "attack", "killed": {"value": 5}, "injured": {"value": 22}},
             {"type": "looting_property_destruction", "killed": None, "injured": None}]}


def _perfect() -> dict:
    return _reading(copy.deepcopy(GOLD_FIGS))


# --- figures -----------------------------------------------------------------------------------


def test_perfect_prediction_scores_one():
    s = ev.score_figures([DOC], {"d1": _perfect()})
    assert (s["precision"], s["recall"], s["f1"]) == (1.0, 1.0, 1.0)
    assert s["totals_exact"] == 1.0 and s["claimant_stance"] == 1.0 and s["misses"] == []


def test_missing_one_figure_lowers_recall_only():
    pred = _perfect()
    del pred["figures"][2]
    s = ev.score_figures([DOC], {"d1": pred})
    assert s["precision"] == 1.0
    assert s["recall"] == round(3 / 4, 4)
    assert s["f1"] == round(2 * 1.0 * 0.75 / 1.75, 4)
    assert s["misses"] == [{"id": "d1", "missed": "two children", "category": "killed"}]


def test_wrong_value_is_not_matched():
    pred = _perfect()
    pred["figures"][1]["value"] = 6
    s = ev.score_figures([DOC], {"d1": pred})
    assert s["matched"] == 3 and s["precision"] == 0.75 and s["recall"] == 0.75
    assert s["span_recall"] == 1.0  # the span was found, the label was wrong


def test_wrong_category_is_not_matched():
    pred = _perfect()
    pred["figures"][0]["category"] = "killed"
    assert ev.score_figures([DOC], {"d1": pred})["matched"] == 3


def test_vague_null_matches_null_but_not_a_number():
    pred = _perfect()
    assert ev.match_figures(GOLD_FIGS[3:], pred["figures"][3:]) == [(0, 0)]
    pred["figures"][3]["value"] = 24
    assert ev.match_figures(GOLD_FIGS[3:], pred["figures"][3:]) == []


def test_span_must_overlap():
    pred = _perfect()
    s, e = _span(TEXT, "the mayor")  # right label, wrong place
    pred["figures"][3].update(start=s, end=e)
    assert ev.score_figures([DOC], {"d1": pred})["matched"] == 3


def test_partial_overlap_matches_and_matching_is_one_to_one():
    s, e = _span(TEXT, "22")
    one = dict(GOLD_FIGS[0], start=s, end=e)
    twice = [one, dict(one)]
    pairs = ev.match_figures(GOLD_FIGS, twice)
    assert pairs == [(0, 0)]
    score = ev.score_figures([DOC], {"d1": _reading(twice)})
    assert score["precision"] == 0.5 and score["recall"] == 0.25


def test_larger_overlap_wins():
    gold = [dict(GOLD_FIGS[1], start=0, end=10), dict(GOLD_FIGS[1], start=10, end=20)]
    pred = [dict(GOLD_FIGS[1], start=8, end=20)]  # 2 chars into the first, 10 into the second
    assert ev.match_figures(gold, pred) == [(1, 0)]


def test_no_reading_is_an_empty_prediction():
    s = ev.score_figures([DOC], {})
    assert s["recall"] == 0.0 and s["precision"] is None and s["totals_exact"] == 0.0


# --- claimant and stance -----------------------------------------------------------------------


def test_claimant_by_overlap_and_stance_by_equality():
    pred = _perfect()
    pred["figures"][0]["claimant"] = {"text": "Officials said", "start": 0, "end": 14}  # overlaps
    pred["figures"][1]["claimant"] = None  # gold has one
    pred["figures"][2]["stance"] = "claimed"
    s = ev.score_figures([DOC], {"d1": pred})
    assert s["claimant"] == 0.75 and s["stance"] == 0.75 and s["claimant_stance"] == 0.5


def test_claimant_any_gold_mention_counts_and_null_matches_null():
    gold = {"text": "He", "start": 50, "end": 52, "mentions": [{"text": "Angel", "start": 10, "end": 15}]}
    assert ev._claimant_right(gold, {"start": 12, "end": 20})
    assert not ev._claimant_right(gold, {"start": 30, "end": 40})
    assert ev._claimant_right(None, None)
    assert not ev._claimant_right(None, {"start": 12, "end": 20})


# --- totals ------------------------------------------------------------------------------------


def test_totals_come_from_the_first_event_with_a_count():
    reading = {"events": [{"type": "other", "killed": None, "injured": None},
                          {"type": "attack", "killed": {"value": 5}, "injured": None},
                          {"type": "attack", "killed": {"value": 130}, "injured": {"value": 40}}]}
    assert ev.main_totals(reading) == (5, None)
    assert ev.main_totals({"events": []}) == (None, None)


def test_totals_need_both_right_and_zero_is_not_null():
    pred = _perfect()
    pred["events"][0]["injured"] = {"value": 28}
    s = ev.score_figures([DOC], {"d1": pred})
    assert s["killed_exact"] == 1.0 and s["injured_exact"] == 0.0 and s["totals_exact"] == 0.0
    doc = dict(DOC, injured=None)
    pred = _perfect()
    pred["events"][0]["injured"] = {"value": 0}
    assert ev.score_figures([doc], {"d1": pred})["injured_exact"] == 0.0


def test_records_are_accepted_as_predictions():
    s, e = _span(TEXT, "five")
    cs, ce = _span(TEXT, "Officials")
    reading = Reading(id="d1", language="en", figures=[
        Figure(start=s, end=e, text="five", category="killed", value=5, low=5, high=5, qualifier="exact",
               claimant=Claimant(text="Officials", start=cs, end=ce))],
        events=[Event(type="attack", start=0, end=10, text="x", killed=Count(5, 5, 5), injured=Count(22, 22, None))])
    score = ev.score_figures([DOC], {"d1": reading})
    assert score["matched"] == 1 and score["precision"] == 1.0 and score["totals_exact"] == 1.0
    assert score["claimant_stance"] == 1.0


# --- types -------------------------------------------------------------------------------------


def test_type_scores_by_hand():
    docs = [dict(DOC, id="a", event_types=["attack"]),
            dict(DOC, id="b", event_types=["attack", "arrests"]),
            dict(DOC, id="c", event_types=[])]
    preds = {"a": {"events": [{"type": "attack"}]},
             "b": {"events": [{"type": "arrests"}, {"type": "grenade"}]},
             "c": {"events": [{"type": "attack"}]}}
    s = ev.score_types(docs, preds)
    # attack: tp 1 (a), fn 1 (b), fp 1 (c) -> P 0.5 R 0.5 F1 0.5; arrests: P 1 R 1 F1 1
    assert s["types"]["attack"]["f1"] == 0.5 and s["types"]["arrests"]["f1"] == 1.0
    assert s["macro_f1"] == 0.75 and s["gold_types"] == 2  # grenade is not a gold type
    assert s["types"]["grenade"]["fp"] == 1
    # micro: tp 2, fp 2 (attack in c, grenade in b), fn 1 (attack in b)
    assert s["micro_precision"] == 0.5 and s["micro_recall"] == round(2 / 3, 4)


# --- running an extractor ----------------------------------------------------------------------


def test_one_failing_article_is_reported_and_the_batch_goes_on():
    docs = [dict(DOC, id="ok"), dict(DOC, id="bad"), dict(DOC, id="bug")]

    def read(article, options):
        if article.id == "bad":
            raise ExtractError(article.id, "broken on purpose")
        if article.id == "bug":
            raise ZeroDivisionError("a bug")
        return _perfect()

    readings, errors = ev.predict(docs, Options(), read=read)
    assert list(readings) == ["ok"] and len(errors) == 2
    assert "bad" in errors[0] and "bug: ZeroDivisionError" in errors[1]
    s = ev.score_figures(docs, readings)
    assert s["recall"] == round(1 / 3, 4) and s["precision"] == 1.0


def _oracle(docs):
    """A fake extractor that returns each gold document's annotation as its reading."""
    by_text = {d["text"]: d for d in docs}

    def read(article, options):
        d = by_text[article.text]
        events = [{"type": t, "killed": None, "injured": None} for t in d["event_types"]]
        if d["killed"] is not None or d["injured"] is not None:
            if not events:
                events = [{"type": "other"}]
            events[0]["killed"] = None if d["killed"] is None else {"value": d["killed"]}
            events[0]["injured"] = None if d["injured"] is None else {"value": d["injured"]}
        return {"id": article.id, "figures": copy.deepcopy(d["figures"]), "events": events}

    return read


def test_run_figures_end_to_end_with_an_oracle(shared, monkeypatch):
    docs = ev.gold_documents(shared)
    monkeypatch.setattr(ev, "_extractor", lambda: _oracle(docs))
    result = ev.run_figures(Options(), {"shared": str(shared)})
    assert set(result) >= {"rows", "columns", "title"}
    rows = {(r["split"], r["set"]): r for r in result["rows"]}
    assert {("tune", "all"), ("heldout", "all"), ("all", "all")} <= set(rows)
    for r in result["rows"]:
        assert r["precision"] == r["recall"] == r["totals_exact"] == r["claimant_stance"] == 1.0
    assert rows[("all", "all")]["articles"] == len(docs)
    assert all(all(v.values()) for v in result["meets_targets"].values())
    assert rows[("tune", "all")]["gold"] + rows[("heldout", "all")]["gold"] == rows[("all", "all")]["gold"]


def test_run_types_end_to_end_with_an_oracle(shared, monkeypatch):
    docs = ev.gold_documents(shared)
    monkeypatch.setattr(ev, "_extractor", lambda: _oracle(docs))
    result = ev.run_types(Options(), {"shared": str(shared), "subset": "heldout"})
    assert result["summary"]["heldout"]["articles"] == sum(d["split"] == "heldout" for d in docs)
    macro = [r for r in result["rows"] if r["type"].startswith("MACRO")]
    assert macro and all(r["f1"] == 1.0 for r in macro)


# --- the gold file -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gold_docs(shared):
    return ev.gold_documents(shared)


def test_gold_spans_quote_the_shared_texts_and_labels_are_in_the_vocabularies(gold_docs):
    assert ev.validate_gold(gold_docs) == []


def test_gold_has_enough_articles_from_every_set(gold_docs):
    assert len(gold_docs) >= 60
    assert len({d["id"] for d in gold_docs}) == len(gold_docs)
    sets = Counter(d["set"] for d in gold_docs)
    assert set(sets) == set(ev.SETS) and min(sets.values()) >= 15
    assert sum(len(d["figures"]) for d in gold_docs) >= 150


def test_gold_follows_the_selection_rule_and_the_split_is_fixed(shared, gold_docs):
    assert [(d["id"], d["split"]) for d in gold_docs] == ev.select_documents(shared)
    heldout = [d for d in gold_docs if d["split"] == "heldout"]
    assert abs(len(heldout) / len(gold_docs) - 1 / 3) < 0.05
    assert {d["set"] for d in heldout} == set(ev.SETS)


def test_a_changed_shared_text_is_refused(shared):
    record = copy.deepcopy(ev.load_gold()[0])
    record["text_sha1"] = "0" * 40
    with pytest.raises(InputError, match="sha1"):
        ev.gold_documents(shared, gold=[record])


def test_validate_gold_finds_a_bad_span_and_label():
    bad = dict(DOC, figures=[dict(GOLD_FIGS[1], start=0), dict(GOLD_FIGS[2], category="dead")])
    problems = ev.validate_gold([bad])
    assert len(problems) == 2 and "span" in problems[0] and "category" in problems[1]


def test_wikievents_text_rule_joins_sentences_with_newlines():
    record = {"doc_id": "x", "sentences": [[[], "Title here"], [[], "First sentence."]]}
    assert ev.build_text("wikievents", record) == ("wikievents/x", "Title here\nFirst sentence.")


def test_an_empty_extractor_misses_the_targets(shared, monkeypatch):
    monkeypatch.setattr(ev, "_extractor", lambda: (lambda article, options: {"figures": [], "events": []}))
    result = ev.run_figures(Options(), {"shared": str(shared), "subset": "muc4", "limit": 5})
    row = next(r for r in result["rows"] if r["split"] == "all" and r["set"] == "all")
    assert row["articles"] == 5 and row["recall"] == 0.0 and row["precision"] is None
    assert result["meets_targets"]["all"]["recall"] is False
