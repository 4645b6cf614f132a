"""Records back from their JSON shape (the inverse of :func:`newsdesk.records.to_jsonable`).

Backends that keep a record as JSON (readings, stories, ledgers) rebuild it with
:func:`records_from_dict`, guided by the dataclass field types of ``newsdesk.records``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

__all__ = ["records_from_dict"]

T = TypeVar("T")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        for arg in args:  # the first member the value fits
            if arg in (int, float) and isinstance(value, (int, float)) and not isinstance(value, bool):
                return value
            if arg is datetime and isinstance(value, str):
                return datetime.fromisoformat(value)
            if dataclasses.is_dataclass(arg) and isinstance(value, dict):
                return records_from_dict(arg, value)
            if arg in (str, bool) and isinstance(value, arg):
                return value
        return value
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return [_convert(item, v) for v in value]
    if origin is tuple:
        return tuple(value)
    if tp is datetime:
        return datetime.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return records_from_dict(tp, value)
    return value


def records_from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build a ``cls`` record (nested records, lists, datetimes included) from its JSON shape.

    Unknown keys are ignored (a newer writer may add fields); missing keys take defaults."""
    hints = _hints(cls)
    kwargs = {f.name: _convert(hints[f.name], data[f.name])
              for f in dataclasses.fields(cls) if f.name in data}  # type: ignore[arg-type]
    return cls(**kwargs)
