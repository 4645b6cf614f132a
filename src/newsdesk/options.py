"""One options object, passed explicitly to every stage (no globals).

Packaged defaults (the dataclass defaults below) are overlaid by a user TOML file
(``--config`` or ``NEWSDESK_CONFIG``), then by environment variables named here, then by
CLI flags. Each stage owns one section; a stage reads only its own section.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import ConfigError

__all__ = [
    "Options",
    "IngestOptions",
    "FeedOptions",
    "ReadOptions",
    "GeoOptions",
    "ExtractOptions",
    "StoryOptions",
    "LedgerOptions",
    "StoreOptions",
    "ServeOptions",
    "load_options",
]


@dataclass(slots=True)
class IngestOptions:
    format: str | None = None  # force a format: text, jsonl, json, html, warc, feed, opml
    max_file_bytes: int = 2 * 1024**3  # files larger than this are refused with a clear error
    max_article_chars: int = 2_000_000  # longer texts are cut (with a note in meta)
    min_text_chars: int = 1  # shorter texts are an error (empty article)


@dataclass(slots=True)
class FeedOptions:
    timeout: float = 20.0  # seconds per HTTP request
    max_bytes: int = 10 * 1024**2  # size cap per response
    per_host_delay: float = 1.0  # seconds between two requests to one host
    max_redirects: int = 5  # redirects followed per request (a loop is an error at once)
    interval: float = 900.0  # seconds between two polls of a feed in ``watch``
    user_agent: str = "newsdesk/0.1 (+https://github.com/newsdesk)"  # sent with every request
    follow_links: bool = True  # fetch each item's article page


@dataclass(slots=True)
class ReadOptions:
    detect_language: bool = True  # guess the language of a report that does not give one (py3langid)
    min_language_confidence: float = 0.5  # a guess less sure than this leaves the language unknown


@dataclass(slots=True)
class GeoOptions:
    index_path: str | None = None  # default: <data dir>/gazetteer
    demonyms: bool = False  # also read adjectives of places ("Russian") as places (LGL's convention)


@dataclass(slots=True)
class ExtractOptions:
    languages: tuple[str, ...] = ("en", "ru", "uk")  # languages read for figures and events (a resource file each)


@dataclass(slots=True)
class StoryOptions:
    quiet_hours: float = 72.0  # a story with no new report for this long closes
    threshold: float = 0.22  # minimum similarity to join an open story (chosen on ECB+ train/dev)
    breaking_window_minutes: float = 60.0  # distinct sources are counted over this window for the breaking flag
    decay_hours: float = 24.0  # a story's pull halves for each this many hours since its last report
    duplicate_threshold: float = 0.7  # estimated Jaccard of word 3-shingles to call a report a near-duplicate
    breaking_min_sources: int = 3  # distinct sources within the window needed to flag a story breaking
    breaking_ratio: float = 2.0  # ... and how many times the story's own and the desk's baseline
    dedup_reports_per_story: int = 50  # near-duplicate signatures kept per open story (bounds memory)
    state_save_seconds: float = 30.0  # the clusterer's state is saved at most this often (and at the end of a run)
    max_story_days: float = 7.0  # a story first seen longer ago closes (its affair goes on as a new story); 0: never
    max_open_stories: int = 50_000  # past this many open stories the least recently fed close; 0: no cap
    dedup_hours: float = 24.0  # first copies stay in the near-duplicate index this long (copies come within hours)
    idf_terms: int = 500_000  # past this many terms the idf counts are halved and the rarest forgotten
    cross_language_weight: float = 0.8  # a report in a language new to a story is scored on its reading's anchors too; 0: off


@dataclass(slots=True)
class LedgerOptions:
    same_time_minutes: float = 60.0  # claims closer than this count as "at the same time"


@dataclass(slots=True)
class StoreOptions:
    db: str = "newsdesk.db"  # path of the SQLite file, or a postgresql:// URL
    batch_size: int = 1000  # articles per transaction (fewer, larger FTS5 segments: docs/benchmarks.md)


@dataclass(slots=True)
class ServeOptions:
    host: str = "127.0.0.1"  # address newsdesk serve listens on (loopback only by default)
    port: int = 8000  # port newsdesk serve listens on
    api_key: str | None = None  # NEWSDESK_API_KEY; without one the server is read-only
    cache_seconds: float = 2.0  # a GET answer is reused for this long, on SQLite while the database is unchanged (up to 300 s); 0: off
    threads: int = 0  # threads per server process that run requests (0: two per core, at least 4); few keep cache hits quick
    search_window: int = 2000  # a /search matching more reports ranks the latest this many (BM25 costs ~1 us a match)


@dataclass(slots=True)
class Options:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    feeds: FeedOptions = field(default_factory=FeedOptions)
    read: ReadOptions = field(default_factory=ReadOptions)
    geo: GeoOptions = field(default_factory=GeoOptions)
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    stories: StoryOptions = field(default_factory=StoryOptions)
    ledger: LedgerOptions = field(default_factory=LedgerOptions)
    store: StoreOptions = field(default_factory=StoreOptions)
    serve: ServeOptions = field(default_factory=ServeOptions)
    data_dir: str | None = None  # where built indexes live (NEWSDESK_DATA; default ~/.cache/newsdesk)

    def data_path(self) -> Path:
        base = self.data_dir or os.environ.get("NEWSDESK_DATA") or str(Path.home() / ".cache" / "newsdesk")
        return Path(base)

    def replace(self, section: str, **changes: Any) -> Options:
        """A copy with some fields of one section changed (options are never mutated in place)."""
        new = dataclasses.replace(getattr(self, section), **changes)
        return dataclasses.replace(self, **{section: new})


_ENV = {
    "NEWSDESK_DB": ("store", "db"),
    "NEWSDESK_API_KEY": ("serve", "api_key"),
    "NEWSDESK_DATA": (None, "data_dir"),
}


def _overlay(opts: Options, data: dict[str, Any], origin: str) -> Options:
    for key, value in data.items():
        if key == "data_dir":
            opts = dataclasses.replace(opts, data_dir=str(value))
            continue
        section = getattr(opts, key, None)
        if section is None or not dataclasses.is_dataclass(section) or not isinstance(value, dict):
            raise ConfigError(f"{origin}: unknown section [{key}]", hint="see `newsdesk --help` for sections")
        names = {f.name for f in dataclasses.fields(section)}
        for name in value:
            if name not in names:
                raise ConfigError(f"{origin}: unknown setting {key}.{name}", hint=f"known: {', '.join(sorted(names))}")
        fixed = {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
        opts = opts.replace(key, **fixed)
    return opts


def load_options(config: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None) -> Options:
    """Defaults, then the TOML file ``config`` (or ``NEWSDESK_CONFIG``), then environment variables."""
    env = dict(os.environ) if env is None else env
    opts = Options()
    path = config or env.get("NEWSDESK_CONFIG")
    if path:
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"{path}: config file not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        opts = _overlay(opts, data, str(path))
    for var, (section, name) in _ENV.items():
        if env.get(var):
            if section is None:
                opts = dataclasses.replace(opts, **{name: env[var]})
            else:
                opts = opts.replace(section, **{name: env[var]})
    return opts
