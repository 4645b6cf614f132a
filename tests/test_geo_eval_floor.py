"""CI floors for the places stage on the shared geoparsing sets (LGL and GeoVirus, read from
../shared/bench, whole sets: about 10 s). Scores and how they are measured: docs/benchmarks.md,
"Places". Lowering a floor is a deliberate, visible act."""

from __future__ import annotations

import pytest

from newsdesk.geo.evaluate import run
from newsdesk.options import Options

# slightly under the scores reached (end-to-end acc@161 with exact spans, recognition F1,
# acc@161 on matched toponyms), per set and per half
FLOORS = {  # reached on 2026-11-26: docs/benchmarks.md, "Places"
    ("lgl", "all"): {"e2e_acc161": 0.85, "F1": 0.845, "acc161": 0.935},  # 0.859, 0.854, 0.944
    ("lgl", "odd (held out)"): {"e2e_acc161": 0.83, "F1": 0.83, "acc161": 0.925},  # 0.841, 0.841, 0.935
    ("geovirus", "all"): {"e2e_acc161": 0.80, "F1": 0.915, "acc161": 0.865},  # 0.812, 0.923, 0.871
    ("geovirus", "odd (held out)"): {"e2e_acc161": 0.775, "F1": 0.905, "acc161": 0.855},  # 0.786, 0.916, 0.861
}


@pytest.fixture(scope="module")
def result(bench_dir) -> dict:
    if not (bench_dir / "geo_lgl.jsonl").exists():
        pytest.skip("shared geoparsing sets not present")
    return run(Options(), {"shared": str(bench_dir.parent)})


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_places_scores_stay_above_floors(result: dict, key: tuple[str, str]) -> None:
    rows = {(r["set"], r["part"]): r for r in result["rows"]}
    row = rows[key]
    for metric, floor in FLOORS[key].items():
        assert row[metric] >= floor, f"{key} {metric} = {row[metric]} fell under its floor {floor}"


def test_halves_stay_close(result: dict) -> None:
    """The rules were developed on the even half; the held-out odd half must not fall far behind."""
    rows = {(r["set"], r["part"]): r for r in result["rows"]}
    for name in ("lgl", "geovirus"):
        dev, held = rows[(name, "even (dev)")], rows[(name, "odd (held out)")]
        assert dev["e2e_acc161"] - held["e2e_acc161"] < 0.08
        assert abs(dev["F1"] - held["F1"]) < 0.06
