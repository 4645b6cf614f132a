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


def test_cached_answers_last_while_the_database_is_unchanged(tmp_path):
    """Answers are reused while the database is unchanged, however long (past the 2 s time
    bound), and dropped as soon as another connection (here: another store) commits."""
    import time
    from datetime import UTC, datetime

    from fastapi.testclient import TestClient

    from newsdesk.api import create_app
    from newsdesk.options import Options
    from newsdesk.records import Article, Story, StoryAssignment
    from newsdesk.store import open_store

    db = tmp_path / "cache.db"
    t0 = datetime(2026, 1, 2, tzinfo=UTC)

    def add(store, n):
        store.add_articles([Article(id=f"a{n}", text=f"report {n}", content_hash=f"h{n}", published=t0)])
        store.save_assignments([StoryAssignment(id=f"a{n}", story=f"s{n}")],
                               [Story(id=f"s{n}", first_seen=t0, last_seen=t0, articles=[f"a{n}"], title=f"story {n}")])

    with open_store(str(db)) as other:
        add(other, 1)
        options = Options().replace("store", db=str(db)).replace("serve", cache_seconds=0.05)
        app = create_app(options, stages=[])
        with TestClient(app) as client:
            first = client.get("/stories")
            time.sleep(0.1)  # past cache_seconds: the version, not the clock, keeps the answer
            again = client.get("/stories")
            assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit")
            assert again.content == first.content
            add(other, 2)  # another connection commits
            after = client.get("/stories")
            assert after.headers["x-cache"] == "miss"
            assert {s["id"] for s in after.json()["items"]} == {"s1", "s2"}
            assert client.get("/stories").headers["x-cache"] == "hit"


def test_request_threads_follow_the_option_else_the_cores():
    import os

    from newsdesk.api.app import request_threads
    from newsdesk.options import Options

    assert request_threads(Options().replace("serve", threads=3)) == 3
    assert request_threads(Options()) == max(4, 2 * (os.cpu_count() or 1))


def test_the_cache_keeps_at_most_max_bytes_of_answers(monkeypatch):
    """Least recently used answers go first once the bodies kept pass MAX_BYTES."""
    import asyncio

    from newsdesk.api import cache as cache_module

    monkeypatch.setattr(cache_module, "MAX_BYTES", 2500)

    async def app(scope, receive, send):
        size = int(scope["query_string"].decode().split("=")[1])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"x" * size})

    cache = cache_module.CacheMiddleware(app, seconds=60, version=lambda: 1)

    async def get(size):
        sent = []

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": "/stories", "query_string": f"n={size}".encode()}
        await cache(scope, None, send)
        return dict(sent[0]["headers"])[b"x-cache"]

    async def run():
        assert [await get(n) for n in (1000, 1001, 1000)] == [b"miss", b"miss", b"hit"]
        assert await get(1002) == b"miss"  # 3,003 bytes: the least recently used (1001) goes
        assert cache.bytes == 2002 and set(cache.entries) == {b"/stories?n=1000", b"/stories?n=1002"}
        assert [await get(n) for n in (1000, 1001)] == [b"hit", b"miss"]

    asyncio.run(run())


def test_bench_counts_the_cpu_of_a_process_and_its_children():
    """``bench serve`` reads the server's CPU (all its worker processes) from /proc."""
    import os
    import subprocess
    import sys
    import time

    import pytest

    from newsdesk.api.bench import _tree_cpu

    if not os.path.exists(f"/proc/{os.getpid()}/task"):
        pytest.skip("no /proc here")
    busy = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\ntime.sleep(30)\n"
    child = subprocess.Popen([sys.executable, "-c", busy])
    try:
        deadline = time.monotonic() + 20
        while (_tree_cpu(child.pid) or 0) < 0.25 and time.monotonic() < deadline:
            time.sleep(0.05)
        spent = _tree_cpu(child.pid)
        assert spent is not None and spent >= 0.25
        assert _tree_cpu(os.getpid()) >= spent + time.process_time() * 0.5  # this process and its child
    finally:
        child.kill()
        child.wait()
    assert _tree_cpu(child.pid) is None  # gone
