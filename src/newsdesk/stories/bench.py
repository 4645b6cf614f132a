"""``newsdesk bench stories``: time per story assignment and memory as the stream grows.

The stream replays real report texts (ECB+ documents and the LGL and GeoVirus news texts in
``../shared/bench``) with perturbations so that it holds many distinct events, among them many
similar ones: event ``e`` is a base text whose capitalised words and numbers are all replaced by
pseudo-names and numbers drawn from ``e``, and half of whose other words (of 4+ letters) are
swapped for words drawn from the whole replay set, so that two events made from one base text
share about a quarter of their words; each report of ``e`` also drops 10% of its words at
random. Events start at random (a Poisson process) at a pace that gives 1,000 reports an hour
(a large desk), from 60 sources. Most events (98%) get 1-8 reports, the first at the event's
start and the others an exponentially distributed delay later (mean 6 hours); 2% run for
weeks, 20-60 reports spread evenly over 30 days, so the age rule is exercised. Stories close
after ``quiet_hours`` without a report, after ``max_story_days`` in all, and the oldest-fed
first past ``max_open_stories``; near-duplicate signatures leave after ``dedup_hours``: the hot
index holds a bounded stretch of news however long the stream runs. At each checkpoint
(10k, 100k, 1M reports processed) the table gives the mean time of one assignment over the
last stretch (features, MinHash, candidates, scoring, breaking) and the process RSS. The time is
given as CPU time of this process (``time.process_time``), which a busy machine does not
inflate, and as wall time.
"""

from __future__ import annotations

import functools
import gc
import heapq
import json
import random
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from newsdesk.options import Options
from newsdesk.records import Article
from newsdesk.shared import shared_dir
from newsdesk.stories.assign import assign_stories, new_state

__all__ = ["replay_texts", "rss_mb", "run", "synthetic_stream"]

_CAP = re.compile(r"\b[A-Z][a-z]+\b")
_NUM = re.compile(r"\b\d+\b")
_WORD = re.compile(r"\b[a-z]{4,}\b")
_SYLL = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "be", "do", "fa", "gu", "ha", "ji", "pe", "so"]


def rss_mb() -> float:
    """Resident memory of this process, in MB (Linux /proc; ru_maxrss elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def replay_texts(shared: str | None = None, limit: int = 3000) -> list[str]:
    """Real news texts from the shared sets (read, never copied)."""
    bench = shared_dir(shared) / "bench"
    texts: list[str] = []
    for name in ("ecbplus.jsonl", "geo_lgl.jsonl", "geo_geovirus.jsonl"):
        path = bench / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    text = json.loads(line).get("text") or ""
                    if len(text) > 80:
                        texts.append(text[:3000])
    return texts[:limit]


def _pseudo(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLL) for _ in range(rng.randint(2, 4))).capitalize()


def _event_text(base: str, event: int, vocabulary: list[str]) -> str:
    rng = random.Random(event)
    names: dict[str, str] = {}

    def name(m: re.Match[str]) -> str:
        w = m.group(0)
        if w not in names:
            names[w] = _pseudo(rng)
        return names[w]

    text = _CAP.sub(name, base)
    text = _NUM.sub(lambda m: str(rng.randint(2, 999)), text)
    # half the other words swapped for words of the whole replay set: two events made from
    # one base text share about a quarter of their words, as two similar real events might
    swapped = {w: rng.choice(vocabulary) for w in sorted(set(_WORD.findall(text))) if rng.random() < 0.5}
    return _WORD.sub(lambda m: swapped.get(m.group(0), m.group(0)), text)


LONG_SHARE = 0.02  # share of events that run for weeks (a war, an election): 20-60 reports over 30 days
MEAN_GAP_HOURS = 6.0  # an ordinary event's later reports come this long after its first, on average
SPAN_DAYS_LONG = 30.0


def synthetic_stream(texts: list[str], n: int, seed: int = 7, per_hour: float = 1000.0) -> Iterator[Article]:
    """``n`` perturbed reports in publication order (see the module docstring)."""
    rng = random.Random(seed)
    vocabulary = sorted({w for t in texts for w in _WORD.findall(t)})
    start = datetime(2024, 1, 1, tzinfo=UTC)
    mean_reports = (1 - LONG_SHARE) * 4.5 + LONG_SHARE * 40.0
    events_per_second = per_hour / mean_reports / 3600.0
    schedule: list[tuple[float, int, int]] = []  # heap of (time, tie-break, event)
    next_start, next_event, seq = 0.0, 0, 0

    @functools.lru_cache(maxsize=2048)  # the events reported at any one time, mostly (about 6 MB)
    def event_text(event: int) -> str:
        return _event_text(texts[event % len(texts)], event, vocabulary)

    for k in range(n):
        while not schedule or next_start <= schedule[0][0]:
            long = rng.random() < LONG_SHARE
            reports = rng.randint(20, 60) if long else rng.randint(1, 8)
            for j in range(reports):
                if j == 0:
                    offset = 0.0
                elif long:
                    offset = rng.uniform(0.0, SPAN_DAYS_LONG * 86400.0)
                else:
                    offset = rng.expovariate(1.0 / (MEAN_GAP_HOURS * 3600.0))
                heapq.heappush(schedule, (next_start + offset, seq, next_event))
                seq += 1
            next_event += 1
            next_start += rng.expovariate(events_per_second)
        when, _, event = heapq.heappop(schedule)
        kept = " ".join(w for w in event_text(event).split(" ") if rng.random() > 0.1)
        yield Article(id=f"r{k}", text=kept, source=f"outlet{rng.randrange(60)}", language="en",
                      published=start + timedelta(seconds=when))


def run(options: Options, args: dict[str, Any]) -> dict[str, Any]:
    """Assign stories to a replayed stream; report ms per report and RSS at checkpoints."""
    quick = bool(args.get("quick"))
    n = int(args.get("n") or (3000 if quick else 100_000))
    checkpoints = sorted({c for c in (1000, 10_000, 100_000, 200_000, 300_000, 500_000, 700_000, 1_000_000) if c <= n} | {n})
    texts = replay_texts(args.get("shared"))
    state = new_state(options)
    batch: list[Article] = []
    rows: list[dict[str, Any]] = []
    done, spent, cpu, counted, dups = 0, 0.0, 0.0, 0, 0
    batch_size = 100
    stream = synthetic_stream(texts, n)
    gc.collect()
    for article in stream:
        batch.append(article)
        if len(batch) < batch_size and done + len(batch) < n:
            continue
        now = batch[-1].published
        t0, c0 = time.perf_counter(), time.process_time()
        assignments, _, state = assign_stories(batch, state, options, now=now)
        spent += time.perf_counter() - t0
        cpu += time.process_time() - c0
        counted += len(batch)
        dups += sum(1 for a in assignments if a.duplicate_of)
        done += len(batch)
        batch = []
        if checkpoints and done >= checkpoints[0]:
            open_articles = sum(len(s.articles) for s in state.stories.values())
            rows.append({"processed": done, "cpu_ms_per_article": round(1000.0 * cpu / max(1, counted), 3),
                         "wall_ms_per_article": round(1000.0 * spent / max(1, counted), 3),
                         "rss_mb": round(rss_mb(), 1), "open_stories": len(state.stories),
                         "open_articles": open_articles, "closed_stories": state.closed_total,
                         "indexed_signatures": len(state.duplicates), "terms": len(state.df),
                         "duplicates": dups})
            spent, cpu, counted = 0.0, 0.0, 0
            checkpoints.pop(0)
            if callable(args.get("on_row")):
                args["on_row"](rows[-1])
    return {
        "title": f"Story assignment on a replayed stream ({n} reports, {len(texts)} base texts, 1,000/hour)",
        "columns": ["processed", "cpu_ms_per_article", "wall_ms_per_article", "rss_mb", "open_stories", "open_articles", "closed_stories",
                    "indexed_signatures", "terms"],
        "rows": rows,
    }
