"""Language resources: one TOML file per language holds everything language-specific.

``load_lang("en")`` reads ``newsdesk/lang/en.toml`` once per process and returns a
:class:`LangResources`, a read-only view of its top-level tables. Stages keep their own
sections (``[numbers]``, ``[sentences]``, ``[figures]``, ``[attribution]``, ``[demonyms]``, the
events tables, ...) and compile what they need once per language. Adding a language means
adding a file, not code.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from newsdesk.errors import ConfigError

__all__ = ["LangResources", "load_lang", "available_languages", "phrase_pattern", "normalize_apostrophes"]

_APOSTROPHES = "'\u2019\u02bc`\u2018"
_APOS_TABLE = str.maketrans({c: "'" for c in _APOSTROPHES})


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


def normalize_apostrophes(text: str) -> str:
    """Map the apostrophe variants (' \u2019 \u02bc ` \u2018) to ASCII ``'`` (same length)."""
    return text.translate(_APOS_TABLE)


def _one(phrase: str) -> str:
    phrase = phrase.strip().lower()
    star = phrase.endswith("*")
    if star:
        phrase = phrase[:-1]
    parts = []
    for word in phrase.split():
        esc = re.escape(word)
        esc = esc.replace("\\-", "\\s*-\\s*").replace("'", f"[{_APOSTROPHES}]")
        parts.append(esc)
    body = r"\s+".join(parts)
    if star:
        body += r"[\w'\u2019\u02bc-]*"
    if phrase[:1].isalnum() or phrase[:1] == "_":
        body = r"(?<![\w'\u2019\u02bc])" + body
    if star or phrase[-1:].isalnum():
        body += r"(?![\w])"
    return body


def phrase_pattern(phrases: "Iterable[str]") -> str:
    """A regular expression (no flags) matching any of ``phrases`` as whole words.

    Longer phrases are tried first; a trailing ``*`` matches any ending ("ранен*"); spaces match
    any run of white space; an apostrophe matches its typographic variants. Match with
    ``re.IGNORECASE``. Returns a pattern that never matches when ``phrases`` is empty.
    """
    uniq = sorted({p.strip().lower() for p in phrases if p and p.strip() and p.strip() != "*"},
                  key=lambda p: (-len(p.rstrip("*")), p))
    if not uniq:
        return r"(?!x)x"
    return "(?:" + "|".join(_one(p) for p in uniq) + ")"
