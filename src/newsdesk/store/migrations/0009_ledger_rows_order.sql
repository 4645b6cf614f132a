-- The rows of a tally in their order: reading a ledger back walks this index, and a new
-- disagreement's place after the others (max(seq)) is one index look-up, not a scan.
CREATE INDEX ledger_rows_order ON ledger_rows(story_id, tally_key, kind, seq);
