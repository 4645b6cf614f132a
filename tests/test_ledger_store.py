"""The ledger kept as rows in SQLite: a save after a fold writes only what changed, and what is
read back is always the whole, current ledger (migration 0008)."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import timedelta

import pytest

from newsdesk.errors import StoreError
from newsdesk.ledger import build_ledger, claims_from_reading, fold_claims
from newsdesk.ledger.bench import synthetic_report
from newsdesk.options import Options
from newsdesk.records import Article, Claimant, Figure, Place, Reading, to_jsonable
from newsdesk.store.sqlite import SQLiteStore

OPTS = Options()


def _claims(reports):
    out = []
    for art, rd in reports:
        out.extend(claims_from_reading(art, rd))
    return out


def _placed_report(i: int, place: str | None, value: int, rng: random.Random, *, at=None):
    """A report of a toll in one named town (so that tallies split by place), or in none."""
    body = f"Officials in {place or 'the region'} said {value} people were killed."
    start = body.index(f"{value} people")
    places = [] if place is None else [Place(start=body.index(place), end=body.index(place) + len(place), text=place, geonameid=1000 + len(place),
                    name=place, country="UA", admin1=None, lat=50.0, lon=36.0, kind="city")]
    fig = Figure(start=start, end=start + len(f"{value} people"), text=f"{value} people", category="killed",
                 value=value, low=value, high=value, qualifier="exact", subject="people", place=None if place is None else 0,
                 claimant=Claimant(text="Officials", start=0, end=9), stance="claimed")
    base, _ = synthetic_report(i, rng)
    art = Article(id=f"p{i:04d}", text=body, source="wire", published=at or base.published)
    return art, Reading(id=art.id, language="en", places=places, figures=[fig])


def _stored(store: SQLiteStore, story: str) -> dict:
    return to_jsonable(store.get_ledger(story))


def _same(a, b) -> None:
    da, db = to_jsonable(a), to_jsonable(b)
    da.pop("updated"), db.pop("updated")
    assert da == db


@pytest.fixture()
def store(tmp_path):
    s = SQLiteStore(tmp_path / "ledger.db")
    yield s
    s.close()


def test_folded_saves_read_back_as_the_folded_ledger(store):
    rng = random.Random(11)
    reports = [synthetic_report(i, rng) for i in range(150)]
    led = build_ledger("s", _claims(reports[:1]), OPTS)
    store.save_ledger(led)
    for rep in reports[1:]:
        update = fold_claims(led, _claims([rep]), OPTS)
        led = update.ledger
        store.save_ledger(led, update)
        if rep is reports[40] or rep is reports[-1]:
            _same(store.get_ledger("s"), led)
            index = store._read("SELECT key, low, best, high, claims, disagreements, revisions FROM ledger_tallies "
                                "WHERE story_id = 's' ORDER BY idx")
            assert index == [(t.key, t.low, t.best, t.high, len(t.claims), len(t.disagreements), len(t.revisions))
                             for t in led.tallies]  # the serve index follows every fold
    # a fresh full build of every claim gives the same stored ledger
    full = build_ledger("s", _claims(reports), OPTS)
    stored = store.get_ledger("s")
    assert [t.key for t in stored.tallies] == [t.key for t in full.tallies]
    for a, b in zip(stored.tallies, full.tallies):
        assert (a.low, a.best, a.high) == (b.low, b.best, b.high)
        assert sorted(c.id for c in a.claims) == sorted(c.id for c in b.claims)
        assert {c.id: c.superseded_by for c in a.claims} == {c.id: c.superseded_by for c in b.claims}


def test_a_fold_writes_only_the_rows_it_changed(store):
    rng = random.Random(5)
    reports = [synthetic_report(i, rng) for i in range(300)]
    led = build_ledger("s", _claims(reports), OPTS)
    store.save_ledger(led)
    written = []
    store._writer.set_trace_callback(lambda sql: written.append(sql) if "ledger_rows" in sql else None)
    update = fold_claims(led, _claims([synthetic_report(300, rng)]), OPTS)
    store.save_ledger(update.ledger, update)
    store._writer.set_trace_callback(None)
    inserts = [s for s in written if s.startswith("INSERT OR REPLACE INTO ledger_rows")]
    total = sum(len(t.claims) + len(t.revisions) + 1 for t in update.ledger.tallies)
    assert inserts and len(inserts) < 40 < total  # a handful of rows out of more than a thousand
    _same(store.get_ledger("s"), update.ledger)


def test_split_by_place_and_late_reports_rewrite_whole_tallies(store):
    rng = random.Random(2)
    first = _placed_report(0, None, 5, rng)
    led = build_ledger("s", _claims([first]), OPTS)
    store.save_ledger(led)
    # a named town: the tally without a place becomes the town's (the old key disappears) ...
    update = fold_claims(led, _claims([_placed_report(1, "Kharkiv", 6, rng)]), OPTS)
    assert update.removed == ["killed|people|*"] and update.rebuilt == ["killed|people|Kharkiv"]
    store.save_ledger(update.ledger, update)
    _same(store.get_ledger("s"), update.ledger)
    # ... and a second town splits the group in two
    update = fold_claims(update.ledger, _claims([_placed_report(2, "Izium", 3, rng)]), OPTS)
    assert sorted(update.rebuilt) == ["killed|people|Izium", "killed|people|Kharkiv"]
    store.save_ledger(update.ledger, update)
    _same(store.get_ledger("s"), update.ledger)
    keys = {r[0] for r in store._read("SELECT DISTINCT tally_key FROM ledger_rows WHERE story_id = 's'")}
    assert keys == {t.key for t in update.ledger.tallies}
    # an older report by the same claimant: its tally is rebuilt in time order
    late = _placed_report(3, "Kharkiv", 4, rng, at=first[0].published - timedelta(hours=3))
    update2 = fold_claims(update.ledger, _claims([late]), OPTS)
    assert update2.rebuilt
    store.save_ledger(update2.ledger, update2)
    _same(store.get_ledger("s"), update2.ledger)
    summary = store._read("SELECT key, claims FROM ledger_tallies WHERE story_id = 's' ORDER BY idx")
    assert summary == [(t.key, len(t.claims)) for t in update2.ledger.tallies]


def test_a_ledger_stored_before_the_rows_is_read_and_then_rewritten(store):
    rng = random.Random(9)
    reports = [synthetic_report(i, rng) for i in range(20)]
    led = build_ledger("old", _claims(reports[:10]), OPTS)
    with store._wlock:  # the layout of migrations 0002-0007: the whole ledger in one document
        store._writer.execute("INSERT INTO ledgers (story_id, json, updated_at) VALUES (?, ?, ?)",
                              ("old", json.dumps(to_jsonable(led)), "2026-01-01T00:00:00+00:00"))
    _same(store.get_ledger("old"), led)
    update = fold_claims(store.get_ledger("old"), _claims(reports[10:]), OPTS)
    store.save_ledger(update.ledger, update)  # incremental would lose the untouched rows: all written
    _same(store.get_ledger("old"), update.ledger)
    assert json.loads(store._read("SELECT json FROM ledgers WHERE story_id = 'old'")[0][0])["format"] == 2


def test_a_failed_save_leaves_the_previous_ledger(store, monkeypatch):
    rng = random.Random(4)
    reports = [synthetic_report(i, rng) for i in range(30)]
    led = build_ledger("s", _claims(reports[:20]), OPTS)
    version = store.save_ledger(led)
    before = _stored(store, "s")
    update = fold_claims(dataclasses.replace(store.get_ledger("s")), _claims(reports[20:]), OPTS)
    import newsdesk.store.sqlite_ledger as rows

    real = rows._write_rows

    def half_then_fail(conn, story, ledger, upd):
        real(conn, story, ledger, upd)
        raise RuntimeError("disk gone")

    monkeypatch.setattr(rows, "_write_rows", half_then_fail)
    with pytest.raises(RuntimeError):
        store.save_ledger(update.ledger, update)
    assert _stored(store, "s") == before
    assert store.ledger_versions(["s", "nope"]) == {"s": version}


def test_missing_rows_are_an_error_that_names_the_story(store):
    rng = random.Random(1)
    store.save_ledger(build_ledger("s", _claims([synthetic_report(0, rng)]), OPTS))
    with store._wlock:
        store._writer.execute("DELETE FROM ledger_rows WHERE kind = 'tally'")
    with pytest.raises(StoreError, match="story s"):
        store.get_ledger("s")


def test_the_ledger_dict_is_the_records_json_shape(store):
    rng = random.Random(8)
    reports = [synthetic_report(i, rng) for i in range(60)]
    led = build_ledger("s", _claims(reports[:30]), OPTS)
    store.save_ledger(led)
    update = fold_claims(led, _claims(reports[30:]), OPTS)
    store.save_ledger(update.ledger, update)
    assert store.get_ledger_dict("s") == store.get_ledger("s").to_dict() == update.ledger.to_dict()
    assert store.get_ledger_dict("nope") is None


def test_claims_are_written_in_the_records_json_shape():
    import json as stdjson

    from newsdesk.store.sqlite_ledger import _claim_json

    rng = random.Random(12)
    claims = _claims([synthetic_report(i, rng) for i in range(40)]) + _claims([_placed_report(99, "Kharkiv", 5, rng)])
    for c in claims:
        assert stdjson.loads(_claim_json(c)) == to_jsonable(c)
