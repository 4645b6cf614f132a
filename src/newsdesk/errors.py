"""One exception tree for newsdesk. Library code raises these; only the CLI prints them.

::

    NewsdeskError                 base; ``code`` (e.g. ``ND101``) and an actionable message
    ├── ConfigError               bad option, setting or environment variable
    ├── InputError                one input (file, record, URL) cannot be read; names it and the cause
    │   ├── FormatError           the input is not in the format it claims or was detected as
    │   └── FetchError            a URL could not be fetched (timeout, HTTP status, loop, size cap)
    ├── StoreError                the database cannot be opened, migrated or written
    ├── GazetteerError            the place index is missing or broken; says how to build it
    └── ExtractError              reading one article failed; names the article id
"""

from __future__ import annotations

__all__ = [
    "NewsdeskError",
    "ConfigError",
    "InputError",
    "FormatError",
    "FetchError",
    "StoreError",
    "GazetteerError",
    "ExtractError",
]


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""

    code = "ND000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ConfigError(NewsdeskError):
    code = "ND100"


class InputError(NewsdeskError):
    """One input cannot be read. ``source`` names it (path, path#line, URL), ``cause`` says why."""

    code = "ND200"

    def __init__(self, source: str, cause: str, *, hint: str | None = None) -> None:
        self.source = source
        self.cause = cause
        super().__init__(f"{source}: {cause}", hint=hint)


class FormatError(InputError):
    code = "ND201"


class FetchError(InputError):
    code = "ND202"


class StoreError(NewsdeskError):
    code = "ND300"


class GazetteerError(NewsdeskError):
    code = "ND400"


class ExtractError(NewsdeskError):
    code = "ND500"

    def __init__(self, article_id: str, cause: str) -> None:
        self.article_id = article_id
        self.cause = cause
        super().__init__(f"article {article_id}: {cause}")
