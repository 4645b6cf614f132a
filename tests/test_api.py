"""The REST API over a database built by the pipeline from the shared real texts: every
endpoint, its filters and cursor pages, answers checked against the OpenAPI shapes and
against the store's own records."""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from test_api_support import build_db, live_server, options_for

from newsdesk.api import create_app, schemas
from newsdesk.store import open_store

KEY = "test-key-4f1c"


@pytest.fixture(scope="module")
def db(shared, tmp_path_factory):
    return build_db(shared, tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(options_for(db)), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def store(db):
    with open_store(str(db)) as s:
        yield s


def get(client, path, **params):
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def all_stories(client, **params):
    items, cursor, pages = [], None, 0
    while True:
        page = get(client, "/stories", limit=4, cursor=cursor, **params) if cursor else \
            get(client, "/stories", limit=4, **params)
        schemas.StoryPage.model_validate(page)
        items += page["items"]
        pages += 1
        cursor = page["next_cursor"]
        if not cursor:
            return items, pages


def test_openapi_schema_and_docs_page(client):
    spec = get(client, "/openapi.json")
    for path in ("/stories", "/stories/{story_id}", "/articles", "/articles/{article_id}", "/events", "/figures",
                 "/search", "/health"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/articles"]
    assert spec["paths"]["/stories"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]["$ref"] \
        .endswith("/ErrorBody")
    params = {p["name"] for p in spec["paths"]["/stories"]["get"]["parameters"]}
    assert {"since", "until", "place", "country", "event_type", "language", "breaking", "sort", "cursor"} <= params
    docs = client.get("/docs")
    assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]
    assert "cdn" not in docs.text.lower()


def test_health(client, store):
    h = get(client, "/health")
    schemas.Health.model_validate(h)
    stats = store.stats()
    assert h["ok"] and h["articles"] == stats["articles"] and h["stories"] == stats["stories"]
    assert h["writable"] is False


def test_story_pages_walk_every_story_once_in_order(client, store):
    items, pages = all_stories(client)
    assert pages > 1
    ids = [s["id"] for s in items]
    assert len(ids) == len(set(ids)) == store.stats()["stories"]
    last = [s["last_seen"] or "" for s in items]
    assert [datetime.fromisoformat(x) for x in last] == sorted((datetime.fromisoformat(x) for x in last), reverse=True)
    by_size, _ = all_stories(client, sort="reports")
    sizes = [s["reports"] for s in by_size]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 1
    first, _ = all_stories(client, sort="first_seen")
    assert sorted(s["id"] for s in first) == sorted(ids)


def test_story_filters_agree_with_the_stories(client, store):
    everything, _ = all_stories(client)
    breaking, _ = all_stories(client, breaking="true")
    assert breaking and all(s["breaking"] for s in breaking)
    calm, _ = all_stories(client, breaking="false")
    assert len(breaking) + len(calm) == len(everything)
    english, _ = all_stories(client, language="en")
    assert english and all("en" in s["languages"] for s in english)
    assert get(client, "/stories", language="xx")["items"] == []
    # event type: exactly the stories with such an event in one of their reports
    events = get(client, "/events", limit=5000)["items"]
    kind = events[0]["type"]
    with_kind = {e["story"] for e in events if e["type"] == kind}
    found, _ = all_stories(client, event_type=kind)
    assert {s["id"] for s in found} == with_kind
    # place by country code and by name
    story = max(everything, key=lambda s: len(s["places"]))
    place = story["places"][0]
    by_country, _ = all_stories(client, country=place["country"])
    assert story["id"] in {s["id"] for s in by_country}
    for s in by_country:
        detail = get(client, f"/stories/{s['id']}")
        assert any(p["country"] == place["country"] for p in detail["places"])
    by_name, _ = all_stories(client, place=place["name"].upper())
    assert story["id"] in {s["id"] for s in by_name}
    # time: since keeps stories with a report at or after it, until those begun before it
    times = sorted(s["last_seen"] for s in everything)
    cut = times[len(times) // 2]
    since, _ = all_stories(client, since=cut)
    assert since and all(datetime.fromisoformat(s["last_seen"]) >= datetime.fromisoformat(cut) for s in since)
    until, _ = all_stories(client, until=cut)
    assert all(datetime.fromisoformat(s["first_seen"]) < datetime.fromisoformat(cut) for s in until)


def test_story_detail_has_reports_and_ledger(client, store):
    story = get(client, "/stories", sort="reports", limit=1)["items"][0]
    detail = get(client, f"/stories/{story['id']}")
    schemas.StoryDetail.model_validate(detail)
    record = store.get_story(story["id"])
    assert sorted(a["id"] for a in detail["articles"]) == sorted(record.articles)
    assert all(a["story"] == story["id"] for a in detail["articles"])
    assert sorted(detail["sources"]) == sorted(record.sources) and detail["languages"] == record.languages
    assert detail["ledger"] == store.get_ledger(story["id"]).to_dict()
    for tally in detail["ledger"]["tallies"]:
        for claim in tally["claims"]:
            text = store.get_article(claim["article"]).text
            assert claim["sentence"] == text[claim["sentence_start"]:claim["sentence_end"]].strip()
    assert [t["key"] for t in detail["headline"]] == sorted(
        (t["key"] for t in detail["ledger"]["tallies"]),
        key=lambda k: -next(len(t["claims"]) for t in detail["ledger"]["tallies"] if t["key"] == k))


def test_articles_list_and_detail_with_reading(client, store):
    seen, cursor = [], None
    while True:
        page = get(client, "/articles", limit=7, **({"cursor": cursor} if cursor else {}))
        schemas.ArticlePage.model_validate(page)
        seen += [a["id"] for a in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == store.stats()["articles"]
    article_id = next(a for a in seen if store.get_reading(a) and store.get_reading(a).figures)
    detail = get(client, f"/articles/{article_id}")
    schemas.ArticleDetail.model_validate(detail)
    reading = store.get_reading(article_id).to_dict()
    assert detail["read"] is True
    assert (detail["places"], detail["figures"], detail["events"]) == (
        reading["places"], reading["figures"], reading["events"])
    assert detail["text"] == store.get_article(article_id).text
    assert detail["story"] == store.get_assignment(article_id).story
    only_en = get(client, "/articles", language="en", limit=500)["items"]
    assert only_en and all(a["language"] == "en" for a in only_en)


def test_events_and_geojson(client, store):
    events, cursor = [], None
    while True:
        page = get(client, "/events", limit=9, **({"cursor": cursor} if cursor else {}))
        schemas.EventPage.model_validate(page)
        events += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    expected = sum(len(r.events) for r in (store.get_reading(a.id) for a in store.iter_articles()) if r)
    assert len(events) == expected > 0
    assert [e["day"] for e in events] == sorted((e["day"] for e in events), reverse=True)
    r = client.get("/events", params={"format": "geojson", "limit": 5000})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    geo = r.json()
    assert geo["type"] == "FeatureCollection"
    located = [e for e in events if e["lat"] is not None]
    assert len(geo["features"]) == len(located) > 0
    for f in geo["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    # an event's place and coordinates are those of the reading's place it points to
    e = located[0]
    reading = store.get_reading(e["article"])
    place = reading.places[reading.events[e["index"]].place]
    assert (e["place"], e["lat"], e["lon"], e["type"]) == (place.name, place.lat, place.lon,
                                                          reading.events[e["index"]].type)
    kind = events[0]["type"]
    assert all(x["type"] == kind for x in get(client, "/events", type=kind, limit=5000)["items"])
    day = events[len(events) // 2]["day"][:10]
    since = get(client, "/events", since=day, limit=5000)["items"]
    assert since and all(x["day"] >= day for x in since)
    assert len(since) == sum(1 for x in events if x["day"] >= day)


def test_figures(client, store):
    readings = [r for r in (store.get_reading(a.id) for a in store.iter_articles()) if r]
    everything = get(client, "/figures", limit=5000)
    schemas.FigurePage.model_validate(everything)
    assert len(everything["items"]) == sum(len(r.figures) for r in readings) > 0
    killed = get(client, "/figures", category="killed", limit=5000)["items"]
    assert killed and all(f["category"] == "killed" for f in killed)
    f = killed[0]
    figure = store.get_reading(f["article"]).figures[f["index"]]
    assert (f["text"], f["value"], f["start"], f["end"]) == (figure.text, figure.value, figure.start, figure.end)
    story = get(client, "/stories", sort="reports", limit=1)["items"][0]
    mine = get(client, "/figures", story=story["id"], limit=5000)["items"]
    assert mine and all(x["story"] == story["id"] for x in mine)


def test_search_snippets_highlight_the_words(client, store):
    page = get(client, "/search", q="earthquake")
    schemas.SearchPage.model_validate(page)
    assert page["items"]
    for item in page["items"]:
        assert item["highlights"]
        for start, end in item["highlights"]:
            assert item["snippet"][start:end].lower().startswith("earthquake")
        assert "\ue000" not in item["snippet"] and "[" not in item["snippet"][:0]
    ranks = [i["rank"] for i in page["items"]]
    assert ranks == sorted(ranks)
    source = page["items"][0]["source"]
    assert {i["source"] for i in get(client, "/search", q="earthquake", source=source)["items"]} == {source}
    assert get(client, "/search", q="earthquake", language="ru")["items"] == []
    later = get(client, "/search", q="earthquake", since="2100-01-01")["items"]
    assert later == []
    # paging by offset
    first = get(client, "/search", q="earthquake", limit=2)
    if first["next_offset"] is not None:
        second = get(client, "/search", q="earthquake", limit=2, offset=first["next_offset"])
        assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    # text that is not FTS5 syntax is searched as words
    assert get(client, "/search", q='earthquake "Aceh')["items"]


@pytest.fixture()
def writable(shared, tmp_path):
    db = build_db(shared, tmp_path)
    options = options_for(db, api_key=KEY)
    with TestClient(create_app(options), raise_server_exceptions=False) as c:
        yield c


def test_post_articles_with_the_key(writable):
    record = {"title": "Strikes hit Kharkiv overnight", "source": "posted.example",
              "url": "https://posted.example/kharkiv-1", "published": "2024-03-02T08:00:00Z",
              "text": "At least 12 people were injured when missiles hit Kharkiv overnight, the regional governor "
                      "said on Saturday. Two of them are in a serious condition."}
    before = writable.get("/stories", params={"limit": 100})
    again = writable.get("/stories", params={"limit": 100})
    assert (before.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit")
    assert again.content == before.content and again.headers["server-timing"].startswith("app;dur=")
    r = writable.post("/articles", json=record, headers={"X-API-Key": KEY})
    assert r.status_code == 201, r.text
    answer = r.json()
    schemas.IngestAnswer.model_validate(answer)
    assert answer["stored"] == 1 and answer["items"][0]["status"] == "new"
    article_id = answer["items"][0]["id"]
    detail = writable.get(f"/articles/{article_id}").json()
    assert detail["title"] == record["title"] and detail["read"] is True  # the stages ran on it
    assert detail["story"] is not None
    assert any(f["category"] == "injured" for f in detail["figures"])
    after = writable.get("/stories", params={"limit": 100})  # the post cleared the cache
    assert after.headers["x-cache"] == "miss" and detail["story"] in after.text
    # the same report again is a duplicate; a batch with a broken record stores the rest
    again = writable.post("/articles", json=record, headers={"Authorization": f"Bearer {KEY}"}).json()
    assert again["stored"] == 0 and again["items"][0]["status"] == "duplicate"
    batch = [{"title": "no text here"}, {**record, "url": "https://posted.example/kharkiv-2",
                                         "text": record["text"] + " Rescue work went on until noon."}]
    mixed = writable.post("/articles", json=batch, headers={"X-API-Key": KEY})
    assert mixed.status_code == 201
    body = mixed.json()
    assert body["stored"] == 1 and body["errors"] == 1 and body["ok"] is False
    error = next(i for i in body["items"] if i["status"] == "error")
    assert error["input"] == "records[0]" and "no text" in error["reason"]


def test_a_very_common_query_is_ranked_among_the_latest_matches(store):
    from newsdesk.store.base import SearchQuery

    every = store.search_articles(SearchQuery(text="earthquake", limit=100))
    assert len(every) > 3 and not any(h.windowed for h in every)
    order = [a.id for a in store.iter_articles(order="rowid")]
    latest = sorted((h.id for h in every), key=order.index)[-3:]
    windowed = store.search_articles(SearchQuery(text="earthquake", limit=100, window=3))
    assert all(h.windowed for h in windowed)
    assert sorted(h.id for h in windowed) == sorted(latest)
    ranks = [h.rank for h in windowed]
    assert ranks == sorted(ranks)


def test_bench_load_generator_against_a_live_server(db):
    import asyncio

    from newsdesk.api.bench import _load, _pct, _request_mix

    assert _pct([5.0, 1.0, 3.0, 2.0, 4.0], 50) == 3.0 and _pct([1.0, 2.0], 95) == 2.0
    mix = _request_mix(db, 60, seed=3)
    assert {k for k, _, _ in mix} == {"stories", "search"}
    with live_server(options_for(db)) as url:
        result = asyncio.run(_load(url, mix, 5, 60))
    assert result["failures"] == []
    assert sum(len(v) for v in result["latencies"].values()) == len(mix)
    assert len(result["server"]["search"]) == len(result["latencies"]["search"]) > 0
    assert all(0 < t < 60 for v in result["latencies"].values() for t in v)
