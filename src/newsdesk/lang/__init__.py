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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from newsdesk.errors import ConfigError

__all__ = ["LangResources", "PhraseTable", "TailMatcher", "available_languages", "load_lang", "lower_same_length", "normalize_apostrophes", "phrase_pattern", "trie_pattern"]

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


@functools.cache
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


@functools.cache
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


def phrase_pattern(phrases: Iterable[str]) -> str:
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


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words`` (lower case), with shared prefixes factored
    out ("t(?:wo|hree|en)"). Python's ``re`` tries every branch of a plain alternation at every
    position; a trie tries one branch per character, many times faster on long word lists. A
    ``*`` matches any word ending, a space any white space, an apostrophe its variants. No
    boundaries are added. Match against lower-cased text (see :func:`lower_same_length`)."""
    root: dict[str, dict] = {}
    for w in {" ".join(normalize_apostrophes(w).lower().split()) for w in words if w and w.strip()}:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def atom(ch: str) -> str:
        if ch == " ":
            return r"\s+"
        if ch == "'":
            return f"[{_APOSTROPHES}]"
        if ch == "*":
            return r"[\w'\u2019\u02bc-]*"
        if ch == "-":
            return r"\s*-\s*"
        return re.escape(ch)

    def emit(node: dict[str, dict]) -> str:
        alts = [atom(ch) + emit(sub) for ch, sub in sorted(node.items(), key=lambda kv: kv[0] == "*") if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root) or r"(?!x)x"


class PhraseTable:
    """Phrases (with ``*`` wildcards) mapped to values: one compiled trie to find them in
    lower-cased text, and a look-up from a found span back to its value."""

    __slots__ = ("_exact", "_memo", "_wild", "regex")

    def __init__(self, mapping: Mapping[str, Any]) -> None:
        self._exact: dict[str, Any] = {}
        self._memo: dict[str, Any] = {}
        wild: list[tuple[re.Pattern[str], int, Any]] = []
        for phrase, value in mapping.items():
            key = " ".join(normalize_apostrophes(phrase).lower().split())
            if not key or key == "*":
                continue
            if "*" in key:
                rx = re.compile(trie_pattern([key]) + "$")
                wild.append((rx, len(key), value))
            else:
                self._exact.setdefault(key, value)
        wild.sort(key=lambda t: -t[1])
        self._wild = tuple(wild)
        body = trie_pattern(mapping.keys()) if mapping else r"(?!x)x"
        # a phrase ends at a word boundary or before a possessive ("Russia's")
        self.regex = re.compile(
            rf"(?<![\w'\u2019\u02bc-])(?:{body})(?:(?![\w'\u2019\u02bc-])|(?=['\u2019\u02bc]s?(?![\w-])))"
        )

    def value(self, found: str) -> Any:
        """The value of a span the regex found (``None`` when it is not one of the phrases)."""
        try:
            return self._memo[found]
        except KeyError:
            pass
        key = " ".join(normalize_apostrophes(found).lower().split())
        result = self._exact.get(key)
        if result is None:
            for rx, _, value in self._wild:
                if rx.match(key):
                    result = value
                    break
        if len(self._memo) < 20_000:  # a cache of a pure function, bounded
            self._memo[found] = result
        return result

    @classmethod
    def from_lists(cls, lists: Mapping[str, Iterable[str]]) -> PhraseTable:
        """From ``{value: [phrase, ...]}`` (a TOML table of lists); the first value listed wins."""
        mapping: dict[str, Any] = {}
        for value, phrases in lists.items():
            for phrase in phrases:
                mapping.setdefault(str(phrase), value)
        return cls(mapping)


_ONE_CHAR_LOWER = str.maketrans({"\u0130": "I"})  # the one character whose lower case is two


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every offset kept ("İ" lowers to "i", not "i" + a combining dot)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ONE_CHAR_LOWER).lower()


class TailMatcher:
    """Which of some phrases ends a piece of text ("... at least" -> ``at_least``), found by
    dictionary look-ups of the last words rather than a regular expression search."""

    __slots__ = ("_last", "_max", "_symbols", "_table")

    def __init__(self, phrases: Mapping[str, Any] | Iterable[str]) -> None:
        items = phrases.items() if isinstance(phrases, Mapping) else ((p, p) for p in phrases)
        self._table: dict[str, Any] = {}
        for phrase, value in items:
            key = " ".join(normalize_apostrophes(str(phrase)).lower().split())
            if key:
                self._table.setdefault(key, value)
        self._max = max((k.count(" ") + 1 for k in self._table), default=0)
        self._last = frozenset(k.rsplit(" ", 1)[-1] for k in self._table)
        self._symbols = tuple(k for k in self._table if " " not in k and not k[:1].isalnum())

    def __bool__(self) -> bool:
        return bool(self._table)

    def match(self, before: str) -> tuple[Any, int] | None:
        """``(value, length in characters of the phrase)`` for the longest phrase that ``before``
        ends with (white space after it allowed), or ``None``."""
        if not self._table:
            return None
        stripped = before.rstrip()
        cut = stripped.rfind(" ") + 1
        last = normalize_apostrophes(stripped[cut:]).lower()
        if last not in self._last:
            last = last.lstrip("([\"'\u201c\u2018\u00ab,;:")
            if last not in self._last:
                # a symbol glued to the number: "$5", "~5", "#5"
                for sym in self._symbols:
                    if last.endswith(sym):
                        return self._table[sym], len(before) - (len(stripped) - len(sym))
                return None
        words = normalize_apostrophes(stripped).lower().split()[-self._max:]
        for k in range(len(words), 0, -1):
            key = " ".join(words[-k:])
            if key not in self._table:
                key = key.lstrip("([\"'\u201c\u2018\u00ab,;:")
            if key in self._table:
                # where the phrase starts: skip punctuation glued to its front ("(at least")
                i = len(stripped) - len(key)
                while i > 0 and " ".join(stripped[i:].lower().split()) != key:
                    i -= 1
                return self._table[key], len(before) - i
        return None
