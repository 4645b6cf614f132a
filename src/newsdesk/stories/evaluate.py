"""``newsdesk eval stories``: online story clustering scored on ECB+ sub-topics.

Each document of ``bench/ecbplus.jsonl`` (one split) is fed to :func:`assign_stories` one at
a time, in a shuffled order, all at the same synthetic time (ECB+ has no dates), with no
reading (words, names and numbers only). The predicted stories are compared with the gold
sub-topics (same sub-topic = same real event) by B-cubed precision, recall and F1 (Bagga &
Baldwin 1998: per document, the share of its predicted cluster that is in its gold cluster,
and the share of its gold cluster that is in its predicted cluster, averaged over documents)
and the adjusted Rand index (Hubert & Arabie 1985). Several shuffled orders are run; the table
gives their mean and spread. Weights and the threshold were chosen on train and dev only.
"""

from __future__ import annotations

import json
import random
import statistics
from collections import Counter
from collections.abc import Hashable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsdesk.errors import ConfigError
from newsdesk.options import Options
from newsdesk.records import Article
from newsdesk.shared import shared_dir
from newsdesk.stories.assign import assign_stories, new_state
from newsdesk.stories.cluster import Weights

__all__ = ["adjusted_rand_index", "bcubed", "breaking_replay", "cluster_online", "load_ecbplus", "run", "score_orders"]

EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (labels per item, same order)."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in length")
    n = len(gold)
    if n == 0:
        return 0.0, 0.0, 0.0
    pair = Counter(zip(gold, predicted))
    g_size = Counter(gold)
    p_size = Counter(predicted)
    precision = sum(c * c / p_size[p] for (_, p), c in pair.items()) / n
    recall = sum(c * c / g_size[g] for (g, _), c in pair.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand_index(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Adjusted Rand index (Hubert & Arabie): 1 for identical partitions, about 0 for chance."""
    n = len(gold)
    if n < 2:
        return 1.0

    def comb2(x: int) -> float:
        return x * (x - 1) / 2.0

    index = sum(comb2(c) for c in Counter(zip(gold, predicted)).values())
    sum_g = sum(comb2(c) for c in Counter(gold).values())
    sum_p = sum(comb2(c) for c in Counter(predicted).values())
    expected = sum_g * sum_p / comb2(n)
    top = 0.5 * (sum_g + sum_p)
    if top == expected:
        return 1.0
    return (index - expected) / (top - expected)


def load_ecbplus(path: Path, split: str | None = None) -> list[dict[str, Any]]:
    if not path.is_file():
        raise ConfigError(f"{path}: ECB+ set not found", hint="pass --shared PATH to the shared data folder")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                if split is None or row.get("split") == split:
                    rows.append(row)
    return rows


def cluster_online(rows: Sequence[dict[str, Any]], options: Options, seed: int,
                   weights: Weights | None = None) -> list[str | None]:
    """Predicted story per row (in ``rows`` order), feeding documents one by one in a shuffled order."""
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    state = new_state(options)
    predicted: list[str | None] = [None] * len(rows)
    for i in order:
        row = rows[i]
        article = Article(id=str(row["doc_id"]), text=row["text"], published=EPOCH, source=f"outlet{i % 40}")
        (assignment,), _, state = assign_stories([article], state, options, now=EPOCH, weights=weights)
        predicted[i] = assignment.story
    # a story-less document (none expected on ECB+) counts as its own singleton
    return [p if p is not None else f"none:{k}" for k, p in enumerate(predicted)]


def score_orders(rows: Sequence[dict[str, Any]], options: Options, seeds: Sequence[int],
                 weights: Weights | None = None) -> dict[str, Any]:
    gold = [r["subtopic"] for r in rows]
    runs = []
    for seed in seeds:
        pred = cluster_online(rows, options, seed, weights)
        p, r, f = bcubed(gold, pred)
        runs.append({"seed": seed, "precision": p, "recall": r, "f1": f,
                     "ari": adjusted_rand_index(gold, pred), "clusters": len(set(pred))})
    return {"runs": runs}


def breaking_replay(rows: Sequence[dict[str, Any]], options: Options, seed: int = 0,
                    burst_gap_minutes: float = 5.0, slow_gap_hours: float = 8.0,
                    span_days: float = 7.0) -> dict[str, Any]:
    """Replay ECB+ sub-topics as a timed stream and measure how soon breaking stories are flagged.

    Each sub-topic starts at a random time within ``span_days``; half of them (at random) break:
    their reports come ``burst_gap_minutes`` apart on average (exponential gaps), the others
    ``slow_gap_hours`` apart. Every report comes from a different outlet (80 outlets). The
    stream goes through :func:`assign_stories` in time order, one report at a time. A
    sub-topic is flagged when one of its reports first comes back ``breaking``; the lead time
    is that report's time minus the sub-topic's first report."""
    rng = random.Random(seed)
    by_topic: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_topic.setdefault(row["subtopic"], []).append(row)
    names = sorted(by_topic)
    bursty = set(rng.sample(names, len(names) // 2))
    timed: list[tuple[float, str, dict[str, Any], str]] = []
    for name in names:
        t = rng.uniform(0, span_days * 86400.0)
        outlets = rng.sample(range(80), min(80, len(by_topic[name])))
        gap = burst_gap_minutes * 60.0 if name in bursty else slow_gap_hours * 3600.0
        for k, row in enumerate(by_topic[name]):
            timed.append((t, name, row, f"outlet{outlets[k % len(outlets)]}"))
            t += rng.expovariate(1.0 / gap)
    timed.sort(key=lambda x: x[0])
    state = new_state(options)
    first: dict[str, float] = {}
    flagged: dict[str, float] = {}
    for t, name, row, outlet in timed:
        when = EPOCH + timedelta(seconds=t)
        article = Article(id=str(row["doc_id"]), text=row["text"], published=when, source=outlet)
        (assignment,), _, state = assign_stories([article], state, options, now=when)
        first.setdefault(name, t)
        if assignment.breaking and name not in flagged:
            flagged[name] = t
    leads = sorted((flagged[n] - first[n]) / 60.0 for n in bursty if n in flagged)
    return {
        "bursty": len(bursty), "slow": len(names) - len(bursty),
        "detected": sum(1 for n in bursty if n in flagged) / max(1, len(bursty)),
        "false_alarms": sum(1 for n in names if n not in bursty and n in flagged) / max(1, len(names) - len(bursty)),
        "lead_minutes": leads,
    }


def _summary(values: list[float]) -> tuple[float, float, float, float]:
    return (statistics.fmean(values), statistics.pstdev(values), min(values), max(values))


def run(options: Options, args: dict[str, Any]) -> dict[str, Any]:
    """Score online clustering on one ECB+ split (default test) over several shuffled orders."""
    split = args.get("subset") or "test"
    if split not in {"train", "dev", "test"}:
        raise ConfigError(f"unknown ECB+ split {split!r}", hint="use --set train, dev or test")
    path = shared_dir(args.get("shared")) / "bench" / "ecbplus.jsonl"
    rows = load_ecbplus(path, split)
    if args.get("limit"):
        rows = rows[: int(args["limit"])]
    n_orders = int(args.get("orders") or 10)
    result = score_orders(rows, options, seeds=range(n_orders))
    runs = result["runs"]
    replays = [breaking_replay(rows, options, seed) for seed in range(min(n_orders, 5))]
    table = []
    for metric in ("precision", "recall", "f1", "ari", "clusters"):
        mean, sd, lo, hi = _summary([float(r[metric]) for r in runs])
        table.append({"metric": "b3_" + metric if metric in {"precision", "recall", "f1"} else metric,
                      "mean": round(mean, 4), "sd": round(sd, 4), "min": round(lo, 4), "max": round(hi, 4)})
    leads = [m for r in replays for m in r["lead_minutes"]]
    for metric, values in (("breaking_detected", [r["detected"] for r in replays]),
                           ("breaking_false_alarms", [r["false_alarms"] for r in replays]),
                           ("breaking_lead_minutes", leads or [float("nan")])):
        mean, sd, lo, hi = _summary(values)
        if metric == "breaking_lead_minutes" and leads:
            mean = statistics.median(leads)  # the median lead time
            metric = "breaking_lead_minutes_median"
        table.append({"metric": metric, "mean": round(mean, 3), "sd": round(sd, 3), "min": round(lo, 3),
                      "max": round(hi, 3)})
    return {
        "title": f"Stories on ECB+ {split} ({len(rows)} documents, {len({r['subtopic'] for r in rows})} "
                 f"sub-topics, {n_orders} shuffled orders, online)",
        "columns": ["metric", "mean", "sd", "min", "max"],
        "rows": table,
        "split": split,
        "documents": len(rows),
        "runs": runs,
        "breaking": replays,
        "threshold": options.stories.threshold,
    }
