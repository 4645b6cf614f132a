"""newsdesk: reads the news like a careful wire editor, at machine speed."""

from newsdesk.errors import NewsdeskError
from newsdesk.options import Options
from newsdesk.records import Article, Event, Figure, Place, Reading, Story

__version__ = "0.1.0"

__all__ = ["Article", "Event", "Figure", "NewsdeskError", "Options", "Place", "Reading", "Story", "__version__"]
