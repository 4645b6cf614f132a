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
