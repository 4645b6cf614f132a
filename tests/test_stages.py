"""The later stages composed with a store: the story clusterer's state is saved at most every
``stories.state_save_seconds`` during a run, and by ``flush`` at its end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdesk.options import Options
from newsdesk.records import Article
from newsdesk.stages import LaterStages
from newsdesk.store import open_store

T0 = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def _articles(prefix: str, n: int, start: int = 0) -> list[Article]:
    return [Article(id=f"{prefix}{i}", text=f"Flooding in river town number {i} forced {i + 3} families out.",
                    title=f"Floods {i}", source=f"outlet{i % 3}", published=T0 + timedelta(minutes=i))
            for i in range(start, start + n)]


def test_state_saved_at_most_every_interval_then_flushed(tmp_path):
    db = str(tmp_path / "s.db")
    options = Options().replace("store", db=db).replace("stories", state_save_seconds=3600.0)
    with open_store(db, options) as store:
        stage = LaterStages(options, stages=("stories",))
        first = _articles("a", 3)
        store.add_articles(first)
        stage(first, store, options)
        saved = store.stage_state("stories")
        assert saved is not None  # the first batch is saved at once
        second = _articles("b", 3, start=3)
        store.add_articles(second)
        stage(second, store, options)
        assert store.stage_state("stories") == saved  # within the interval: not saved again
        stage.flush(store)
        after = store.stage_state("stories")
        assert after != saved
        assert all(a.id in str(after) for a in second)  # the flushed state knows the second batch
        stage.flush(store)  # nothing changed: a second flush writes nothing new
        assert store.stage_state("stories") == after


def test_unknown_stage_name_is_a_clear_error():
    import pytest

    from newsdesk.errors import NewsdeskError

    with pytest.raises(NewsdeskError, match="unknown stage"):
        LaterStages(Options(), stages=("extract", "summarise"))


def test_near_duplicate_index_keeps_a_bounded_number_of_reports_per_story():
    from newsdesk.stories import assign_stories, new_state

    options = Options().replace("stories", dedup_reports_per_story=5)
    state = new_state(options)
    base = ("Heavy flooding along the Elbe river forced thousands of residents of Dresden to leave their "
            "homes on Tuesday, officials said, as water levels rose past the record of 2002.")
    # the same event told twelve times in different words: one story, never near-duplicates
    reports = [Article(id=f"r{i}", text=f"{base} Report {i}: " + " ".join(f"detail{i}x{j}" for j in range(40)),
                       source=f"outlet{i}", published=T0 + timedelta(minutes=i)) for i in range(12)]
    assignments, _, state = assign_stories(reports, state, options)
    stories = {a.story for a in assignments}
    assert len(stories) == 1 and None not in stories
    assert len(state.duplicates) == 5


def _toll_report(aid: str, value: int, minutes: int):
    from newsdesk.records import Claimant, Figure, Reading

    body = f"Officials said {value} people were killed."
    start = body.index(f"{value} people")
    fig = Figure(start=start, end=start + len(f"{value} people"), text=f"{value} people", category="killed",
                 value=value, low=value, high=value, qualifier="exact", subject="people",
                 claimant=Claimant(text="Officials", start=0, end=9), stance="claimed")
    art = Article(id=aid, text=body, source="wire", published=T0 + timedelta(minutes=minutes))
    return art, Reading(id=aid, language="en", figures=[fig])


def test_ledger_kept_in_memory_never_hides_another_writers_update(tmp_path):
    from newsdesk.ledger import build_ledger, claims_from_reading
    from newsdesk.records import StoryAssignment

    db = str(tmp_path / "l.db")
    options = Options().replace("store", db=db)
    with open_store(db, options) as store:
        stage = LaterStages(options)

        def batch(*reports):
            arts = [a for a, _ in reports]
            stage._ledger(arts, {a.id: StoryAssignment(id=a.id, story="s1") for a in arts},
                          {a.id: r for a, r in reports}, store, options)

        batch(_toll_report("r1", 10, 0))
        batch(_toll_report("r2", 12, 10))  # folded into the ledger kept from the first batch
        assert [c.figure.value for c in store.get_ledger("s1").tallies[0].claims] == [10, 12]
        # another process (say, the server's POST /articles) saves a ledger for the same story
        other = [_toll_report("x1", 10, 0), _toll_report("x2", 12, 10), _toll_report("x3", 15, 20)]
        claims = [c for a, r in other for c in claims_from_reading(a, r)]
        store.save_ledger(build_ledger("s1", claims, options))
        batch(_toll_report("r3", 20, 30))
        values = [c.figure.value for c in store.get_ledger("s1").tallies[0].claims]
        assert values == [10, 12, 15, 20]  # the stored ledger was read again, not the stale copy
        assert store.get_ledger("s1").tallies[0].best == 20


def test_ledgers_kept_in_memory_are_bounded_by_claims(monkeypatch):
    import newsdesk.stages as stages_mod
    from newsdesk.ledger import build_ledger, claims_from_reading

    monkeypatch.setattr(stages_mod, "_LEDGER_CLAIMS_KEPT", 3)
    stage = LaterStages(Options())
    for i in range(4):  # four stories of two claims each
        reports = [_toll_report(f"s{i}r{k}", 10 + k, k) for k in range(2)]
        claims = [c for a, r in reports for c in claims_from_reading(a, r)]
        stage._ledgers[f"s{i}"] = ("v", build_ledger(f"s{i}", claims, Options()))
        stage._trim_ledgers()
    assert list(stage._ledgers) == ["s3"]  # two ledgers would hold 4 claims > 3: only the latest stays
