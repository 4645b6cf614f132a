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


def _identity(value: Any) -> Any:
    return value


def _union(args: tuple[Any, ...]) -> Any:
    """A decoder for ``A | B | None``: the first member the value fits."""
    record = next((a for a in args if dataclasses.is_dataclass(a)), None)
    record_decoder = _decoder(record) if record is not None else None
    wants_datetime = datetime in args

    def decode(value: Any) -> Any:
        if value is None:
            return None
        for arg in args:
            if arg in (int, float) and isinstance(value, (int, float)) and not isinstance(value, bool):
                return value
            if arg is datetime and isinstance(value, str):
                return datetime.fromisoformat(value)
            if arg is record and isinstance(value, dict):
                return record_decoder(value)  # type: ignore[misc]
            if arg in (str, bool) and isinstance(value, arg):
                return value
        return value

    if not wants_datetime and record is None:
        return _identity
    return decode


@cache
def _decoder(tp: Any) -> Any:
    """A function turning the JSON shape of a value of type ``tp`` back into that value (built
    once per type: records are rebuilt in bulk, so type introspection must not run per value)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _union(tuple(a for a in typing.get_args(tp) if a is not type(None)))
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        inner = _decoder(item)
        if inner is _identity:
            return lambda value: None if value is None else list(value)
        return lambda value: None if value is None else [inner(v) for v in value]
    if origin is tuple:
        return lambda value: None if value is None else tuple(value)
    if tp is datetime:
        return lambda value: datetime.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(tp)]

        def record(value: Any) -> Any:
            if value is None:
                return None
            return tp(**{name: (None if value[name] is None else decode(value[name]))
                         for name, decode in fields if name in value})

        return record
    return _identity


def records_from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build a ``cls`` record (nested records, lists, datetimes included) from its JSON shape.

    Unknown keys are ignored (a newer writer may add fields); missing keys take defaults."""
    return _decoder(cls)(data)  # type: ignore[no-any-return]
