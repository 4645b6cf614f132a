"""The seed report, ingested end to end (read -> stories -> ledger), gives the tallies that
../shared/seeds/000_88f33951d7bac3d7.expected.md describes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsdesk.options import Options
from newsdesk.runner import ingest
from newsdesk.stages import LaterStages
from newsdesk.store import open_store


@pytest.fixture(scope="module")
def seed_ledger(tmp_path_factory, seed_path):
    db = str(tmp_path_factory.mktemp("seed") / "seed.db")
    options = Options().replace("store", db=db)
    with open_store(db, options) as store:
        summary = ingest([str(seed_path)], store, options, stages=[LaterStages(options)])
        assert summary.stored == 1 and not summary.errors, summary.errors
        (story,) = store.list_stories()
        ledger = store.get_ledger(story.id)
    assert ledger is not None
    return db, story, ledger


def _one(ledger, category, subject):
    found = [t for t in ledger.tallies if t.category == category and t.subject == subject]
    assert len(found) == 1, [t.key for t in ledger.tallies]
    return found[0]


def test_injured_keeps_both_lower_bounds_and_best_is_28(seed_ledger):
    _, _, ledger = seed_ledger
    injured = _one(ledger, "injured", "people")
    values = sorted((c.figure.value, c.figure.qualifier) for c in injured.claims)
    assert values == [(22, "at_least"), (28, "at_least")]
    assert injured.low == 28 and injured.best == 28 and injured.high is None
    assert injured.disagreements == []  # two lower bounds are compatible
    assert all(c.sentence and c.sentence_start < c.figure.start < c.sentence_end for c in injured.claims)


def test_children_among_the_injured_are_a_linked_subset(seed_ledger):
    _, _, ledger = seed_ledger
    kids = _one(ledger, "injured", "children")
    assert kids.best == 2
    assert kids.parent == _one(ledger, "injured", "people").key


def test_drones_launched_and_intercepted(seed_ledger):
    _, _, ledger = seed_ledger
    assert _one(ledger, "launched", "drones").best == 49
    assert _one(ledger, "intercepted", "drones").best == 21


def test_revised_death_toll_without_a_number(seed_ledger):
    _, _, ledger = seed_ledger
    killed = _one(ledger, "killed", "people")
    assert killed.best is None and killed.low is None
    assert [r["explicit"] for r in killed.revisions] == [True]
    assert killed.revisions[0]["to"] is None
    (claim,) = killed.claims
    assert claim.figure.stance == "revised" and claim.figure.claimant is not None
    assert "government" in claim.figure.claimant.text.lower()


def test_the_publisher_footer_yields_no_figure(seed_ledger):
    _, _, ledger = seed_ledger
    for t in ledger.tallies:
        for c in t.claims:
            assert "markets" not in c.sentence


def test_cli_prints_the_ledger_as_json(seed_ledger):
    db, story, _ = seed_ledger
    out = subprocess.run([sys.executable, "-m", "newsdesk.cli", "--db", db, "ledger", story.id],
                         capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    assert data["story"] == story.id
    assert {t["category"] for t in data["tallies"]} >= {"injured", "launched", "intercepted", "killed"}


def test_cli_unknown_story_is_a_clear_error(seed_ledger):
    db, _, _ = seed_ledger
    run = subprocess.run([sys.executable, "-m", "newsdesk.cli", "--db", db, "ledger", "st_nope"],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "story st_nope not found" in run.stderr
