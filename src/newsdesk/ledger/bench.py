"""``newsdesk bench ledger``: the cost of folding one new report into a large story's ledger.

A story of N reports (default 1,000) is replayed: each report states 3 to 6 figures drawn from
a small set of tallies (killed, injured, children among the injured, drones launched and
intercepted, missing), by one of 40 claimants or its own outlet (one of 300), with values that
grow over the story's hours as real tolls do, some qualified (at least, about, up to), a few
denials. The ledger is built once; then each of ``repeats`` new reports is folded in with
:func:`update_ledger`, and the time per update is measured; then the same is done through an
SQLite store in a temporary folder (fold with :func:`fold_claims`, then ``save_ledger`` with
the update, which writes only the rows that changed), as ``newsdesk ingest`` does. Times are
CPU time of this process (SQLite runs in it), so that other work on a shared machine does not
count.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from newsdesk.ledger.build import build_ledger, claims_from_reading, fold_claims, update_ledger
from newsdesk.options import Options
from newsdesk.records import Article, Claimant, Figure, Reading

__all__ = ["run", "synthetic_report"]

_TEMPLATES = [
    ("killed", "people", "{q}{v} people were killed in the strike", None),
    ("injured", "people", "{q}{v} people were wounded", None),
    ("injured", "children", "including {v} children", None),
    ("launched", "drones", "{v} drones were launched overnight", None),
    ("intercepted", "drones", "air defences shot down {v} drones", None),
    ("missing", "people", "{q}{v} people are missing", None),
]
_QUALIFIERS = [("", "exact"), ("at least ", "at_least"), ("about ", "about"), ("up to ", "up_to")]
_T0 = datetime(2024, 3, 1, 6, 0, tzinfo=UTC)


def synthetic_report(i: int, rng: random.Random) -> tuple[Article, Reading]:
    hours = i * 48 / 1000
    sentences, figures = [], []
    pos = 0
    for cat, subject, template, _ in rng.sample(_TEMPLATES, rng.randint(3, 6)):
        prefix, qual = rng.choice(_QUALIFIERS) if "{q}" in template else ("", "exact")
        base = {"killed": 12, "injured": 40, "launched": 49, "intercepted": 21, "missing": 5}.get(cat, 3)
        value = int(base * (1 + hours / 24) + rng.randint(0, 3))
        claimant = rng.choice([None, None, f"claimant {rng.randint(0, 39)}"])
        said = f"{claimant} said " if claimant else ""
        phrase = template.format(q=prefix, v=value)
        sentence = f"{said}{phrase}."
        fig_text = phrase.split(" were ")[0].split(" are ")[0] if cat != "intercepted" else f"{value} drones"
        start = pos + len(said) + phrase.index(fig_text)
        stance = "denied" if claimant and rng.random() < 0.02 else ("claimed" if claimant else "reported")
        figures.append(Figure(
            start=start, end=start + len(fig_text), text=fig_text, category=cat, value=value,
            low=value if qual in ("exact", "at_least") else None, high=value if qual == "exact" else None,
            qualifier=qual, subject=subject, stance=stance,
            claimant=Claimant(text=claimant, start=pos, end=pos + len(claimant)) if claimant else None))
        sentences.append(sentence)
        pos += len(sentence) + 1
    text = " ".join(sentences)
    art = Article(id=f"r{i:06d}", text=text, source=f"outlet{rng.randint(0, 299)}",
                  published=_T0 + timedelta(hours=hours))
    return art, Reading(id=art.id, language="en", figures=figures)


def run(options: Options, args: dict[str, Any]) -> dict[str, Any]:
    n = int(args.get("n") or (200 if args.get("quick") else 1000))
    repeats = 30 if args.get("quick") else 200
    rng = random.Random(7)
    claims = []
    for i in range(n):
        art, rd = synthetic_report(i, rng)
        claims.extend(claims_from_reading(art, rd))
    t = time.process_time()
    ledger = build_ledger("bench", claims, options)
    build_s = time.process_time() - t
    costs = []
    for j in range(repeats):
        art, rd = synthetic_report(n + j, rng)
        new = claims_from_reading(art, rd)
        t = time.process_time()
        update_ledger(ledger, new, options)
        costs.append((time.process_time() - t) * 1000)
    costs.sort()
    p95 = costs[int(0.95 * (len(costs) - 1))]
    stored = _with_store(n, repeats, options)
    rows = [
        {"measure": "reports in the story", "value": n},
        {"measure": "claims in the story", "value": len(claims)},
        {"measure": "tallies", "value": len(ledger.tallies)},
        {"measure": "full build (ms)", "value": round(build_s * 1000, 1)},
        {"measure": "update, median (ms)", "value": round(statistics.median(costs), 2)},
        {"measure": "update, p95 (ms)", "value": round(p95, 2)},
        {"measure": "first save to SQLite, whole ledger (ms)", "value": round(stored["first_ms"], 1)},
        {"measure": "update + SQLite write, median (ms)", "value": round(stored["median_ms"], 2)},
        {"measure": "update + SQLite write, p95 (ms)", "value": round(stored["p95_ms"], 2)},
        {"measure": "ledger read back from SQLite (ms)", "value": round(stored["read_ms"], 1)},
    ]
    return {"title": "ledger update for one new report", "columns": ["measure", "value"], "rows": rows,
            "median_ms": statistics.median(costs), "p95_ms": p95, "stored_median_ms": stored["median_ms"],
            "stored_p95_ms": stored["p95_ms"]}


def _with_store(n: int, repeats: int, options: Options) -> dict[str, float]:
    """Fold and write through a real SQLite store, as ingest does (the ledger kept in memory)."""
    import tempfile
    from pathlib import Path

    from newsdesk.store.sqlite import SQLiteStore

    rng = random.Random(7)
    claims = []
    for i in range(n):
        art, rd = synthetic_report(i, rng)
        claims.extend(claims_from_reading(art, rd))
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-ledger-") as tmp:
        store = SQLiteStore(Path(tmp) / "ledger.db")
        try:
            ledger = build_ledger("bench", claims, options)
            t = time.process_time()
            store.save_ledger(ledger)
            first_ms = (time.process_time() - t) * 1000
            costs = []
            for j in range(repeats):
                art, rd = synthetic_report(n + j, rng)
                new = claims_from_reading(art, rd)
                t = time.process_time()
                update = fold_claims(ledger, new, options)
                ledger = update.ledger
                store.save_ledger(ledger, update)
                costs.append((time.process_time() - t) * 1000)
            t = time.process_time()
            store.get_ledger("bench")
            read_ms = (time.process_time() - t) * 1000
        finally:
            store.close()
    costs.sort()
    return {"first_ms": first_ms, "median_ms": statistics.median(costs),
            "p95_ms": costs[int(0.95 * (len(costs) - 1))], "read_ms": read_ms}
