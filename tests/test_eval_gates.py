"""Evaluation gates: scores on the shared sets may not fall below the floors in eval_floors.json.

Places and stories hold their own floors (tests/test_geo_eval_floor.py,
tests/test_stories_eval_floor.py); this file gates the figures gold set and event types."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.extract.evaluate import run_figures, run_types
from newsdesk.options import Options

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())


@pytest.fixture(scope="module")
def figures(shared):
    return {row["split"]: row for row in run_figures(Options(), {"shared": str(shared)})["rows"]
            if row.get("set", "all") == "all"}


@pytest.fixture(scope="module")
def types(shared):
    return run_types(Options(), {"shared": str(shared)})


@pytest.mark.parametrize("split", sorted(FLOORS["figures"]))
def test_figures_scores_hold_their_floors(figures, split):
    row = figures[split]
    low = {k: (row[k], floor) for k, floor in FLOORS["figures"][split].items() if row[k] is None or row[k] < floor}
    assert not low, f"{split}: below the floor (score, floor): {low}"


def test_event_type_macro_f1_holds_its_floor(types):
    macro = [r for r in types["rows"] if r["split"] == "all" and r["type"].startswith("MACRO")]
    assert macro, types["rows"][:3]
    assert macro[0]["f1"] >= FLOORS["types"]["all"]["macro_f1"], macro[0]
