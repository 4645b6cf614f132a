"""The story facets of migration 0006 (``story_facets``, kept by triggers) against the facets
recomputed from scratch, through the store's write paths in both orders (readings before and
after assignments), re-readings, moves between stories and language changes; and the story
filters they serve, against a filter written directly over the reports."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.records import Article, Event, Place, Reading, Story, StoryAssignment
from newsdesk.store import open_store
from newsdesk.store.base import StoryQuery

COUNTRIES = ["FR", "DE", "SD", "US", None]
NAMES = ["Paris", "Berlin", "Khartoum", "Springfield", "Ärzte", "sd"]
TYPES = ["armed_clash", "peaceful_protest", "arrests", "attack"]


def _reading(rng: random.Random, article_id: str) -> Reading:
    places = [Place(start=0, end=1, text="x", geonameid=None, name=rng.choice(NAMES), country=rng.choice(COUNTRIES),
                    admin1=None, lat=None, lon=None, kind="city") for _ in range(rng.randint(0, 3))]
    events = [Event(type=rng.choice(TYPES), start=0, end=1, text="x") for _ in range(rng.randint(0, 2))]
    return Reading(id=article_id, language="en", places=places, events=events)


def _recomputed(store) -> dict[tuple[str, str], int]:
    rows = store._read(
        "SELECT f.facet, sa.story_id, count(*) FROM article_facets f JOIN story_articles sa "
        "ON sa.article_id = f.article_id WHERE sa.story_id IS NOT NULL GROUP BY f.facet, sa.story_id")
    return {(f, s): n for f, s, n in rows}


def _kept(store) -> dict[tuple[str, str], int]:
    return {(f, s): n for f, s, n in store._read("SELECT facet, story_id, n FROM story_facets")}


def _save(store, members: dict[str, list[str]], t0: datetime) -> None:
    stories, assignments = [], []
    for sid, ids in members.items():
        for i in ids:
            assignments.append(StoryAssignment(id=i, story=sid))
        stories.append(Story(id=sid, first_seen=t0, last_seen=t0 + timedelta(hours=len(ids)), articles=list(ids)))
    store.save_assignments(assignments, stories)


@pytest.fixture()
def store(tmp_path):
    with open_store(str(tmp_path / "facets.db")) as s:
        yield s


def test_facets_follow_every_write_path(store):
    rng = random.Random(7)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    ids = [f"a{i:03d}" for i in range(60)]
    store.add_articles([Article(id=i, text=f"report {i}", title=f"title {i}", language=rng.choice(["en", "fr", None]),
                                published=t0 + timedelta(minutes=k), content_hash=i) for k, i in enumerate(ids)])
    # half read before they join a story, half after
    store.save_readings([_reading(rng, i) for i in ids[:30]])
    members = {f"s{k}": ids[k::6] for k in range(6)}
    _save(store, members, t0)
    store.save_readings([_reading(rng, i) for i in ids[30:]])
    assert _kept(store) == _recomputed(store)
    assert any(f.startswith("c:") for f, _ in _kept(store)) and any(f.startswith("l:") for f, _ in _kept(store))
    # re-read some reports (their places and events change), move others between stories
    store.save_readings([_reading(rng, i) for i in rng.sample(ids, 20)])
    moved = rng.sample(ids, 15)
    members = {sid: [i for i in m if i not in moved] for sid, m in members.items()}
    members["s6"] = moved
    _save(store, members, t0)
    assert _kept(store) == _recomputed(store)
    # an article's language changes; a report leaves its story (no story)
    store._write("UPDATE articles SET language = ? WHERE id = ?", [("de", ids[0]), (None, ids[1])])
    store.save_assignments([StoryAssignment(id=ids[2], story=None, reason="test")], [])
    store._write("DELETE FROM story_articles WHERE article_id = ?", [(ids[3],)])
    assert _kept(store) == _recomputed(store)
    assert all(n > 0 for n in _kept(store).values())


def _direct(store, place: str | None, event_type: str | None, language: str | None = None) -> set[str]:
    """The stories a filter keeps, written straight over the reports (the pre-0006 way)."""
    where, params = [], []
    if place:
        if len(place) == 2 and place.isalpha():
            where.append("EXISTS (SELECT 1 FROM story_articles x JOIN reading_places p ON p.article_id = x.article_id "
                         "WHERE x.story_id = s.id AND (p.country = ? OR p.name = ? COLLATE NOCASE))")
            params += [place.upper(), place]
        else:
            where.append("EXISTS (SELECT 1 FROM story_articles x JOIN reading_places p ON p.article_id = x.article_id "
                         "WHERE x.story_id = s.id AND p.name = ? COLLATE NOCASE)")
            params.append(place)
    if event_type:
        where.append("EXISTS (SELECT 1 FROM story_articles x JOIN reading_events e ON e.article_id = x.article_id "
                     "WHERE x.story_id = s.id AND e.type = ?)")
        params.append(event_type)
    if language:
        where.append("EXISTS (SELECT 1 FROM story_articles x JOIN articles a ON a.id = x.article_id "
                     "WHERE x.story_id = s.id AND a.language = ?)")
        params.append(language)
    sql = "SELECT s.id FROM stories s" + (" WHERE " + " AND ".join(where) if where else "")
    return {r[0] for r in store._read(sql, params)}


def test_story_filters_match_a_direct_filter(store):
    rng = random.Random(11)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    ids = [f"b{i:03d}" for i in range(200)]
    store.add_articles([Article(id=i, text=f"report {i}", published=t0 + timedelta(minutes=k), content_hash=i,
                                language=rng.choice(["en", "en", "fr"])) for k, i in enumerate(ids)])
    readings = [_reading(rng, i) for i in ids]
    for r in readings[:3]:  # a rare place, held by at most three stories: its stories drive the query
        r.places.append(Place(start=0, end=1, text="x", geonameid=None, name="Tinyville", country="TV", admin1=None,
                              lat=None, lon=None, kind="city"))
    store.save_readings(readings)
    members: dict[str, list[str]] = {}
    for k, i in enumerate(ids):
        members.setdefault(f"t{rng.randrange(40):02d}", []).append(i)
    _save(store, members, t0)
    checked = 0
    for place in ["fr", "SD", "sd", "paris", "PARIS", "ärzte", "Nowhere", "tinyville", "TV", None]:
        for event_type in [None, "armed_clash", "arrests"]:
            for sort, language in (("last_seen", None), ("first_seen", "fr"), ("reports", None), ("last_seen", "fr")):
                seen, cursor = [], None
                while True:  # pages of 7, walked to the end
                    page, cursor = store.query_stories(StoryQuery(limit=7, cursor=cursor, place=place,
                                                                  event_type=event_type, language=language,
                                                                  sort=sort))
                    seen += [s.id for s in page]
                    if not cursor:
                        break
                assert len(seen) == len(set(seen))
                assert set(seen) == _direct(store, place, event_type, language), (place, event_type, language, sort)
                checked += len(seen)
    assert checked > 100
