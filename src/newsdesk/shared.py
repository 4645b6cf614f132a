"""Where the shared evaluation data lives: ``$NEWSDESK_SHARED``, else ``../shared`` beside the
working directory or beside the repository checkout. Read from there; never copy it in."""

from __future__ import annotations

import os
from pathlib import Path

from newsdesk.errors import ConfigError

__all__ = ["shared_dir"]


def shared_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    candidates = []
    if explicit:
        candidates.append(Path(explicit))
    if os.environ.get("NEWSDESK_SHARED"):
        candidates.append(Path(os.environ["NEWSDESK_SHARED"]))
    candidates.append(Path.cwd().parent / "shared")
    candidates.append(Path(__file__).resolve().parents[3] / "shared")  # src/newsdesk/ -> repo/../shared
    for c in candidates:
        if (c / "bench").is_dir() or (c / "seeds").is_dir():
            return c
    raise ConfigError(
        "the shared data folder was not found",
        hint="pass --shared PATH or set NEWSDESK_SHARED to the folder holding bench/ and seeds/",
    )
