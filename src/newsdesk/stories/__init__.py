"""newsdesk.stories: near-duplicates, online story clustering across outlets and languages,
breaking news.

The runner calls :func:`assign_stories` with a :class:`StoryState` it keeps (``state.to_dict()``
/ :func:`state_from_dict`), or uses :class:`StoryStage` in ``ingest(..., stages=[...])``.
"""

from newsdesk.stories.assign import assign_stories, new_state, state_from_dict, story_record
from newsdesk.stories.cluster import StoryState, Weights
from newsdesk.stories.stage import StoryStage

__all__ = ["assign_stories", "new_state", "state_from_dict", "story_record", "StoryState", "Weights", "StoryStage"]
