-- Tables reserved for the later stages (extract, stories, ledger): records kept as JSON
-- (``to_jsonable`` shape), with a few columns pulled out for filtering.

CREATE TABLE readings (
    article_id TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    breaking INTEGER NOT NULL DEFAULT 0,
    closed INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE INDEX stories_last_seen ON stories(last_seen);

CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY,
    story_id TEXT,
    duplicate_of TEXT,
    breaking INTEGER NOT NULL DEFAULT 0,
    reason TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story_id);

CREATE TABLE ledgers (
    story_id TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
