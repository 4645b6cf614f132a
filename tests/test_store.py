"""The SQLite store: round trips, migrations, dedup with sightings, search, paging, state."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import ConfigError, StoreError
from newsdesk.options import Options
from newsdesk.records import (
    Article,
    Claim,
    Claimant,
    Count,
    Event,
    Figure,
    Ledger,
    Place,
    Reading,
    Span,
    Story,
    StoryAssignment,
    Tally,
)
from newsdesk.store import ArticleQuery, open_store
from newsdesk.store.sqlite import MIGRATIONS, SQLiteStore

EST = timezone(timedelta(hours=-5))


def art(i: int, **kw) -> Article:
    base: dict = {"id": f"a{i}", "text": f"Report number {i}.\n\nShelling hit the city of Kharkiv on day {i}.",
                  "title": f"Title {i}", "url": f"https://example.org/news/{i}", "source": "example.org",
                  "content_hash": f"hash{i}", "published": datetime(2023, 12, 1, 12, tzinfo=UTC) + timedelta(days=i),
                  "origin": f"test#{i}"}
    base.update(kw)
    return Article(**base)


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "t.db"), Options())
    yield s
    s.close()


# --- round trips -----------------------------------------------------------------------------

aware = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 1, 1),
                     timezones=st.sampled_from([UTC, EST, timezone(timedelta(hours=5, minutes=30)),
                                                timezone(timedelta(hours=-9, minutes=-30))]))
texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)
opt_text = st.none() | st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
spans = st.lists(st.builds(Span, st.integers(0, 300), st.integers(0, 300), st.sampled_from(["", "boilerplate",
                                                                                            "subhead"])),
                 max_size=4)
json_values = st.recursive(st.none() | st.booleans() | st.integers(-2**53, 2**53) | opt_text,
                           lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=8), kids,
                                                                                       max_size=3), max_leaves=8)
articles = st.builds(
    Article, id=st.text("abcdef0123456789", min_size=1, max_size=16), text=texts, title=opt_text,
    url=st.none() | st.text("abcdefghij/", min_size=1, max_size=20).map(lambda s: "https://x.org/" + s),
    source=opt_text, byline=opt_text, published=st.none() | aware, updated=st.none() | aware,
    fetched=st.none() | aware, language=st.none() | st.sampled_from(["en", "ru", "uk"]),
    language_confidence=st.none() | st.floats(0, 1), section=opt_text, content_hash=st.text("0123456789abcdef",
                                                                                             max_size=16),
    origin=opt_text, boilerplate=spans, layout=spans, meta=st.dictionaries(st.text(max_size=8), json_values,
                                                                          max_size=4))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=articles)
def test_article_round_trip(a: Article) -> None:
    with SQLiteStore(":memory:", paragraph_hasher=lambda t: []) as s:
        (res,) = s.add_articles([a])
        assert res.status == "new", res
        back = s.get_article(a.id)
    assert back == a
    for name in ("published", "updated", "fetched"):  # the offset itself survives, not just the instant
        if getattr(a, name) is not None:
            assert getattr(back, name).utcoffset() == getattr(a, name).utcoffset()


def test_round_trip_of_a_real_seed(store, seed_path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    a = Article(id="seed", text=text, title="Escalating Tensions", source="BNN", content_hash="seedhash",
                published=datetime(2023, 12, 31, 5, 32, tzinfo=EST), boilerplate=[Span(len(text) - 100, len(text),
                                                                                       "boilerplate")])
    store.add_articles([a])
    assert store.get_article("seed") == a


# --- migrations ------------------------------------------------------------------------------

def test_migrations_recorded_once_and_idempotent(tmp_path) -> None:
    path = tmp_path / "m.db"
    with open_store(str(path)) as s:
        first = s.migrations()
        s.add_articles([art(1)], paragraphs={"a1": []})
    assert [name for name, _ in first] == [name for name, _ in MIGRATIONS]
    assert len(first) >= 2
    with open_store(str(path)) as s:  # reopening applies nothing again, keeps data
        assert s.migrations() == first
        assert s.get_article("a1") is not None
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "sightings", "source_paragraphs", "feeds", "articles_fts", "readings", "stories",
            "story_articles", "ledgers", "migrations"} <= tables
    conn.close()


def test_open_store_refuses_unknown_backends(tmp_path) -> None:
    with pytest.raises(ConfigError, match="PostgreSQL backend not available yet|postgres"):
        import importlib.util

        if importlib.util.find_spec("newsdesk.store.postgres") is not None:
            pytest.skip("a PostgreSQL backend exists")
        open_store("postgresql://localhost/newsdesk")
    with pytest.raises(ConfigError, match="unknown database URL"):
        open_store("mysql://localhost/x")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no" / "such" / "dir" / "x.db"))


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="bad.db"):
        open_store(str(bad))


# --- dedup -----------------------------------------------------------------------------------

def test_same_url_is_stored_once_with_a_sighting(store) -> None:
    first = art(1)
    again = art(1, id="other", content_hash="changed", text="Updated text.", origin="second-file#3")
    r1 = store.add_articles([first], paragraphs={})
    r2 = store.add_articles([again], paragraphs={})
    assert r1[0].status == "new"
    assert (r2[0].status, r2[0].id, r2[0].duplicate_of, r2[0].reason) == ("duplicate", "a1", "a1", "url")
    assert store.stats()["articles"] == 1
    assert store.get_article("other") is None
    (s,) = store.sightings("a1")
    assert s["reason"] == "url" and s["origin"] == "second-file#3" and s["url"] == first.url


def test_same_content_under_another_url_is_a_duplicate(store) -> None:
    store.add_articles([art(1)])
    (res,) = store.add_articles([art(1, id="b", url="https://mirror.example.net/copy")])
    assert (res.status, res.duplicate_of, res.reason) == ("duplicate", "a1", "content")
    assert [s["reason"] for s in store.sightings("a1")] == ["content"]


def test_duplicates_inside_one_batch(store) -> None:
    batch = [art(1), art(2), art(1, id="x"), art(3, content_hash="hash2", id="y", url=None)]
    res = store.add_articles(batch)
    assert [r.status for r in res] == ["new", "new", "duplicate", "duplicate"]
    assert [r.reason for r in res[2:]] == ["url", "content"]
    assert store.stats()["articles"] == 2 and store.stats()["sightings"] == 2
    assert [r is None for r in store.find_existing([art(1, id="q"), art(9)])] == [False, True]


def test_the_lookup_of_find_existing_is_reused_only_while_it_holds(store, tmp_path) -> None:
    """add_articles reuses find_existing's answer; a write in between (this connection or
    another process) makes it look again, so nothing is stored twice."""
    batch = [art(1), art(2)]
    assert store.find_existing(batch) == [None, None]
    other = open_store(str(tmp_path / "t.db"), Options())  # another writer on the same file
    try:
        other.add_articles([art(1, id="elsewhere", content_hash="other-hash")])
    finally:
        other.close()
    res = store.add_articles(batch)
    assert [(r.status, r.duplicate_of) for r in res] == [("duplicate", "elsewhere"), ("new", None)]

    later = [art(3), art(4)]
    assert store.find_existing(later) == [None, None]
    store.add_articles([art(3, id="first")])  # this connection writes in between
    res = store.add_articles(later)
    assert [(r.status, r.duplicate_of) for r in res] == [("duplicate", "first"), ("new", None)]

    again = [art(5)]
    assert store.find_existing(again) == [None]
    res = store.add_articles([art(5), art(2, id="z")])  # keys the lookup did not cover
    assert [r.status for r in res] == ["new", "duplicate"]
    assert store.check()["articles"] == 5


def test_a_broken_record_does_not_stop_the_batch(store) -> None:
    broken = [art(2, text=None), art(3, published="yesterday"), art(4, meta={"x": object()}), art(5, id=""),
              art(7, meta={"x": float("nan")})]
    unbindable = art(8, language=["en"])  # passes the checks, fails in SQLite: the batch is redone row by row
    res = store.add_articles([art(1), *broken, unbindable, art(6), art(1, id="again")])
    assert [r.status for r in res] == ["new", "error", "error", "error", "error", "error", "error", "new",
                                       "duplicate"]
    assert all(r.reason and "cannot store" in r.reason for r in res[1:7])
    assert {a.id for a in store.iter_articles()} == {"a1", "a6"}
    assert store.check() == {"integrity": "ok", "fts": "ok", "articles": 2, "fts_rows": 2}
    assert [s["reason"] for s in store.sightings("a1")] == ["url"]


# --- reading ---------------------------------------------------------------------------------

def test_search_with_snippets_and_ranking(store) -> None:
    store.add_articles([art(1), art(2, title="Drones over Kyiv", text="Air defence shot down drones over Kyiv."),
                        art(3, title="Weather", text="Sunny in Lviv, rain in Odesa.", content_hash="h3")])
    hits = store.search("drones")
    assert [h.id for h in hits] == ["a2"]
    assert "[drones]" in hits[0].snippet.lower()
    assert hits[0].source == "example.org" and hits[0].published == art(2).published
    assert {h.id for h in store.search("kharkiv")} == {"a1"}
    assert store.search("kyi*")[0].id == "a2"  # FTS5 prefix syntax
    assert store.search('unbalanced "quote') == []  # invalid syntax retried as words, no crash
    with pytest.raises(StoreError):
        store.search("   ")


def test_search_cyrillic_and_diacritics(store) -> None:
    store.add_articles([art(1, text="Обстріл Харкова: поранено 22 людини.", title="Харків"),
                        art(2, text="Le président a parlé à Genève.", title="Genève")])
    assert [h.id for h in store.search("харкова")] == ["a1"]
    assert [h.id for h in store.search("geneve")] == ["a2"]


def test_list_pages_filters_and_cursor(store) -> None:
    store.add_articles([art(i, source="a" if i % 2 else "b", language="en" if i < 6 else "ru") for i in range(10)])
    page, cursor = store.list_articles(ArticleQuery(limit=4))
    assert [a.id for a in page] == ["a9", "a8", "a7", "a6"]
    page2, cursor2 = store.list_articles(ArticleQuery(limit=4, cursor=cursor))
    assert [a.id for a in page2] == ["a5", "a4", "a3", "a2"]
    page3, cursor3 = store.list_articles(ArticleQuery(limit=4, cursor=cursor2))
    assert [a.id for a in page3] == ["a1", "a0"] and cursor3 is None
    only, _ = store.list_articles(ArticleQuery(source="a", language="en"))
    assert [a.id for a in only] == ["a5", "a3", "a1"]
    since = datetime(2023, 12, 4, tzinfo=UTC)
    until = datetime(2023, 12, 4, 7, tzinfo=EST)  # 12:00 UTC: a3 is published exactly then, excluded
    ranged, _ = store.list_articles(ArticleQuery(since=since, until=until))
    assert [a.id for a in ranged] == []
    ranged, _ = store.list_articles(ArticleQuery(since=since, until=until + timedelta(seconds=1)))
    assert [a.id for a in ranged] == ["a3"]
    with pytest.raises(StoreError, match="cursor"):
        store.list_articles(ArticleQuery(cursor="garbage!"))


def test_iter_articles_orders(store) -> None:
    store.add_articles([art(3), art(1), art(2, published=None, fetched=datetime(2023, 11, 1, tzinfo=UTC))])
    assert [a.id for a in store.iter_articles()] == ["a2", "a1", "a3"]
    assert [a.id for a in store.iter_articles(order="rowid")] == ["a3", "a1", "a2"]
    assert len(list(store.iter_articles(batch=1))) == 3


def test_stats_and_check(store) -> None:
    store.add_articles([art(1, language="en"), art(2, language="en"), art(3, language="uk", source="ukr")])
    store.add_articles([art(1, id="dup")])
    st_ = store.stats()
    assert st_["articles"] == 3 and st_["sightings"] == 1 and st_["sources"] == 2
    assert st_["languages"] == {"en": 2, "uk": 1}
    assert st_["first_published"].startswith("2023-12-02") and st_["last_published"].startswith("2023-12-04")
    assert store.check() == {"integrity": "ok", "fts": "ok", "articles": 3, "fts_rows": 3}


# --- per-source state --------------------------------------------------------------------------

def test_paragraph_counts_count_articles_not_repeats(store) -> None:
    footer = "Founded in 1990, Example News brings you the news."
    a1 = art(1, text=f"First story.\n{footer}\n{footer}")
    a2 = art(2, text=f"Second story.\n{footer}")
    a3 = art(3, text=f"Third story.\n{footer}", source="other.org")
    store.add_articles([a1, a2, a3])  # hashes computed by the read stage's paragraphs()
    from newsdesk.read.boilerplate import paragraph_hash

    h = paragraph_hash(footer)
    assert store.paragraph_counts("example.org", [h, "missing"]) == {h: 2}
    assert store.paragraph_counts("other.org", [h]) == {h: 1}
    store.add_articles([art(1, id="again")])  # a duplicate adds nothing
    assert store.paragraph_counts("example.org", [h]) == {h: 2}
    store.add_articles([art(5, text="x")], paragraphs={"a5": ["p", "p", "q"]})
    assert store.paragraph_counts("example.org", ["p", "q"]) == {"p": 1, "q": 1}


def test_feed_state_round_trip(store) -> None:
    url = "https://example.org/feed.xml"
    assert store.feed_state(url) is None
    store.set_feed_state(url, {"etag": '"abc"', "last_modified": "Sun, 31 Dec 2023 10:00:00 GMT",
                               "last_polled": datetime(2023, 12, 31, 10, tzinfo=UTC), "last_status": 200,
                               "error": None, "items_seen": ["x", "y"]})
    state = store.feed_state(url)
    assert state["etag"] == '"abc"' and state["last_status"] == 200 and state["items_seen"] == ["x", "y"]
    assert state["last_polled"] == "2023-12-31T10:00:00+00:00"
    store.set_feed_state(url, {"last_status": 304})
    assert store.feed_state(url)["last_status"] == 304 and store.feed_state(url)["etag"] is None
    assert [f["url"] for f in store.list_feeds()] == [url]


# --- later stages -----------------------------------------------------------------------------

def test_readings_stories_ledgers_round_trip(store) -> None:
    place = Place(10, 17, "Kharkiv", 706483, "Kharkiv", "UA", "Kharkivska", 49.98, 36.25, "city", 0.9)
    fig = Figure(30, 50, "at least 22 injured", "injured", 22, None, None, "at_least", "people", place=0,
                 claimant=Claimant("officials", 60, 69, "UA"), stance="reported", event=0)
    event = Event("shelling_artillery_missile_attack", 0, 60, "strikes on Kharkiv", place=0, date="2023-12-30",
                  date_precision="day", injured=Count(22, 22, None), figures=[0])
    reading = Reading("a1", "en", [place], [fig], [event])
    store.save_readings([reading])
    assert store.get_reading("a1") == reading
    assert store.get_reading("nope") is None
    t0 = datetime(2023, 12, 31, 10, 32, tzinfo=UTC)
    stories = [Story("s1", t0, t0 + timedelta(hours=2), ["a1", "a2"], ["bnn"], ["en"], [706483], "Kharkiv",
                     True, t0),
               Story("s2", t0 - timedelta(days=1), t0 - timedelta(days=1))]
    assigns = [StoryAssignment("a1", "s1"), StoryAssignment("a2", "s1", duplicate_of="a1", breaking=True),
               StoryAssignment("a3", None, reason="no place")]
    store.save_assignments(assigns, stories)
    assert store.get_story("s1") == stories[0]
    assert [s.id for s in store.list_stories()] == ["s1", "s2"]
    assert [s.id for s in store.list_stories(breaking=True)] == ["s1"]
    assert store.get_assignment("a2") == assigns[1]
    ledger = Ledger("s1", [Tally("injured|people|Kharkiv|", "injured", "people", "Kharkiv",
                                 [Claim("a1", t0, fig, 0, 60, "The assault injured at least 22.", "bnn")],
                                 revisions=[{"from": 20, "to": 22}], low=22, best=22, high=None,
                                 explanation={"best": "latest"})], updated=t0)
    store.save_ledger(ledger)
    assert store.get_ledger("s1") == ledger
    assert store.stats()["readings"] == 1 and store.stats()["stories"] == 2 and store.stats()["ledgers"] == 1


# --- threads ----------------------------------------------------------------------------------

def test_reads_from_other_threads_while_writing(store) -> None:
    errors: list[BaseException] = []
    seen: dict[int, list[int]] = {}

    def reader(k: int) -> None:
        counts = seen.setdefault(k, [])
        try:
            for _ in range(30):
                counts.append(store.stats()["articles"])
                store.search("shelling", limit=5)
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for k in range(20):
        store.add_articles([art(k * 10 + j) for j in range(10)])
    for t in threads:
        t.join()
    assert not errors
    for counts in seen.values():
        assert counts == sorted(counts)  # each reader sees the store grow, never shrink
        assert all(c % 10 == 0 for c in counts)  # and whole batches only: never half of one
    assert store.stats()["articles"] == 200


def test_closed_store_refuses_work(tmp_path) -> None:
    s = open_store(str(tmp_path / "c.db"))
    s.close()
    s.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        s.add_articles([art(1)])
    with pytest.raises(StoreError, match="closed"):
        s.get_article("a1")


def test_stats_count_reports_without_source_or_language_as_unknown(tmp_path):
    store = SQLiteStore(tmp_path / "s.db")
    try:
        store.add_articles([Article(id="a", text="Floods hit the valley.", source="wire", language="en"),
                            Article(id="b", text="A second report with no source or language.")])
        stats = store.stats()
        assert stats["languages"] == {"en": 1, "(unknown)": 1}
        assert stats["top_sources"] == {"(unknown)": 1, "wire": 1} and stats["sources"] == 1
    finally:
        store.close()
