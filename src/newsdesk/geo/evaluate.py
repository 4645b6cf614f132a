"""``newsdesk eval places``: score recognition and resolution on LGL and GeoVirus.

Metrics (see ``../shared/bench/PUBLISHED.md``):

- **end-to-end acc@161**: share of all gold toponyms (with coordinates) that have a
  predicted place with exactly the same span whose point is within 161 km; a missed toponym
  counts as wrong.
- **recognition P/R/F1**: exact spans (``start0``/``end0``).
- on the toponyms matched exactly: **acc@161**, **AUC** (area under the sorted
  ln(error_km + 1) curve / (ln 20039 · (n − 1)), lower is better) and **mean error** (km).

Each set is scored whole and in halves: even-indexed documents (the development half the
rules were tuned on) and odd-indexed ones (held out). The outlet's home region is inferred,
for each LGL article, from the places found in the *other* articles of the same domain.
"""

from __future__ import annotations

import json
import math
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsdesk.errors import InputError
from newsdesk.geo.gazetteer import Gazetteer
from newsdesk.geo.resolve import find_places, infer_home
from newsdesk.options import Options
from newsdesk.records import Place
from newsdesk.shared import shared_dir

__all__ = ["SETS", "distance_km", "load_set", "predict", "run", "score"]

SETS = {"lgl": "geo_lgl.jsonl", "geovirus": "geo_geovirus.jsonl"}
COLUMNS = ["set", "demonyms", "part", "docs", "gold", "e2e_acc161", "P", "R", "F1", "matched", "acc161", "AUC",
           "mean_km", "ms_per_doc"]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def load_set(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}#{n}", f"not JSON ({exc.msg})") from None
            if limit and len(docs) >= limit:
                break
    return docs


def predict(docs: list[dict[str, Any]], gaz: Gazetteer, options: Options) -> tuple[list[list[Place]], float]:
    """Places of every document, with each outlet's home region from its other articles."""
    t0 = time.perf_counter()
    first = [find_places(d["text"], gaz, options, url=d.get("url")) for d in docs]
    by_domain: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        if d.get("domain"):
            by_domain[d["domain"]].append(i)
    out = list(first)
    for idxs in by_domain.values():
        if len(idxs) < 2:
            continue
        for i in idxs:
            home = infer_home([first[k] for k in idxs if k != i])
            out[i] = find_places(docs[i]["text"], gaz, options, url=docs[i].get("url"), home=home)
    elapsed = time.perf_counter() - t0
    return out, elapsed


def _auc(errors: list[float]) -> float | None:
    if len(errors) < 2:
        return None
    ys = sorted(math.log(e + 1) for e in errors)
    area = sum((ys[k] + ys[k + 1]) / 2 for k in range(len(ys) - 1))
    return area / (math.log(20039) * (len(ys) - 1))


def score(docs: list[dict[str, Any]], preds: list[list[Place]]) -> dict[str, Any]:
    gold_n = tp = pred_n = e2e = 0
    errors: list[float] = []
    for d, places in zip(docs, preds):
        by_span = {(p.start, p.end): p for p in places if p.lat is not None}
        pred_n += len({(p.start, p.end) for p in places})
        gold_spans = set()
        for t in d["toponyms"]:
            if t.get("lat") is None:
                continue
            gold_n += 1
            span = (t["start0"], t["end0"])
            gold_spans.add(span)
            p = by_span.get(span)
            if p is None:
                continue
            err = distance_km(float(t["lat"]), float(t["lon"]), p.lat, p.lon)
            errors.append(err)
            if err < 161:
                e2e += 1
        tp += len(gold_spans & set(by_span))
    prec = tp / pred_n if pred_n else 0.0
    rec = tp / gold_n if gold_n else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    auc = _auc(errors)
    return {
        "docs": len(docs), "gold": gold_n,
        "e2e_acc161": round(e2e / gold_n, 3) if gold_n else None,
        "P": round(prec, 3), "R": round(rec, 3), "F1": round(f1, 3),
        "matched": len(errors),
        "acc161": round(sum(e < 161 for e in errors) / len(errors), 3) if errors else None,
        "AUC": round(auc, 3) if auc is not None else None,
        "mean_km": round(sum(errors) / len(errors), 1) if errors else None,
    }


def run(options: Options, args: dict[str, Any]) -> dict[str, Any]:
    """Score the places stage on the shared sets (``--set lgl|geovirus``, ``--limit N``)."""
    bench = shared_dir(args.get("shared")) / "bench"
    names = [args["subset"]] if args.get("subset") else list(SETS)
    for n in names:
        if n not in SETS:
            raise InputError(f"--set {n}", f"unknown set; choose one of {', '.join(SETS)}")
    gaz = Gazetteer.load(options)
    rows = []
    for name in names:
        docs = load_set(bench / SETS[name], args.get("limit"))
        # LGL's annotators tagged adjectives of places ("Russian") as toponyms; GeoVirus' did not.
        # Each set is scored under its own convention unless demonyms are switched on explicitly.
        set_options = options.replace("geo", demonyms=True) if name == "lgl" else options
        preds, elapsed = predict(docs, gaz, set_options)
        ms = round(1000 * elapsed / max(1, len(docs)) / (2 if any(d.get("domain") for d in docs) else 1), 2)
        for part, sel in (("all", lambda i: True), ("even (dev)", lambda i: i % 2 == 0),
                          ("odd (held out)", lambda i: i % 2 == 1)):
            idx = [i for i in range(len(docs)) if sel(i)]
            row = {"set": name, "demonyms": set_options.geo.demonyms, "part": part, **score([docs[i] for i in idx], [preds[i] for i in idx])}
            row["ms_per_doc"] = ms
            rows.append(row)
    return {"rows": rows, "columns": COLUMNS,
            "title": "Places: end-to-end acc@161 (exact spans, missed = wrong), recognition, resolution of "
                     "matched toponyms"}
