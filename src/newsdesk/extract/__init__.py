"""newsdesk.extract stage: figures with claimants, ACLED events with actors, one Reading per article.

Public entry points (imported lazily so that ``import newsdesk.extract`` stays cheap)::

    read_article(article, options, *, gazetteer=None) -> Reading
    read_articles(articles, options) -> Iterator[Reading | ExtractError]
    find_events(text, sentences, language, *, places, figures, dates) -> list[Event]
    read_events(...) -> EventReading (events and each figure's event and place)
    find_actors(text, language, places) -> list[ActorMention]
"""

from __future__ import annotations

from typing import Any

__all__ = ["find_actors", "find_events", "read_article", "read_articles", "read_events", "rebase_article"]

_WHERE = {
    "read_article": "newsdesk.extract.pipeline",
    "read_articles": "newsdesk.extract.pipeline",
    "rebase_article": "newsdesk.extract.pipeline",
    "find_events": "newsdesk.extract.events",
    "read_events": "newsdesk.extract.events",
    "find_actors": "newsdesk.extract.actors",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'newsdesk.extract' has no attribute {name!r}")
