"""The gazetteer: a read-only index of place names, loaded lazily from a file built once.

>>> gaz = Gazetteer.load(options)            # builds on first use, then loads in < 1.5 s
>>> [gaz.entry(i).name for i in gaz.candidates("Kiew")]
['Kyiv']
"""

from __future__ import annotations

import functools
import gc
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.errors import GazetteerError
from newsdesk.geo.build import KINDS, VERSION, build_index, index_file
from newsdesk.geo.tokenise import name_key
from newsdesk.options import Options

__all__ = ["Entry", "Gazetteer"]


@dataclass(slots=True, frozen=True)
class Entry:
    """One place of the gazetteer (``id`` is its row; ``geonameid`` is None when unknown)."""

    id: int
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    kind: str


class Gazetteer:
    """Name -> places index. Immutable once loaded; share one instance across threads."""

    def __init__(self, payload: dict[str, Any], path: Path | None = None) -> None:
        if payload.get("version") != VERSION:
            raise GazetteerError(f"{path}: gazetteer version {payload.get('version')} is not {VERSION}",
                                 hint="run `newsdesk gazetteer build --force`")
        self.path = path
        self.gid = payload["gid"]
        self.names: list[str] = payload["names"]
        self.cc = payload["cc"]
        self.adm = payload["adm"]
        self.lat = payload["lat"]
        self.lon = payload["lon"]
        self.pop = payload["pop"]
        self.kind = payload["kind"]
        self.ccs: list[str] = payload["ccs"]
        self.admins: list[str] = payload["admins"]
        self.index: dict[str, int | tuple[int, ...]] = payload["index"]
        self.prefixes: frozenset[str] = payload["prefixes"]  # keys that open a longer name
        self.country_entry: dict[str, int] = payload["country_entry"]
        self.state_entry: dict[str, int] = payload["state_entry"]
        self.kind_names = KINDS

    # --- loading ----------------------------------------------------------------------------
    @classmethod
    def load(cls, options: Options | None = None, *, build: bool = True) -> Gazetteer:
        """The gazetteer for ``options`` (built into ``options.data_path()`` on first use)."""
        options = options or Options()
        path = Path(options.geo.index_path) if options.geo.index_path else index_file(options.data_path())
        if not path.exists():
            if not build:
                raise GazetteerError(f"{path}: the gazetteer index is missing",
                                     hint="run `newsdesk gazetteer build`")
            if options.geo.index_path:
                raise GazetteerError(f"{path}: the gazetteer index named by geo.index_path is missing",
                                     hint="run `newsdesk gazetteer build` or unset geo.index_path")
            build_index(options.data_path())
        return _load_cached(str(path), path.stat().st_mtime_ns)

    # --- access -------------------------------------------------------------------------------
    def keys(self, key: str) -> tuple[int, ...]:
        """Encoded candidates of a folded key (``row * 2 + weak``)."""
        v = self.index.get(key, ())
        return (v,) if isinstance(v, int) else v

    def candidates(self, name: str) -> list[int]:
        """Rows of the places called ``name`` (any language or script), most populous first."""
        rows = [v >> 1 for v in self.keys(name_key(name))]
        return sorted(set(rows), key=lambda r: -self.pop[r])

    def kind_of(self, row: int) -> str:
        return KINDS[self.kind[row]]

    def country_of(self, row: int) -> str | None:
        return self.ccs[self.cc[row]] or None

    def admin1_of(self, row: int) -> str | None:
        return self.admins[self.adm[row]] or None

    def entry(self, row: int) -> Entry:
        gid = self.gid[row]
        return Entry(row, gid if gid >= 0 else None, self.names[row], self.country_of(row), self.admin1_of(row),
                     round(float(self.lat[row]), 5), round(float(self.lon[row]), 5), int(self.pop[row]),
                     self.kind_of(row))

    def lookup(self, name: str) -> list[Entry]:
        """Every place called ``name``, most populous first."""
        return [self.entry(r) for r in self.candidates(name)]

    def __len__(self) -> int:
        return len(self.names)


@functools.lru_cache(maxsize=2)
def _load_cached(path: str, mtime_ns: int) -> Gazetteer:
    """One read-only instance per index file version (the index is immutable)."""
    enabled = gc.isenabled()
    gc.disable()  # millions of small objects: the collector would only slow the load down
    try:
        with open(path, "rb") as fh:
            payload = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
        raise GazetteerError(f"{path}: cannot read the gazetteer index ({exc})",
                             hint="run `newsdesk gazetteer build --force`") from exc
    finally:
        if enabled:
            gc.enable()
    if not isinstance(payload, dict):
        raise GazetteerError(f"{path}: not a gazetteer index", hint="run `newsdesk gazetteer build --force`")
    return Gazetteer(payload, Path(path))
