"""The shared evaluation data is the data the floors were set on (trafilatura's corpus hash):
a changed file fails here, by name, instead of silently moving the scores."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HASHES = Path(__file__).with_name("corpus_hashes.json")


def test_shared_evaluation_files_are_the_ones_the_floors_were_set_on(shared: Path):
    expected = json.loads(HASHES.read_text(encoding="utf-8"))["files"]
    changed = {}
    for name, digest in expected.items():
        path = shared / name
        assert path.is_file(), f"{path}: missing from the shared data"
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != digest:
            changed[name] = actual
    assert not changed, (f"shared data changed: {sorted(changed)}; re-measure, re-baseline the floors on "
                         f"purpose, then update {HASHES.name}")
