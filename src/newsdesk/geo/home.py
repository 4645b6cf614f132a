"""An outlet's home region: where its domain and its other articles say it is.

>>> home_from_url("http://www.gainesville.com/article/1", gaz).admin1
{'US|Florida': 1.0}

:func:`newsdesk.geo.resolve.find_places` adds the home region's votes to the document's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.geo.gazetteer import Gazetteer
from newsdesk.records import Place

__all__ = ["HomeRegion", "home_from_url", "infer_home"]


@dataclass(slots=True)
class HomeRegion:
    """Where an outlet is (weights, any scale): its countries and first-level divisions.

    Built from the outlet's URL (:func:`home_from_url`) and from the places of its other
    articles (:func:`infer_home`); combine with :meth:`merge`.
    """

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)  # "US|Ohio" -> weight
    names: dict[str, float] = field(default_factory=dict)  # folded place names in the domain

    def merge(self, other: HomeRegion | None) -> HomeRegion:
        if other is None:
            return self
        out = HomeRegion(dict(self.countries), dict(self.admin1), dict(self.names))
        for src, dst in ((other.countries, out.countries), (other.admin1, out.admin1), (other.names, out.names)):
            for k, v in src.items():
                dst[k] = dst.get(k, 0.0) + v
        return out

    def normalised(self) -> HomeRegion:
        def norm(d: dict[str, float]) -> dict[str, float]:
            total = sum(d.values())
            return {k: v / total for k, v in d.items()} if total > 0 else {}
        return HomeRegion(norm(self.countries), norm(self.admin1), dict(self.names))


_TLD_COUNTRY = {"uk": "GB", "ca": "CA", "au": "AU", "nz": "NZ", "ie": "IE", "in": "IN", "za": "ZA", "ge": "GE",
                "lb": "LB", "il": "IL", "ru": "RU", "ua": "UA", "de": "DE", "fr": "FR", "ke": "KE", "ng": "NG",
                "ph": "PH", "pk": "PK", "sg": "SG", "us": "US"}
_GENERIC_TLDS = {"com", "net", "org", "info", "biz", "us"}


def home_from_url(url: str | None, gazetteer: Gazetteer) -> HomeRegion | None:
    """The home region an outlet's domain suggests: its country (ccTLD, else the US for generic
    domains) and an unambiguous place name at the start of the domain ("gainesville.com")."""
    if not url:
        return None
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0].split(":")[0]
    host = host.removeprefix("www.")
    labels = host.split(".")
    if len(labels) < 2:
        return None
    tld = labels[-1]
    cc = _TLD_COUNTRY.get(tld)
    generic = cc is None and tld in _GENERIC_TLDS
    if generic:
        cc = "US"  # a generic domain named after a town is a US local outlet ("gainesville.com")
    region = HomeRegion()
    if cc and not generic:
        region.countries[cc] = 1.0
    name_label = labels[-3] if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "net") else labels[-2]
    if len(labels) >= 3 and labels[0] not in ("www", "news") and name_label == labels[-2]:
        name_label = labels[0] + labels[-2]
    stem = name_label.removeprefix("the")
    stem = stem.replace("-", "")
    best = None
    for k in range(len(stem), 4, -1):
        rows = [v >> 1 for v in gazetteer.keys(stem[:k])]
        rows = [r for r in rows if gazetteer.country_of(r) == cc and gazetteer.kind_of(r) in
                ("city", "capital", "admin1", "town")]
        if rows:
            best = rows
            break
    if best:
        region.names[gazetteer.names[best[0]]] = 1.0
        if generic:
            region.countries[cc] = 1.0
        admins = {f"{gazetteer.country_of(r)}|{gazetteer.admin1_of(r)}" for r in best if gazetteer.admin1_of(r)}
        if len(admins) == 1:
            region.admin1[admins.pop()] = 1.0
    return region


def infer_home(readings: list[list[Place]]) -> HomeRegion:
    """An outlet's home region from the places of its other articles (their countries and
    first-level divisions, each article counted once)."""
    region = HomeRegion()
    for places in readings:
        ccs = {p.country for p in places if p.country}
        adms = {f"{p.country}|{p.admin1}" for p in places if p.admin1 and p.kind not in ("country", "continent")}
        for c in ccs:
            region.countries[c] = region.countries.get(c, 0.0) + 1.0
        for a in adms:
            region.admin1[a] = region.admin1.get(a, 0.0) + 1.0
    return region
