"""Language resources: one TOML file per language holds everything language-specific.

``load_lang("en")`` reads ``newsdesk/lang/en.toml`` once per process and returns a
:class:`LangResources`, a read-only view of its top-level tables. Stages keep their own
sections (``[numbers]``, ``[sentences]``, ``[figures]``, ``[attribution]``, ``[demonyms]``, the
events tables, ...) and compile what they need once per language. Adding a language means
adding a file, not code.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any, Mapping

from newsdesk.errors import ConfigError

__all__ = ["LangResources", "load_lang", "available_languages"]


@dataclass(frozen=True, slots=True)
class LangResources:
    """The parsed resource file of one language (``data`` maps table names to their contents)."""

    code: str
    data: Mapping[str, Any]

    def section(self, name: str) -> Mapping[str, Any]:
        """One top-level table (an empty mapping when the file has none)."""
        value = self.data.get(name)
        return value if isinstance(value, Mapping) else MappingProxyType({})

    def words(self, section: str, key: str) -> tuple[str, ...]:
        """A list of words or phrases ``[section].key`` (empty when absent)."""
        value = self.section(section).get(key, ())
        return tuple(str(v) for v in value)


@functools.lru_cache(maxsize=None)
def available_languages() -> tuple[str, ...]:
    """Codes of the languages that have a resource file, sorted."""
    folder = resources.files(__name__)
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml")))


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


@functools.lru_cache(maxsize=None)
def load_lang(code: str) -> LangResources:
    """The resources of language ``code`` (ISO 639-1), parsed once per process.

    Raises :class:`~newsdesk.errors.ConfigError` when there is no file for ``code`` or the file
    is not valid TOML.
    """
    code = (code or "").strip().lower()
    if code not in available_languages():
        raise ConfigError(
            f"no language resources for {code!r}",
            hint=f"available: {', '.join(available_languages())}; add newsdesk/lang/{code or 'xx'}.toml",
        )
    path = resources.files(__name__) / f"{code}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return LangResources(code=code, data=_freeze(data))
