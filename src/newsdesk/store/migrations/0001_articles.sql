-- Articles as ingested, the times each report was seen again, per-source paragraph counts
-- (for boilerplate), feed polling state, and full-text search over title and text.
-- Datetimes: the original ISO 8601 string (offset preserved) plus a UTC copy for sorting.

CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    content_hash TEXT,          -- NULL when the record has none (never '')
    title TEXT,
    text TEXT NOT NULL,
    source TEXT,
    byline TEXT,
    published TEXT,             -- ISO 8601 as given (offset preserved)
    published_utc TEXT,         -- ISO 8601 UTC, for ordering and ranges
    updated TEXT,
    fetched TEXT,
    language TEXT,
    language_confidence REAL,
    section TEXT,
    origin TEXT,
    boilerplate TEXT NOT NULL DEFAULT '[]',  -- JSON list of spans
    layout TEXT NOT NULL DEFAULT '[]',       -- JSON list of spans
    meta TEXT NOT NULL DEFAULT '{}',         -- JSON object
    sort_time TEXT NOT NULL,    -- published_utc, else fetched (UTC), else ingested_at
    ingested_at TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_url ON articles(url);
CREATE UNIQUE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_sort ON articles(sort_time, rowid);
CREATE INDEX articles_source ON articles(source, sort_time);
CREATE INDEX articles_language ON articles(language, sort_time);

CREATE TABLE sightings (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seen_at TEXT NOT NULL,
    origin TEXT,
    url TEXT,
    reason TEXT NOT NULL CHECK (reason IN ('url', 'content', 'id'))
);
CREATE INDEX sightings_article ON sightings(article_id);

CREATE TABLE source_paragraphs (
    source TEXT NOT NULL,
    hash TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (source, hash)
) WITHOUT ROWID;

CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_polled TEXT,
    last_status INTEGER,
    error TEXT,
    extra TEXT NOT NULL DEFAULT '{}'  -- JSON: any other state the feed poller keeps
);

-- External-content FTS5 index. The store inserts each article's entry itself, right after
-- the row and in the same transaction (twice as fast as an AFTER INSERT trigger); deletes
-- and updates are kept in sync by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;
