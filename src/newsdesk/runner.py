"""The ingest runner: composes the readers with a store, in batches.

``ingest(inputs, store, options)`` reads every input with :func:`newsdesk.ingest.read_inputs`,
marks each article's publisher boilerplate from its source's paragraph counts (kept in the
store), stores the articles in batches of ``options.store.batch_size`` (one transaction
each; duplicates are recorded as sightings), and returns an :class:`IngestSummary`.

Hook for later stages: pass ``stages``, a sequence of callables
``stage(new_articles, store, options) -> None``. After each batch commits, each stage is
called, in order, with the articles of the batch that were newly stored (never duplicates).
A stage computes its records with its pure functions and saves them through the store
(``save_readings``, ``save_assignments``, ``save_ledger``). A stage that raises a
:class:`~newsdesk.errors.NewsdeskError` is recorded as an error of the run and the run goes
on; any other exception is a bug and propagates (the batch itself is already stored).

Events: ``on_event(name, payload)`` is called with
``("read", Article)`` as each article is read (before it is stored),
``("article", (Article, AddResult))`` for each article offered to the store,
``("error", InputError)`` for each input or record that could not be read or stored, and
``("batch", IngestSummary)`` (the running totals) after each committed batch.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from newsdesk.errors import InputError, NewsdeskError
from newsdesk.options import Options
from newsdesk.records import Article
from newsdesk.store.base import AddResult, Store

__all__ = ["EventHandler", "IngestSummary", "Stage", "ingest", "store_articles"]

Stage = Callable[[list[Article], Store, Options], None]
EventHandler = Callable[[str, Any], None]

MAX_BATCH_SECONDS = 5.0  # a slow stream (stdin, feeds) still commits at least this often


@dataclass(slots=True)
class IngestSummary:
    """Counts of one run. ``errors`` holds ``(input, cause)`` pairs, one per failed input or record."""

    read: int = 0  # articles read from the inputs
    stored: int = 0  # new articles stored
    duplicates: int = 0  # articles already stored (a sighting was recorded)
    errors: list[tuple[str, str]] = field(default_factory=list)
    elapsed: float = 0.0  # seconds
    batches: int = 0

    @property
    def rate(self) -> float:
        """Articles read per second."""
        return self.read / self.elapsed if self.elapsed > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates,
                "errors": len(self.errors), "elapsed": round(self.elapsed, 3), "rate": round(self.rate, 1),
                "batches": self.batches}


def _mark_boilerplate(batch: list[Article], existing: Sequence[AddResult | None], store: Store,
                      options: Options) -> dict[str, list[str]]:
    """Set each article's boilerplate from its source's paragraph counts; return its paragraph hashes.

    ``seen`` for an article counts the stored articles of its source holding each paragraph,
    plus the new articles before it in this batch (duplicates are not counted).
    :func:`~newsdesk.read.boilerplate.find_boilerplate` is the authority; it is called only
    when a paragraph repeats (``seen >= MIN_REPEATS``) outside the spans the reader already
    marked (its single-article footer rule runs when the article is built), which keeps the
    common case -- a known footer, or no repeats -- to one pass of :func:`paragraphs`."""
    from newsdesk.read.boilerplate import MIN_REPEATS, find_boilerplate, paragraphs

    cuts = [paragraphs(a.text) if a.source else None for a in batch]  # one pass per article
    by_source: dict[str, set[str]] = {}
    for a, cut in zip(batch, cuts):
        if cut is not None:
            by_source.setdefault(a.source, set()).update([h for _, _, h in cut])  # type: ignore[arg-type]
    stored = {src: dict(store.paragraph_counts(src, hs)) for src, hs in by_source.items()}
    in_batch: dict[str, dict[str, int]] = defaultdict(dict)
    keys_in_batch: set[str] = set()
    hashes: dict[str, list[str]] = {}
    for a, dup, cut in zip(batch, existing, cuts):
        if cut is None:
            continue
        distinct = list(dict.fromkeys([h for _, _, h in cut]))
        hashes.setdefault(a.id, distinct)  # the first article of an id is the one the store keeps
        keys = {k for k in (a.url and "u:" + a.url, a.content_hash and "h:" + a.content_hash) if k}
        duplicate = dup is not None or not keys.isdisjoint(keys_in_batch)
        keys_in_batch |= keys
        counts, pending = stored[a.source], in_batch[a.source]  # type: ignore[index]
        marked = {(s.start, s.end) for s in a.boilerplate}
        for start, end, h in cut:
            if counts.get(h, 0) + pending.get(h, 0) >= MIN_REPEATS and (start, end) not in marked:
                seen = {h: counts.get(h, 0) + pending.get(h, 0) for h in distinct}
                found = find_boilerplate(a, seen, options)
                a.boilerplate = sorted([*a.boilerplate, *(s for s in found if (s.start, s.end) not in marked)],
                                       key=lambda s: (s.start, s.end))
                break
        if not duplicate:
            for h in distinct:
                pending[h] = pending.get(h, 0) + 1
    return hashes


def store_articles(batch: list[Article], store: Store, options: Options, *,
                   summary: IngestSummary | None = None, on_event: EventHandler | None = None,
                   stages: Sequence[Stage] = ()) -> list[AddResult]:
    """Mark boilerplate, store one batch (one transaction), then run the later ``stages`` on
    the new articles. Updates ``summary`` and reports events like :func:`ingest`."""
    summary = summary if summary is not None else IngestSummary()
    existing = store.find_existing(batch)
    hashes = _mark_boilerplate(batch, existing, store, options)
    results = store.add_articles(batch, paragraphs=hashes)
    new: list[Article] = []
    for a, res in zip(batch, results):
        if res.status == "new":
            summary.stored += 1
            new.append(a)
        elif res.status == "duplicate":
            summary.duplicates += 1
        else:
            where = a.origin or f"article {a.id}"
            summary.errors.append((where, res.reason or "cannot store the record"))
            if on_event:
                on_event("error", InputError(where, res.reason or "cannot store the record"))
            continue
        if on_event:
            on_event("article", (a, res))
    summary.batches += 1
    for stage in stages:
        if not new:
            break
        try:
            stage(new, store, options)
        except NewsdeskError as exc:
            name = getattr(stage, "__name__", repr(stage))
            summary.errors.append((f"stage {name}", str(exc)))
            if on_event:
                on_event("error", InputError(f"stage {name}", str(exc)))
    if on_event:
        on_event("batch", summary)
    return results


def ingest(inputs: Sequence[str], store: Store, options: Options, *, stdin: IO[bytes] | None = None,
           on_event: EventHandler | None = None, stages: Sequence[Stage] = (),
           articles: Iterable[Article | InputError] | None = None) -> IngestSummary:
    """Read ``inputs`` (paths, directories, URLs, ``-`` for ``stdin``) and store every article.

    ``articles`` replaces the readers with an already-made stream of articles and errors
    (the feed poller passes its own). Returns the run's counts; never raises for one bad input.
    A ``KeyboardInterrupt`` stores the batch read so far, then propagates."""
    if articles is None:
        from newsdesk.ingest import read_inputs

        articles = read_inputs(inputs, options, stdin=stdin)
    summary = IngestSummary()
    started = time.perf_counter()
    batch_size = max(1, int(options.store.batch_size))
    batch: list[Article] = []
    last_flush = started

    def flush() -> None:
        nonlocal batch, last_flush
        if batch:
            pending, batch = batch, []
            store_articles(pending, store, options, summary=summary, on_event=on_event, stages=stages)
        last_flush = time.perf_counter()
        summary.elapsed = last_flush - started

    try:
        for item in articles:
            if isinstance(item, InputError):
                summary.errors.append((item.source, item.cause))
                if on_event:
                    on_event("error", item)
                continue
            summary.read += 1
            if on_event:
                on_event("read", item)
            batch.append(item)
            if len(batch) >= batch_size or time.perf_counter() - last_flush > MAX_BATCH_SECONDS:
                flush()
    except KeyboardInterrupt:
        flush()
        raise
    flush()
    return summary

