"""The story stage for the runner's hook: ``ingest(..., stages=[StoryStage()])``.

:class:`StoryStage` is a callable ``(new_articles, store, options) -> None``. It owns the
clusterer's :class:`~newsdesk.stories.cluster.StoryState`: on first use it loads the state the
store kept (``store.stage_state("stories")``), after each batch it saves the assignments and
the changed stories (``store.save_assignments``) and the new state (``store.set_stage_state``).
A store that cannot keep stage state yet (``NotImplementedError``) gets a state that lives as
long as the stage object (one process). Readings are used when the store has them.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.options import Options
from newsdesk.records import Article, Reading
from newsdesk.stories.assign import assign_stories, state_from_dict
from newsdesk.stories.cluster import StoryState

__all__ = ["StoryStage", "STATE_NAME"]

STATE_NAME = "stories"


class StoryStage:
    """Assigns stories to each batch of newly stored articles and keeps the state in the store."""

    def __init__(self) -> None:
        self.state: StoryState | None = None
        self.persistent = True

    def __call__(self, articles: list[Article], store, options: Options) -> None:  # noqa: ANN001
        if self.state is None:
            data = None
            try:
                data = store.stage_state(STATE_NAME)
            except NotImplementedError:
                self.persistent = False
            self.state = state_from_dict(data, options)
        readings = _readings(articles, store)
        assignments, stories, self.state = assign_stories(articles, self.state, options, readings)
        store.save_assignments(assignments, stories)
        if self.persistent:
            store.set_stage_state(STATE_NAME, self.state.to_dict())


def _readings(articles: Sequence[Article], store) -> dict[str, Reading]:  # noqa: ANN001
    out: dict[str, Reading] = {}
    for a in articles:
        try:
            r = store.get_reading(a.id)
        except NotImplementedError:
            return {}
        if r is not None:
            out[a.id] = r
    return out
