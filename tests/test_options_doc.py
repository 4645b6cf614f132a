"""docs/options.md is checked against the code (datasette's test_docs): every setting is
documented with its default, and the page documents no setting that does not exist."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from newsdesk.options import Options

DOC = Path(__file__).resolve().parent.parent / "docs" / "options.md"


def _default(value) -> str:
    if value is None:
        return "none"
    return repr(list(value)) if isinstance(value, tuple) else repr(value)


def test_every_setting_is_documented_with_its_default():
    text = DOC.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z_]+\.[a-z_0-9]+)` \| `([^`]*)` \| \S", text, re.M))
    opts = Options()
    expected = {}
    for section in dataclasses.fields(opts):
        value = getattr(opts, section.name)
        if not dataclasses.is_dataclass(value):
            continue
        for f in dataclasses.fields(value):
            expected[f"{section.name}.{f.name}"] = _default(getattr(value, f.name)).replace("|", "\\|")
    missing = sorted(set(expected) - set(rows))
    stale = sorted(set(rows) - set(expected))
    wrong = sorted(k for k in set(rows) & set(expected) if rows[k] != expected[k])
    assert not missing and not stale and not wrong, (
        f"docs/options.md: undocumented {missing}, no such setting {stale}, wrong default {wrong}")
