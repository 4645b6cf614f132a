-- A story's ledger kept as rows, so that a new report rewrites only what it changed.
--
-- ``ledgers.json`` becomes a small header ({"format": 2, "story", "updated", "tallies": [keys]});
-- each tally is one 'tally' row (the tally without its claims, revisions and disagreements), one
-- 'claim' row per claim (``item``: its id), one 'revision' row per revision and one
-- 'disagreement' row per disagreement (``item``: its id), in the tally's order (``seq``). A header written
-- before this migration (the whole ledger in one JSON document, no "format") is still read, and
-- is rewritten as rows by the next save. ``ledger_tallies`` (the serve index of migration 0004)
-- is now written by the store in the same transaction, not by a trigger on the JSON.
CREATE TABLE ledger_rows (
    story_id TEXT NOT NULL,
    tally_key TEXT NOT NULL,
    kind TEXT NOT NULL,            -- 'tally', 'claim', 'revision' or 'disagreement'
    item TEXT NOT NULL,            -- the claim's or disagreement's id, the revision's number, '' for 'tally'
    seq INTEGER NOT NULL,          -- order within the tally's list of that kind
    json TEXT NOT NULL,
    PRIMARY KEY (story_id, tally_key, kind, item)
) WITHOUT ROWID;

DROP TRIGGER ledgers_index_insert;
DROP TRIGGER ledgers_index_update;
DROP TRIGGER ledgers_index_delete;
CREATE TRIGGER ledgers_rows_delete AFTER DELETE ON ledgers BEGIN
    DELETE FROM ledger_tallies WHERE story_id = old.story_id;
    DELETE FROM ledger_rows WHERE story_id = old.story_id;
END;
