"""``newsdesk watch``: poll feeds on a schedule and store what is new, until stopped.

:func:`watch` composes the feed poller (:func:`newsdesk.ingest.feeds.poll_feed`) with a store,
the way :mod:`newsdesk.runner` composes the file readers:

* the inputs are feed URLs and OPML lists (files or URLs); an OPML list is replaced by the
  feeds it names;
* each feed is polled every ``FeedOptions.interval`` seconds, give or take ``JITTER`` (so many
  feeds on one schedule do not hit their hosts in step), with a conditional GET using the
  feed's state kept in the store (``Store.feed_state``); items already read are not fetched
  again (the state's ``seen`` links and ``Store.has_url``);
* new articles go through :func:`newsdesk.runner.store_articles` (boilerplate, one transaction
  per batch, duplicates recorded as sightings, later stages), *then* the feed's new state is
  saved, so a crash between the two only means a re-read, never a lost item;
* a feed that fails is recorded (its error in the summary and in its state) and the others go
  on; a feed failing again and again is polled less often (``MAX_BACKOFF``);
* when ``stop`` is set the current item finishes, what was read is stored, and ``watch``
  returns its summary. Setting ``stop`` from a signal handler is safe.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import InputError
from newsdesk.ingest.feeds import poll_feed
from newsdesk.ingest.http import Fetcher, check_http_url
from newsdesk.options import Options
from newsdesk.records import Article
from newsdesk.store.base import Store

__all__ = ["JITTER", "MAX_BACKOFF", "WatchSummary", "expand_feeds", "watch"]

JITTER = 0.1  # each interval is drawn from interval * [1 - JITTER, 1 + JITTER]
MAX_BACKOFF = 8  # a feed failing n polls in a row waits min(2**n, MAX_BACKOFF) intervals
FLUSH_SECONDS = 2.0  # during a long poll, what was read is stored at least this often

EventHandler = Callable[[str, Any], None]


@dataclass(slots=True)
class WatchSummary:
    """Counts of one watch run. ``errors`` holds ``(input, cause)`` pairs."""

    feeds: int = 0  # feeds watched
    polls: int = 0  # polls done (all feeds)
    not_modified: int = 0  # polls answered 304
    read: int = 0  # articles read
    stored: int = 0  # new articles stored
    duplicates: int = 0
    skipped: int = 0  # items not fetched: read in an earlier poll or already stored
    errors: list[tuple[str, str]] = field(default_factory=list)
    elapsed: float = 0.0
    stopped: bool = False  # True when ``stop`` ended the run (not ``max_polls``)

    def to_dict(self) -> dict[str, Any]:
        return {"feeds": self.feeds, "polls": self.polls, "not_modified": self.not_modified, "read": self.read,
                "stored": self.stored, "duplicates": self.duplicates, "skipped": self.skipped,
                "errors": len(self.errors), "elapsed": round(self.elapsed, 3), "stopped": self.stopped}


def expand_feeds(inputs: Sequence[str]) -> tuple[list[str], list[InputError]]:
    """Feed URLs from the inputs: URLs are kept (in order, once); a local file is read as an
    OPML list. Returns the URLs and the inputs that could not be used."""
    from newsdesk.ingest.opml import read_opml

    urls: list[str] = []
    errors: list[InputError] = []
    for item in inputs:
        if "://" in item:
            bad = check_http_url(item)
            if bad:
                errors.append(InputError(item, bad))
            elif item not in urls:
                urls.append(item)
            continue
        path = Path(item)
        if not path.is_file():
            errors.append(InputError(item, "not a feed URL and no such OPML file",
                                     hint="give http(s) feed URLs or OPML files"))
            continue
        try:
            refs = read_opml(path)
        except InputError as exc:
            errors.append(exc)
            continue
        for ref in refs:
            if isinstance(ref, InputError):
                errors.append(ref)
            elif ref.url not in urls:
                urls.append(ref.url)
    return urls, errors


def watch(feeds: Sequence[str], store: Store, options: Options, *, stop: threading.Event,
          on_event: EventHandler | None = None, max_polls: int | None = None,
          fetcher: Fetcher | None = None, stages: Sequence[Callable[..., None]] = (),
          rng: random.Random | None = None) -> WatchSummary:
    """Poll ``feeds`` (URLs and OPML lists) until ``stop`` is set, or until each feed has been
    polled ``max_polls`` times. Stores new articles, keeps each feed's state in ``store``.

    Events: ``("poll", FeedPoll)`` after each poll (its articles stored, its state not yet),
    ``("error", InputError)`` for each failure, and the runner's ``("article", (Article,
    AddResult))`` and ``("batch", IngestSummary)``. Raises InputError only when no input names a
    feed; a store failure (:class:`~newsdesk.errors.StoreError`) propagates."""
    from newsdesk.runner import IngestSummary, store_articles

    started = time.monotonic()
    summary = WatchSummary()
    emit = on_event or (lambda name, payload: None)

    def fail(err: InputError) -> None:
        summary.errors.append((err.source, err.cause))
        emit("error", err)

    urls, bad = expand_feeds(feeds)
    for err in bad:
        fail(err)
    if not urls:
        raise InputError(", ".join(feeds) or "watch", "no feed to watch",
                         hint="give http(s) feed URLs or OPML files")
    rng = rng or random.Random()
    interval = max(0.0, float(options.feeds.interval))
    order = list(urls)
    due = {u: started for u in order}  # first poll of every feed at once
    polls: dict[str, int] = {u: 0 for u in order}
    ingest = IngestSummary()
    own = fetcher is None
    fetcher = fetcher or Fetcher(options.feeds, stop=stop)

    def finished(url: str) -> bool:
        return max_polls is not None and polls[url] >= max_polls

    pending: list[Article] = []
    last_flush = time.monotonic()
    batch_size = max(1, int(options.store.batch_size))

    def flush() -> None:
        nonlocal last_flush
        if pending:
            batch = pending[:]
            pending.clear()
            store_articles(batch, store, options, summary=ingest, on_event=on_event, stages=stages)
        last_flush = time.monotonic()

    def sink(article: Article) -> None:
        # articles are stored while a long poll goes on (each batch one transaction)
        pending.append(article)
        if len(pending) >= batch_size or time.monotonic() - last_flush >= FLUSH_SECONDS:
            flush()

    try:
        while not stop.is_set():
            active = [u for u in order if not finished(u)]
            if not active:
                break
            now = time.monotonic()
            ready = [u for u in active if due[u] <= now]
            if not ready:
                stop.wait(max(0.0, min(due[u] for u in active) - now))
                continue
            for url in ready:
                if stop.is_set():
                    break
                last_flush = time.monotonic()
                poll = poll_feed(url, store.feed_state(url), options, fetcher, known=store.has_url, stop=stop,
                                 sink=sink)
                flush()  # the write finishes even when stop is set meanwhile
                polls[url] += 1
                summary.polls += 1
                summary.not_modified += poll.not_modified
                summary.skipped += poll.skipped
                summary.read += poll.read
                for err in poll.errors:
                    fail(err)
                emit("poll", poll)
                if poll.feeds:  # an OPML list: watch the feeds it names instead
                    added = [f for f in poll.feeds if f not in polls]
                    for f in added:
                        order.append(f)
                        due[f] = time.monotonic()
                        polls[f] = 0
                    order.remove(url)
                store.set_feed_state(url, poll.state)  # after the articles: a crash means a re-read
                backoff = min(2 ** int(poll.state.get("failures") or 0), MAX_BACKOFF)
                due[url] = time.monotonic() + interval * backoff * (1 + JITTER * rng.uniform(-1, 1))
    finally:
        if own:
            fetcher.close()
        summary.feeds = len(order)
        summary.stored = ingest.stored
        summary.duplicates = ingest.duplicates
        summary.errors.extend(e for e in ingest.errors if e not in summary.errors)
        summary.stopped = stop.is_set()
        summary.elapsed = time.monotonic() - started
    return summary

