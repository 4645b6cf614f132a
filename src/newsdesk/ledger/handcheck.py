"""Ledgers of gold multi-report stories from ECB+, for checking the ledger by hand.

ECB+ (``bench/ecbplus.jsonl``) groups news documents by *sub-topic*: the documents of one
sub-topic report one real event (an earthquake in Aceh, a fire in an Athens bank, a school
shelled in Gaza). Several of them carry casualty and other figures, so a sub-topic is a
ready-made multi-report story with known membership. This module turns chosen sub-topics into
stories and builds their ledgers **independently of the story clusterer**: the ledger is
checked on gold story membership, so its errors are the extractor's and its own, not the
clusterer's.

What the documents are given, since ECB+ has neither outlets nor dates:

- each document is one report, ``Article(id=doc_id, source="ecb:<doc_id>", language="en")``;
  with no named claimant, each report is its own claimant (the ledger's rule: the outlet stands
  behind an unattributed figure), so two reports never *revise* each other, they agree or
  disagree;
- the publication time is synthetic: the documents in the order the file lists them within the
  sub-topic, one hour apart from ``BASE_TIME``. With the default ``ledger.same_time_minutes``
  (60), neighbouring reports count as published "at the same time";
- the text is ECB+'s as stored: tokenised and joined with spaces (``killed , including``),
  exactly what the extractor gets.

``build_story(subtopic, options)`` gives one :class:`StoryCheck`; ``build_stories`` yields one per
chosen sub-topic (or an error naming it, and goes on); ``tally_rows`` flattens a ledger into
rows for a table; ``run(options, args)`` is the ``newsdesk eval`` shape (rows, columns, title) for
re-running the check. ``CHOSEN`` lists the sub-topics checked by hand in ``docs/ledger-check.md``
and why each was chosen.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsdesk.errors import ExtractError, InputError, NewsdeskError
from newsdesk.ledger.build import build_ledger, claims_from_reading
from newsdesk.options import Options
from newsdesk.records import Article, Claim, Ledger, Reading

__all__ = [
    "BASE_TIME",
    "CHOSEN",
    "COLUMNS",
    "StoryCheck",
    "build_stories",
    "build_story",
    "ecb_path",
    "load_subtopics",
    "run",
    "story_articles",
    "tally_rows",
]

BASE_TIME = datetime(2000, 1, 1, tzinfo=UTC)  # synthetic: ECB+ documents carry no date
STEP = timedelta(hours=1)  # one report per hour, in file order within the sub-topic

# The sub-topics checked by hand (docs/ledger-check.md), and why: each holds several reports of
# one event that give casualty or other counts (grep of killed/dead/died/injured/hurt/wounded/
# arrested/quake with a number in the same sentence, then read).
CHOSEN: dict[str, str] = {
    "37_ecbplus": "Aceh (Indonesia) magnitude 6.1 earthquake, 2013: dead, injured, missing, displaced counts "
                  "that change between reports",
    "37_ecb": "West Papua (Indonesia) magnitude 7.6/6.1 earthquakes, 2009: dead and injured, several reports",
    "20_ecbplus": "Qeshm island (Iran) earthquake, 2005: ten killed, about 50 hurt, villages destroyed",
    "20_ecb": "Qeshm island (Iran) earthquake, 2008: five injured in two reports, two in a third",
    "8_ecbplus": "Athens bank fire (Marfin), 2010: three dead, pregnant woman among them",
    "8_ecb": "Oregon (Woodburn) bank bombing, 2008: two killed (police officer, bomb technician), one injured",
    "41_ecb": "Gaza UN school (Jabaliya) shelling, 2009: dead and wounded counts that vary by source",
    "41_ecbplus": "Sudan bombs a refugee camp in South Sudan (Yida), 2011: bombs dropped, casualties",
    "36_ecb": "Bountiful (Canada) polygamist leaders arrested, 2009: two arrested, wives and children counted",
    "12_ecb": "Indian navy captures Somali pirates, 2008: 23 pirates captured, vessels",
    "18_ecbplus": "Troy (Michigan) office shooting, 2007: three shot, one killed, two wounded",
    "23_ecbplus": "Two climbers die at Aoraki/Mount Cook (New Zealand) on one weekend, 2013: 1 + 1 = 2 dead",
}


@dataclass(slots=True)
class StoryCheck:
    """One gold story: its reports, what the extractor read in each, the claims and the ledger."""

    subtopic: str
    articles: list[Article]
    readings: list[Reading]
    claims: list[Claim]
    ledger: Ledger
    errors: list[str] = field(default_factory=list)  # reports that failed to read (named)


def ecb_path(bench_dir: str | Path | None = None) -> Path:
    """The ECB+ file: ``<bench_dir>/ecbplus.jsonl``, by default in the shared data folder."""
    if bench_dir is None:
        from newsdesk.shared import shared_dir

        bench_dir = shared_dir() / "bench"
    return Path(bench_dir) / "ecbplus.jsonl"


def load_subtopics(subtopics: Iterable[str], path: str | Path | None = None) -> dict[str, list[dict[str, Any]]]:
    """The documents of each wanted sub-topic, in file order. Raises ``InputError`` naming the
    file for a missing file, a bad line, or a sub-topic the file does not hold."""
    wanted = list(dict.fromkeys(subtopics))
    path = Path(path) if path is not None else ecb_path()
    out: dict[str, list[dict[str, Any]]] = {s: [] for s in wanted}
    try:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                    sub = doc["subtopic"]
                    if sub in out:
                        out[sub].append({"doc_id": str(doc["doc_id"]), "text": str(doc["text"])})
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise InputError(f"{path}#{n}", f"not an ECB+ document line ({type(exc).__name__}: {exc})",
                                     hint='each line is {"doc_id", "subtopic", "text", ...}') from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read the ECB+ file ({exc.strerror or exc})",
                         hint="pass the folder holding ecbplus.jsonl, or set NEWSDESK_SHARED") from exc
    missing = [s for s, docs in out.items() if not docs]
    if missing:
        raise InputError(str(path), f"no documents for sub-topic(s) {', '.join(missing)}",
                         hint="sub-topics look like '37_ecbplus' or '8_ecb'")
    return out


def story_articles(docs: list[dict[str, Any]], *, start: datetime = BASE_TIME) -> list[Article]:
    """One article per document: source ``ecb:<doc_id>``, published one hour apart in order."""
    return [
        Article(id=d["doc_id"], text=d["text"], source=f"ecb:{d['doc_id']}", language="en",
                published=start + i * STEP, origin=f"ecbplus.jsonl#{d['doc_id']}")
        for i, d in enumerate(docs)
    ]


def _build(subtopic: str, docs: list[dict[str, Any]], options: Options, gazetteer: Any) -> StoryCheck:
    from newsdesk.extract.pipeline import read_article

    articles = story_articles(docs)
    readings: list[Reading] = []
    claims: list[Claim] = []
    errors: list[str] = []
    kept: list[Article] = []
    for article in articles:
        try:
            reading = read_article(article, options, gazetteer=gazetteer)
        except ExtractError as exc:
            errors.append(str(exc))
            continue
        kept.append(article)
        readings.append(reading)
        claims.extend(claims_from_reading(article, reading))
    last = articles[-1].published if articles else BASE_TIME
    ledger = build_ledger(f"ecb:{subtopic}", claims, options, now=last)
    return StoryCheck(subtopic=subtopic, articles=kept, readings=readings, claims=claims, ledger=ledger,
                      errors=errors)


def _gazetteer(options: Options) -> Any:
    from newsdesk.geo.gazetteer import Gazetteer

    return Gazetteer.load(options)


def build_story(subtopic: str, options: Options, *, path: str | Path | None = None,
                gazetteer: Any = None) -> StoryCheck:
    """The gold story of one ECB+ sub-topic with its ledger. Raises ``InputError`` for an
    unknown sub-topic or an unreadable file; a report that fails to read is listed in
    ``errors`` and left out."""
    docs = load_subtopics([subtopic], path)[subtopic]
    return _build(subtopic, docs, options, gazetteer if gazetteer is not None else _gazetteer(options))


def build_stories(subtopics: Iterable[str] | None, options: Options, *, path: str | Path | None = None,
                  gazetteer: Any = None) -> Iterator[StoryCheck | NewsdeskError]:
    """One :class:`StoryCheck` per sub-topic (``CHOSEN`` when None), in order; a sub-topic that
    cannot be built yields its error instead and the others go on."""
    wanted = list(CHOSEN) if subtopics is None else list(subtopics)
    path = Path(path) if path is not None else ecb_path()
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        found = load_subtopics(wanted, path)
    except InputError as exc:
        if not path.is_file() or "#" in exc.source:
            raise
        # some sub-topics are missing: build the others, name the missing ones
        for s in wanted:
            try:
                found.update(load_subtopics([s], path))
            except InputError as one:
                found.pop(s, None)
                yield one
    gaz = gazetteer if gazetteer is not None else _gazetteer(options)
    for s in wanted:
        if s in found:
            yield _build(s, found[s], options, gaz)


def tally_rows(ledger: Ledger) -> list[dict[str, Any]]:
    """One row per tally: key, low/best/high, number of claims and of reports behind them,
    revisions and disagreements counted."""
    rows = []
    for t in ledger.tallies:
        rows.append({
            "key": t.key, "low": t.low, "best": t.best, "high": t.high,
            "claims": len(t.claims), "reports": len({c.article for c in t.claims}),
            "current": len(t.current), "revisions": len(t.revisions),
            "disagreements": len(t.disagreements), "parent": t.parent,
        })
    return rows


COLUMNS = ["subtopic", "key", "low", "best", "high", "claims", "reports", "revisions", "disagreements", "parent"]


def run(options: Options, args: dict[str, Any]) -> dict[str, Any]:
    """The ledgers of the chosen sub-topics as one table (the ``newsdesk eval`` shape).
    ``args["subset"]``: comma-separated sub-topics (default ``CHOSEN``); ``args["shared"]``: the
    shared folder; ``args["limit"]``: only the first N sub-topics. Errors are listed, not raised."""
    from newsdesk.shared import shared_dir

    wanted = [s.strip() for s in (args.get("subset") or "").split(",") if s.strip()] or list(CHOSEN)
    if args.get("limit"):
        wanted = wanted[: int(args["limit"])]
    path = ecb_path(shared_dir(args.get("shared")) / "bench")
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    for item in build_stories(wanted, options, path=path):
        if isinstance(item, NewsdeskError):
            errors.append(str(item))
            continue
        errors.extend(item.errors)
        rows.extend({"subtopic": item.subtopic, **r} for r in tally_rows(item.ledger))
    return {"rows": rows, "columns": COLUMNS, "errors": errors,
            "title": f"Ledgers of {len(wanted)} gold ECB+ stories (synthetic hourly times; see docs/ledger-check.md)"}
