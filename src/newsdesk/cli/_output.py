"""Output helpers for the CLI: JSON lines when piped, a rich table on a terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from newsdesk.records import to_jsonable

__all__ = ["is_tty", "emit_json", "emit_jsonl", "emit_rows", "progress", "dumps"]


def is_tty(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def dumps(obj: Any) -> str:
    return json.dumps(to_jsonable(obj), ensure_ascii=False)


def emit_json(obj: Any, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    stream.write(json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2 if is_tty(stream) else None) + "\n")


def emit_jsonl(objs: Iterable[Any], stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    for obj in objs:
        stream.write(dumps(obj) + "\n")


def emit_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, title: str | None = None,
              force_json: bool = False, stream: TextIO | None = None) -> None:
    """A table on a terminal, one JSON object per line otherwise (or with ``force_json``)."""
    stream = stream or sys.stdout
    if force_json or not is_tty(stream):
        emit_jsonl(rows, stream)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(to_jsonable(row.get(c))) for c in columns))
    Console(file=stream).print(table)


def progress(total: int | None = None, description: str = "working", enabled: bool | None = None):
    """A rich progress bar with rate and ETA on stderr when it is a terminal; a no-op otherwise."""
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    if enabled is None:
        enabled = is_tty(sys.stderr)
    from rich.console import Console

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}/s"), TimeElapsedColumn(), TimeRemainingColumn()]
    return Progress(*columns, console=Console(file=sys.stderr), disable=not enabled, transient=False)
