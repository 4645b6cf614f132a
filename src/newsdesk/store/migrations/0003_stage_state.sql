-- State a stage keeps between runs (the story clusterer's open stories, ...), one JSON document
-- per stage name, written in the same way as every other write: one transaction.
CREATE TABLE stage_state (
    name TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
