"""newsdesk.geo: the gazetteer and the places stage (toponym recognition and resolution).

>>> from newsdesk.geo import Gazetteer, find_places
>>> gaz = Gazetteer.load(options)                  # built once into options.data_path()
>>> find_places("Shelling hit Kharkiv.", gaz, options)[0].name
'Kharkiv'

Imports are lazy: importing this package loads nothing heavy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Entry", "Gazetteer", "HomeRegion", "find_places", "home_from_url", "infer_home"]

if TYPE_CHECKING:  # pragma: no cover
    from newsdesk.geo.gazetteer import Entry, Gazetteer
    from newsdesk.geo.home import HomeRegion, home_from_url, infer_home
    from newsdesk.geo.resolve import find_places

_WHERE = {"Gazetteer": "gazetteer", "Entry": "gazetteer", "find_places": "resolve", "HomeRegion": "home",
          "home_from_url": "home", "infer_home": "home"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f"newsdesk.geo.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'newsdesk.geo' has no attribute {name!r}")
