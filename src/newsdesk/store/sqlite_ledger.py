"""A story's ledger in the SQLite store, as rows (migration ``0008_ledger_rows``).

A ledger of a story with a thousand reports holds thousands of claims (megabytes of JSON);
writing it whole for each new report would cost a second, where folding the report in costs
milliseconds. So each tally is kept as rows: one ``tally`` row (the tally without its lists),
one row per claim, per revision and per disagreement, and a save that is given the
:class:`~newsdesk.ledger.LedgerUpdate` of the fold writes only the rows that changed: the
touched tallies' ``tally`` rows, their new and changed claims, their new revisions, the
disagreements added, changed or dropped; tallies rebuilt or removed are rewritten or deleted
whole. ``ledgers`` keeps a small
header (the tally keys in order) whose ``updated_at`` is the ledger's version, and
``ledger_tallies`` (the serve index) is rewritten for the story in the same transaction.

Headers written before the migration hold the whole ledger in one JSON document; they are
still read, and the next save of that story writes it as rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsdesk.errors import StoreError
from newsdesk.records import Claim, Ledger, Tally, to_jsonable
from newsdesk.store.jsonrecords import records_from_dict

if TYPE_CHECKING:
    from newsdesk.ledger.build import LedgerUpdate
    from newsdesk.store.sqlite import SQLiteStore

__all__ = ["get_ledger", "ledger_dict", "ledger_versions", "save_ledger"]

FORMAT = 2
_ROW = ("INSERT OR REPLACE INTO ledger_rows (story_id, tally_key, kind, item, seq, json) "
        "VALUES (?, ?, ?, ?, ?, ?)")
# a disagreement keeps its place in the list when it changes; a new one goes after the others
_DISAGREEMENT = ("INSERT INTO ledger_rows (story_id, tally_key, kind, item, seq, json) "
                 "VALUES (?, ?, 'disagreement', ?, ?, ?) "
                 "ON CONFLICT (story_id, tally_key, kind, item) DO UPDATE SET json = excluded.json")
Row = tuple[str, str, str, str, int, str]


try:  # orjson (a dependency) encodes several times faster; the text it writes is standard JSON
    import orjson

    def _dumps(value: Any) -> str:
        return orjson.dumps(value).decode("utf-8")

    def _claim_json(claim: Claim) -> str:
        # records as to_jsonable shapes them (dataclasses, ISO datetimes): a test checks they agree
        return orjson.dumps(claim).decode("utf-8")

    def _loads(text: str) -> Any:
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:  # e.g. Infinity, which the standard library wrote
            return json.loads(text)
except ImportError:  # pragma: no cover - the standard library is the fallback
    def _dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def _claim_json(claim: Claim) -> str:
        return json.dumps(to_jsonable(claim), ensure_ascii=False)

    _loads = json.loads


def _meta(tally: Tally) -> str:
    """The tally without its claims, revisions and disagreements (its other fields are JSON values)."""
    return _dumps({"key": tally.key, "category": tally.category, "subject": tally.subject, "place": tally.place,
                   "low": tally.low, "best": tally.best, "high": tally.high, "explanation": tally.explanation,
                   "parent": tally.parent, "current": tally.current, "denials": tally.denials})


def _all_rows(story: str, tally: Tally) -> list[Row]:
    key = tally.key
    rows = [(story, key, "tally", "", 0, _meta(tally))]
    rows += [(story, key, "claim", c.id, i, _claim_json(c)) for i, c in enumerate(tally.claims)]
    rows += [(story, key, "revision", str(i), i, _dumps(r)) for i, r in enumerate(tally.revisions)]
    rows += [(story, key, "disagreement", d["id"], i, _dumps(d)) for i, d in enumerate(tally.disagreements)]
    return rows


def _changed_rows(conn: sqlite3.Connection, story: str, tally: Tally, update: LedgerUpdate) -> list[Row]:
    """Write the disagreements a fold touched; return the other rows it changed: the tally's own
    row, the claims added or changed, the new revisions."""
    key = tally.key
    rows = [(story, key, "tally", "", 0, _meta(tally))]
    wanted = set(update.claims.get(key, ()))
    # claims are only appended to a folded tally, so a claim keeps its position; the changed ones
    # are the new claims at the end and the claims they supersede or dispute, mostly recent
    for i in range(len(tally.claims) - 1, -1, -1):
        if not wanted:
            break
        c = tally.claims[i]
        if c.id in wanted:
            wanted.discard(c.id)
            rows.append((story, key, "claim", c.id, i, _claim_json(c)))
    first = update.revisions_from.get(key, len(tally.revisions))
    rows += [(story, key, "revision", str(i), i, _dumps(r)) for i, r in enumerate(tally.revisions[first:], first)]
    touched = update.disagreements.get(key)
    if touched:
        kept = [d for d in tally.disagreements if d["id"] in touched]
        gone = touched - {d["id"] for d in kept}
        conn.executemany("DELETE FROM ledger_rows WHERE story_id = ? AND tally_key = ? AND kind = 'disagreement' "
                         "AND item = ?", [(story, key, i) for i in sorted(gone)])
        (top,) = conn.execute("SELECT coalesce(max(seq), -1) FROM ledger_rows WHERE story_id = ? AND tally_key = ? "
                              "AND kind = 'disagreement'", (story, key)).fetchone()
        conn.executemany(_DISAGREEMENT, [(story, key, d["id"], top + 1 + n, _dumps(d)) for n, d in enumerate(kept)])
    return rows


def _summary(story: str, idx: int, t: Tally) -> tuple[Any, ...]:
    return (story, idx, t.key, t.category, t.subject, t.place, t.low, t.best, t.high, len(t.claims),
            len(t.disagreements), len(t.revisions))


_TALLY_UPDATE = ("UPDATE ledger_tallies SET low = ?, best = ?, high = ?, claims = ?, disagreements = ?, revisions = ? "
                 "WHERE story_id = ? AND idx = ?")


def save_ledger(store: SQLiteStore, ledger: Ledger, update: LedgerUpdate | None = None) -> str:
    """Write ``ledger``: only what ``update`` says changed when it is given and the stored ledger
    is in rows already, else every row of the story. Returns the stored version (``updated_at``)."""
    story = ledger.story
    version = datetime.now(UTC).isoformat()
    header = json.dumps({"format": FORMAT, "story": story,
                         "updated": ledger.updated.isoformat() if ledger.updated else None,
                         "tallies": [t.key for t in ledger.tallies]}, ensure_ascii=False)
    keys = [t.key for t in ledger.tallies]
    with store._transaction(f"write the ledger of story {story}") as conn:
        row = conn.execute("SELECT json_extract(json, '$.format'), json_extract(json, '$.tallies') FROM ledgers "
                           "WHERE story_id = ?", (story,)).fetchone()
        incremental = update is not None and row is not None and row[0] == FORMAT
        _write_rows(conn, story, ledger, update if incremental else None)
        if incremental and json.loads(row[1]) == keys:  # same tallies in the same places: touch the changed ones
            changed = set(update.changed)  # type: ignore[union-attr]
            conn.executemany(_TALLY_UPDATE, [(*_summary(story, i, t)[6:], story, i)
                                             for i, t in enumerate(ledger.tallies) if t.key in changed])
        else:
            conn.execute("DELETE FROM ledger_tallies WHERE story_id = ?", (story,))
            conn.executemany("INSERT INTO ledger_tallies (story_id, idx, key, category, subject, place, low, best, "
                             "high, claims, disagreements, revisions) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                             [_summary(story, i, t) for i, t in enumerate(ledger.tallies)])
        conn.execute("INSERT INTO ledgers (story_id, json, updated_at) VALUES (?, ?, ?) ON CONFLICT(story_id) "
                     "DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at", (story, header, version))
    return version


def _write_rows(conn: sqlite3.Connection, story: str, ledger: Ledger, update: LedgerUpdate | None) -> None:
    if update is None:
        conn.execute("DELETE FROM ledger_rows WHERE story_id = ?", (story,))
        rows = [r for t in ledger.tallies for r in _all_rows(story, t)]
    else:
        rebuilt, changed = set(update.rebuilt), set(update.changed)
        gone = [(story, key) for key in sorted(set(update.removed) | rebuilt)]
        conn.executemany("DELETE FROM ledger_rows WHERE story_id = ? AND tally_key = ?", gone)
        rows = []
        for t in ledger.tallies:
            if t.key in rebuilt:
                rows += _all_rows(story, t)
            elif t.key in changed:
                rows += _changed_rows(conn, story, t, update)
    conn.executemany(_ROW, rows)


_LISTS = {"claim": "claims", "revision": "revisions", "disagreement": "disagreements"}


def get_ledger(store: SQLiteStore, story_id: str) -> Ledger | None:
    """The stored ledger of a story, or None."""
    data = ledger_dict(store, story_id)
    return records_from_dict(Ledger, data) if data is not None else None


def ledger_dict(store: SQLiteStore, story_id: str) -> dict[str, Any] | None:
    """The stored ledger of a story in its JSON shape (what ``Ledger.to_dict()`` gives), or None."""
    head = store._read("SELECT json FROM ledgers WHERE story_id = ?", (story_id,))
    if not head:
        return None
    header = _loads(head[0][0])
    if header.get("format") != FORMAT:  # written before migration 0008: the whole ledger
        return header
    tallies: dict[str, dict[str, Any]] = {}
    for key, kind, _seq, text in store._read(
            "SELECT tally_key, kind, seq, json FROM ledger_rows WHERE story_id = ? ORDER BY tally_key, kind, seq",
            (story_id,)):
        t = tallies.setdefault(key, {"claims": [], "revisions": [], "disagreements": []})
        if kind == "tally":
            t.update(_loads(text))
        else:
            t[_LISTS[kind]].append(_loads(text))
    missing = [k for k in header["tallies"] if "key" not in tallies.get(k, {})]
    if missing:
        raise StoreError(f"{store.path}: the ledger of story {story_id} lacks tallies {', '.join(missing)}",
                         hint="run `newsdesk stats --check`; re-run the ledger stage for this story")
    return {"story": header["story"], "tallies": [tallies[k] for k in header["tallies"]],
            "updated": header.get("updated")}


def ledger_versions(store: SQLiteStore, story_ids: Sequence[str]) -> dict[str, str]:
    """The stored version (``updated_at``) of each of these stories' ledgers that exists."""
    out: dict[str, str] = {}
    ids = list(dict.fromkeys(story_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(store._read(f"SELECT story_id, updated_at FROM ledgers WHERE story_id IN ({marks})", chunk))
    return out
