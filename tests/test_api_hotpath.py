"""The API's hot-path helpers against their plain versions: snippet marks split by pieces,
and JSON bodies (orjson when installed) that read back as the standard library's."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.api.routes import MARK_CLOSE, MARK_OPEN, json_body, split_marks


def _split_by_char(snippet: str) -> tuple[str, list[list[int]]]:
    """The reference: one character at a time."""
    out, spans, pos, start = [], [], 0, None
    for ch in snippet:
        if ch == MARK_OPEN:
            start = pos
        elif ch == MARK_CLOSE:
            if start is not None and pos > start:
                spans.append([start, pos])
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), spans


@given(st.lists(st.sampled_from(["a", "bc", " ", "é", "…", "\n", MARK_OPEN, MARK_CLOSE]), max_size=40))
def test_split_marks_matches_a_character_walk(pieces):
    snippet = "".join(pieces)
    assert split_marks(snippet) == _split_by_char(snippet)


def test_split_marks_offsets_point_at_the_marked_words():
    text, spans = split_marks(f"the {MARK_OPEN}flood{MARK_CLOSE} hit {MARK_OPEN}Dhaka{MARK_CLOSE}…")
    assert text == "the flood hit Dhaka…"
    assert [text[a:b] for a, b in spans] == ["flood", "Dhaka"]


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2 ** 53), 2 ** 53) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=30)


@given(_json)
def test_json_body_reads_back_as_the_standard_library_writes(value):
    body = json_body(value)
    assert isinstance(body, bytes)
    assert json.loads(body) == json.loads(json.dumps(value, ensure_ascii=False))


def test_json_body_is_compact_utf8():
    assert json_body({"a": [1, 2.5, None], "b": "Ürümqi …"}) == '{"a":[1,2.5,null],"b":"Ürümqi …"}'.encode()
