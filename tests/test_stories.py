"""Units of the story stage: features, online assignment, bad input, readings, closing,
breaking, state persistence, metrics, CLI. Small hand-written reports only."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.options import Options
from newsdesk.records import Article, Event, Figure, Place, Reading
from newsdesk.stories import assign_stories, new_state, state_from_dict
from newsdesk.stories.breaking import BreakingRule, DeskBaseline, check_breaking
from newsdesk.stories.evaluate import adjusted_rand_index, bcubed
from newsdesk.stories.features import article_features, fold

T0 = datetime(2024, 3, 12, 8, 0, tzinfo=UTC)
OPTS = Options()

QUAKE_A = ("A magnitude 6.1 earthquake struck Sumatra on Tuesday, killing at least 12 people in Padang, "
           "officials from the Indonesian disaster agency said.")
QUAKE_A2 = ("At least 12 people died when a 6.1 magnitude quake hit Padang on Sumatra island, Indonesia's "
            "disaster agency BNPB reported, as rescuers searched collapsed homes.")
ROYAL = ("Prince William opened the new children's hospital wing in Leeds, praising the nurses and "
         "doctors who raised money for the building over five years.")


def art(aid: str, text: str, minutes: float = 0, source: str | None = None, **kw) -> Article:
    return Article(id=aid, text=text, published=T0 + timedelta(minutes=minutes), source=source or f"src-{aid}", **kw)


def run(articles, state=None, readings=None, options=OPTS, now=None):
    state = state or new_state(options)
    return assign_stories(articles, state, options, readings, now=now or T0 + timedelta(days=30))


def test_features_fold_names_numbers_and_years():
    f = article_features(Article(id="x", text="Officials in Kraków said Zelenský met 1,200 people in 2023."))
    assert "krakow" in f.names and "zelensky" in f.names
    assert "officials" not in f.names  # a sentence-initial capital is not a name by itself
    assert "1200" in f.numbers and "2023" not in f.numbers
    assert "d:2023" in f.vector
    assert fold("Zelenský") == "zelensky"


def test_reading_adds_language_independent_anchors():
    reading = Reading(id="x", language="en",
                      places=[Place(0, 7, "Kharkiv", 706483, "Kharkiv", "UA", None, 50.0, 36.2, "city")],
                      events=[Event("air_drone_strike", 0, 5, "drone")],
                      figures=[Figure(0, 1, "7", "killed", 7, None, None, "exact")])
    f = article_features(Article(id="x", text="Kharkiv was hit."), reading)
    assert f.places == {706483}
    assert {"p:706483", "e:air_drone_strike", "f:killed:7"} <= set(f.vector)


def test_reports_of_one_event_join_and_others_do_not():
    assigned, stories, _ = run([art("a", QUAKE_A), art("b", ROYAL, 5), art("c", QUAKE_A2, 10)])
    assert [a.id for a in assigned] == ["a", "b", "c"]
    assert assigned[0].story == assigned[2].story
    assert assigned[1].story != assigned[0].story
    quake = next(s for s in stories if s.id == assigned[0].story)
    assert quake.articles == ["a", "c"] and quake.sources == ["src-a", "src-c"]


def test_processed_in_publication_order_but_returned_in_input_order():
    # input order is late, early: the early report founds the story and is the first copy
    late = art("late", QUAKE_A + " Rescue work went on overnight.", 30)
    early = art("early", QUAKE_A, 0)
    assigned, stories, _ = run([late, early])
    assert [a.id for a in assigned] == ["late", "early"]
    assert assigned[0].duplicate_of == "early" and assigned[1].duplicate_of is None
    assert stories[0].articles == ["early", "late"]
    assert stories[0].first_seen == T0


def test_bad_input_never_stops_the_stream():
    future = Article(id="f", text=QUAKE_A2, published=T0 + timedelta(days=400), source="s2")
    undated = Article(id="u", text=ROYAL, source="s3")
    empty = Article(id="e", text="   ", published=T0)
    assigned, _, state = run([art("a", QUAKE_A), future, undated, empty, art("a", ROYAL, 2)], now=T0 + timedelta(hours=1))
    by = {(a.id, i): a for i, a in enumerate(assigned)}
    a0, fut, und, emp, again = (by[k] for k in sorted(by, key=lambda k: k[1]))
    assert a0.story and fut.story == a0.story and "future" in (fut.reason or "")
    assert und.story and "no publication date" in (und.reason or "")
    assert emp.story is None and "empty" in (emp.reason or "")
    assert again.story == a0.story and "already assigned" in (again.reason or "")
    assert state.clock <= (T0 + timedelta(hours=1)).timestamp()


def test_a_failing_report_gets_a_reason_and_the_rest_go_on(monkeypatch):
    import newsdesk.stories.assign as assign_mod

    real = assign_mod.article_features

    def flaky(article, reading=None):
        if article.id == "bad":
            raise ValueError("broken record")
        return real(article, reading)

    monkeypatch.setattr(assign_mod, "article_features", flaky)
    assigned, _, _ = run([art("bad", QUAKE_A), art("ok", ROYAL, 1)])
    assert assigned[0].story is None and "broken record" in assigned[0].reason
    assert assigned[1].story is not None


def test_readings_let_reports_in_two_languages_join():
    en = art("en", "A drone strike on an apartment block killed 7 people overnight, the regional governor said.",
             language="en")
    ru = art("ru", "Удар беспилотника по жилому дому унёс жизни 7 человек, сообщил глава области.", 20, language="ru")

    def reading(aid: str, lang: str) -> Reading:
        return Reading(id=aid, language=lang,
                       places=[Place(0, 7, "Kharkiv", 706483, "Kharkiv", "UA", None, 50.0, 36.2, "city")],
                       events=[Event("air_drone_strike", 0, 5, "strike", date="2024-03-12")],
                       figures=[Figure(0, 1, "7", "killed", 7, None, None, "exact")])

    plain, _, _ = run([en, ru])
    assert plain[0].story != plain[1].story  # words alone: nothing in common but "7"
    read, stories, _ = run([en, ru], readings={"en": reading("en", "en"), "ru": reading("ru", "ru")})
    assert read[0].story == read[1].story
    assert stories[0].languages == ["en", "ru"] and stories[0].places == [706483]


def test_quiet_stories_close_and_leave_the_index():
    opts = OPTS.replace("stories", quiet_hours=24.0)
    state = new_state(opts)
    first, _, state = assign_stories([art("a", QUAKE_A)], state, opts, now=T0 + timedelta(days=9))
    assert len(state.stories) == 1 and len(state.duplicates) == 1
    later, stories, state = assign_stories([art("b", QUAKE_A2, 60 * 48)], state, opts, now=T0 + timedelta(days=9))
    assert later[0].story != first[0].story  # the first story closed after 24 quiet hours
    closed = [s for s in stories if s.closed]
    assert [s.id for s in closed] == [first[0].story]
    assert len(state.stories) == 1 and "a" not in state.article_story and "a" not in state.duplicates


def test_stories_older_than_max_story_days_close_even_when_fed():
    opts = OPTS.replace("stories", quiet_hours=72.0, max_story_days=2.0, decay_hours=1000.0)
    state = new_state(opts)
    now = T0 + timedelta(days=30)
    times = [0, 60 * 20, 60 * 40]  # fed every 20 hours: never quiet for 72 hours
    ids = []
    for k, minutes in enumerate(times):
        text = QUAKE_A if k % 2 == 0 else QUAKE_A2
        (a,), _, state = assign_stories([art(f"q{k}", text, minutes)], state, opts, now=now)
        ids.append(a.story)
    assert ids[0] == ids[1]
    (late,), stories, state = assign_stories([art("q3", QUAKE_A2, 60 * 50)], state, opts, now=now)
    assert late.story != ids[0]  # first seen more than 2 days before: closed, a new story starts
    assert [s.id for s in stories if s.closed] == [ids[0]]
    assert ids[0] not in state.stories and "q0" not in state.article_story


def test_max_open_stories_closes_the_least_recently_fed():
    opts = OPTS.replace("stories", max_open_stories=2)
    state = new_state(opts)
    texts = [QUAKE_A, ROYAL, "Chess grandmaster Anand won the Tata Steel tournament in Wijk aan Zee on Sunday."]
    out, stories, state = assign_stories([art(f"x{k}", t, k) for k, t in enumerate(texts)], state, opts,
                                         now=T0 + timedelta(days=1))
    assert len({a.story for a in out}) == 3 and len(state.stories) == 2
    assert [s.id for s in stories if s.closed] == [out[0].story]  # the one fed longest ago


def test_time_decay_weakens_old_stories():
    opts = OPTS.replace("stories", decay_hours=1.0, quiet_hours=1000.0)
    assigned, _, _ = run([art("a", QUAKE_A), art("c", QUAKE_A2, 60 * 20)], options=opts)
    assert assigned[0].story != assigned[1].story
    assigned, _, _ = run([art("a", QUAKE_A), art("c", QUAKE_A2, 30)], options=opts)
    assert assigned[0].story == assigned[1].story


def test_breaking_rule_fast_versus_slow():
    rule = BreakingRule(window_seconds=3600, min_sources=3, ratio=2.0)
    desk = DeskBaseline()
    assert not check_breaking([0.0, 600.0], 600.0, desk, rule)
    assert check_breaking([0.0, 600.0, 900.0], 900.0, desk, rule)
    slow = [i * 6 * 3600.0 for i in range(6)]  # one new source every 6 hours
    assert not check_breaking(slow, slow[-1], DeskBaseline(), rule)
    # a story that was already busy must double its own pace
    busy = [i * 600.0 for i in range(30)]
    assert not check_breaking(busy, busy[-1], DeskBaseline(), rule)


def test_breaking_flag_is_raised_with_its_time():
    texts = [QUAKE_A, QUAKE_A2, QUAKE_A2 + " Aftershocks followed.", QUAKE_A + " Roads were cut."]
    reports = [art(f"q{i}", t, minutes=5 * i, source=f"outlet{i}") for i, t in enumerate(texts)]
    assigned, stories, _ = run(reports)
    assert len({a.story for a in assigned}) == 1
    assert [a.breaking for a in assigned] == [False, False, True, True]
    assert stories[0].breaking and stories[0].breaking_at == T0 + timedelta(minutes=10)


def test_state_round_trip_continues_identically():
    first = [art("a", QUAKE_A), art("b", ROYAL, 5)]
    second = [art("c", QUAKE_A2, 10), art("d", ROYAL + " The Prince met patients.", 12)]
    _, _, state = run(first)
    restored = state_from_dict(json.loads(json.dumps(state.to_dict())), OPTS)
    direct, _, _ = run(second, state=state)
    again, _, _ = run(second, state=restored)
    assert [(a.story, a.duplicate_of) for a in direct] == [(a.story, a.duplicate_of) for a in again]


def test_unknown_state_format_is_a_clear_error():
    from newsdesk.errors import StoreError

    with pytest.raises(StoreError, match="unknown format"):
        state_from_dict({"version": 999}, OPTS)


def test_ingest_keeps_stories_and_state_in_the_store(tmp_path, capsys):
    """Through the runner and the real SQLite store: a second run (a new process) continues
    the first run's stories from the state kept in the store; list and show read them."""
    from newsdesk.cli import main
    from newsdesk.runner import ingest
    from newsdesk.stages import LaterStages
    from newsdesk.store import open_store

    opts = OPTS.replace("store", db=str(tmp_path / "news.db"))
    with open_store(opts.store.db, opts) as store:
        ingest([], store, opts, articles=iter([art("a", QUAKE_A), art("b", ROYAL, 3)]),
               stages=[LaterStages(opts, stages=["stories"])])
    with open_store(opts.store.db, opts) as store:
        ingest([], store, opts, articles=iter([art("c", QUAKE_A2, 10)]),
               stages=[LaterStages(opts, stages=["stories"])])
        story_a = store.get_story(next(s.id for s in store.list_stories(limit=10) if "a" in s.articles))
    assert story_a.articles == ["a", "c"] and story_a.sources == ["src-a", "src-c"]
    capsys.readouterr()
    assert main(["--db", opts.store.db, "stories", "list"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(row["reports"] for row in listed) == [1, 2]
    assert main(["--db", opts.store.db, "stories", "show", story_a.id]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == story_a.id and shown["articles"] == ["a", "c"]
    assert main(["--db", opts.store.db, "stories", "show", "st_nope"]) == 1


def test_bcubed_and_ari_on_known_partitions():
    gold = ["x", "x", "y", "y"]
    assert bcubed(gold, [1, 1, 2, 2]) == (1.0, 1.0, 1.0)
    p, r, f = bcubed(gold, [1, 1, 1, 1])
    assert (p, r) == (0.5, 1.0) and f == pytest.approx(2 / 3)
    p, r, _ = bcubed(gold, [1, 2, 3, 4])
    assert (p, r) == (1.0, 0.5)
    assert adjusted_rand_index(gold, ["a", "a", "b", "b"]) == 1.0
    assert adjusted_rand_index(["x", "x", "x", "y", "y", "y"], [1, 2, 3, 1, 2, 3]) < 0
    with pytest.raises(ValueError):
        bcubed(gold, [1])


def test_cli_prints_one_line_per_report_in_input_order(tmp_path, capsys):
    from newsdesk.cli import main

    path = tmp_path / "reports.jsonl"
    rows = [{"id": "r2", "text": QUAKE_A2, "published": "2024-03-12T09:00:00Z", "source": "b"},
            {"id": "r1", "text": QUAKE_A, "published": "2024-03-12T08:00:00Z", "source": "a"},
            {"id": "r3", "text": ROYAL, "published": "2024-03-12T08:30:00Z", "source": "c"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["stories", str(path)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(out) == 3
    assert all({"id", "story", "duplicate_of", "breaking"} <= set(o) for o in out)
    assert out[0]["story"] == out[1]["story"] != out[2]["story"]


def test_eval_run_scores_a_split(shared):
    from newsdesk.stories.evaluate import run as run_eval

    result = run_eval(OPTS, {"shared": str(shared), "subset": "dev", "limit": 60, "orders": 2})
    metrics = {row["metric"]: row for row in result["rows"]}
    assert result["documents"] == 60 and len(result["runs"]) == 2
    assert 0.0 < metrics["b3_f1"]["mean"] <= 1.0 and metrics["b3_f1"]["min"] <= metrics["b3_f1"]["max"]
    assert "breaking_detected" in metrics
    with pytest.raises(Exception, match="unknown ECB"):
        run_eval(OPTS, {"shared": str(shared), "subset": "validation"})


def test_bench_small_run_reports_each_checkpoint(shared):
    from newsdesk.stories.bench import run as run_bench

    result = run_bench(OPTS, {"shared": str(shared), "n": 1200})
    assert [r["processed"] for r in result["rows"]] == [1000, 1200]
    last = result["rows"][-1]
    assert last["open_articles"] == 1200 and last["cpu_ms_per_article"] > 0 and last["rss_mb"] > 0


def test_restored_state_continues_exactly_on_real_reports(bench_dir):
    from newsdesk.stories.evaluate import load_ecbplus

    rows = load_ecbplus(bench_dir / "ecbplus.jsonl", "dev")[:120]
    reports = [art(r["doc_id"], r["text"], minutes=i, source=f"o{i % 7}") for i, r in enumerate(rows)]
    _, _, state = run(reports[:60])
    restored = state_from_dict(json.loads(json.dumps(state.to_dict())), OPTS)
    direct, _, _ = run(reports[60:], state=state)
    again, _, _ = run(reports[60:], state=restored)
    assert [(a.story, a.duplicate_of, a.breaking) for a in direct] == [(a.story, a.duplicate_of, a.breaking)
                                                                        for a in again]
    assert len({a.story for a in direct}) > 1


def test_idf_table_is_bounded_by_halving():
    from newsdesk.stories.cluster import StoryState

    state = StoryState()
    for k in range(10):
        state.observe_terms({"w:common": 1.0, f"w:rare{k}": 1.0}, max_terms=6)
    assert len(state.df) <= 6
    assert "w:common" in state.df and state.df["w:common"] >= 2  # frequent terms survive, halved
    assert state.idf("w:common") < state.idf("w:rare9")  # and stay the less informative


def test_replay_stream_is_in_publication_order_with_bounded_events(shared):
    from newsdesk.stories.bench import replay_texts, synthetic_stream

    texts = replay_texts(str(shared), limit=200)
    stream = list(synthetic_stream(texts, 3000))
    times = [a.published for a in stream]
    assert times == sorted(times) and len({a.id for a in stream}) == 3000
    hours = (times[-1] - times[0]).total_seconds() / 3600.0
    # 1,000 reports an hour once warm; fewer at the start, before the events' later reports fall due
    assert 3.0 < hours < 9.0
    assert all(a.text.strip() for a in stream)
