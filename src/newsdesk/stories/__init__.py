"""newsdesk.stories: near-duplicates, online story clustering across outlets and languages,
breaking news.

The runner calls :func:`assign_stories` with a :class:`StoryState` it keeps (``state.to_dict()``
/ :func:`state_from_dict`); :class:`newsdesk.stages.LaterStages` does so for ``ingest``/``watch``.
"""

from newsdesk.stories.assign import assign_stories, new_state, state_from_dict, story_record
from newsdesk.stories.cluster import StoryState, Weights

__all__ = ["StoryState", "Weights", "assign_stories", "new_state", "state_from_dict", "story_record"]
