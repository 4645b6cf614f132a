-- Query tables for the REST API and the dashboard (``newsdesk serve``): the events, figures and
-- places of each reading and the tallies of each ledger, one row each, pulled out of the JSON
-- records so that they can be filtered, sorted and paged with indexes. Triggers keep them in
-- step with ``readings`` and ``ledgers`` (in the same transaction as the write); the last
-- statements fill them from rows stored before this migration.
-- An event's ``day`` is its own date, else its report's publication day (``day_from`` says which).

CREATE TABLE reading_events (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,          -- index into Reading.events
    type TEXT NOT NULL,
    day TEXT NOT NULL DEFAULT '',  -- ISO date (or datetime) for ordering; '' when unknown
    day_from TEXT,                 -- 'event' | 'published' | NULL
    date_precision TEXT,
    text TEXT,
    place TEXT,
    country TEXT,
    lat REAL,
    lon REAL,
    killed REAL,
    injured REAL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX reading_events_day ON reading_events(day, article_id, idx);
CREATE INDEX reading_events_type ON reading_events(type, day);
CREATE INDEX reading_events_country ON reading_events(country, day);

CREATE TABLE reading_figures (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,          -- index into Reading.figures
    category TEXT NOT NULL,
    subject TEXT,
    value REAL,
    low REAL,
    high REAL,
    qualifier TEXT,
    stance TEXT,
    text TEXT,
    claimant TEXT,
    start INTEGER,
    "end" INTEGER,
    place TEXT,
    country TEXT,
    event INTEGER,
    sort_time TEXT NOT NULL DEFAULT '',  -- the report's sort_time
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX reading_figures_time ON reading_figures(sort_time, article_id, idx);
CREATE INDEX reading_figures_category ON reading_figures(category, sort_time);

CREATE TABLE reading_places (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,          -- index into Reading.places
    geonameid INTEGER,
    name TEXT,
    country TEXT,
    kind TEXT,
    lat REAL,
    lon REAL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX reading_places_country ON reading_places(country);
CREATE INDEX reading_places_name ON reading_places(name COLLATE NOCASE);

CREATE TABLE ledger_tallies (
    story_id TEXT NOT NULL,
    idx INTEGER NOT NULL,          -- index into Ledger.tallies
    key TEXT NOT NULL,
    category TEXT,
    subject TEXT,
    place TEXT,
    low REAL,
    best REAL,
    high REAL,
    claims INTEGER NOT NULL DEFAULT 0,
    disagreements INTEGER NOT NULL DEFAULT 0,
    revisions INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (story_id, idx)
) WITHOUT ROWID;

-- the orders the API pages stories in (a story's size is its number of reports)
CREATE INDEX stories_by_last_seen ON stories(coalesce(last_seen, ''), id);
CREATE INDEX stories_by_first_seen ON stories(coalesce(first_seen, ''), id);
CREATE INDEX stories_by_reports ON stories(json_array_length(json, '$.articles'), id);
CREATE INDEX stories_breaking_by_last_seen ON stories(breaking, coalesce(last_seen, ''), id);
CREATE INDEX story_articles_story_article ON story_articles(story_id, article_id);

-- INSERT OR REPLACE deletes without firing delete triggers, so each insert clears first.
CREATE TRIGGER readings_index_insert AFTER INSERT ON readings BEGIN
    DELETE FROM reading_events WHERE article_id = new.article_id;
    DELETE FROM reading_figures WHERE article_id = new.article_id;
    DELETE FROM reading_places WHERE article_id = new.article_id;
    INSERT INTO reading_events (article_id, idx, type, day, day_from, date_precision, text, place, country,
                                lat, lon, killed, injured)
    SELECT new.article_id, CAST(e.key AS INTEGER), coalesce(json_extract(e.value, '$.type'), 'other'),
           coalesce(json_extract(e.value, '$.date'),
                    (SELECT substr(published_utc, 1, 10) FROM articles WHERE id = new.article_id), ''),
           CASE WHEN json_extract(e.value, '$.date') IS NOT NULL THEN 'event'
                WHEN (SELECT published_utc FROM articles WHERE id = new.article_id) IS NOT NULL THEN 'published'
           END,
           json_extract(e.value, '$.date_precision'), json_extract(e.value, '$.text'),
           json_extract(new.json, '$.places[' || json_extract(e.value, '$.place') || '].name'),
           json_extract(new.json, '$.places[' || json_extract(e.value, '$.place') || '].country'),
           json_extract(new.json, '$.places[' || json_extract(e.value, '$.place') || '].lat'),
           json_extract(new.json, '$.places[' || json_extract(e.value, '$.place') || '].lon'),
           coalesce(json_extract(e.value, '$.killed.value'), json_extract(e.value, '$.killed.low')),
           coalesce(json_extract(e.value, '$.injured.value'), json_extract(e.value, '$.injured.low'))
    FROM json_each(new.json, '$.events') AS e;
    INSERT INTO reading_figures (article_id, idx, category, subject, value, low, high, qualifier, stance, text,
                                 claimant, start, "end", place, country, event, sort_time)
    SELECT new.article_id, CAST(f.key AS INTEGER), coalesce(json_extract(f.value, '$.category'), 'other'),
           json_extract(f.value, '$.subject'), json_extract(f.value, '$.value'), json_extract(f.value, '$.low'),
           json_extract(f.value, '$.high'), json_extract(f.value, '$.qualifier'), json_extract(f.value, '$.stance'),
           json_extract(f.value, '$.text'), json_extract(f.value, '$.claimant.text'),
           json_extract(f.value, '$.start'), json_extract(f.value, '$.end'),
           json_extract(new.json, '$.places[' || json_extract(f.value, '$.place') || '].name'),
           json_extract(new.json, '$.places[' || json_extract(f.value, '$.place') || '].country'),
           json_extract(f.value, '$.event'),
           coalesce((SELECT sort_time FROM articles WHERE id = new.article_id), '')
    FROM json_each(new.json, '$.figures') AS f;
    INSERT INTO reading_places (article_id, idx, geonameid, name, country, kind, lat, lon)
    SELECT new.article_id, CAST(p.key AS INTEGER), json_extract(p.value, '$.geonameid'),
           json_extract(p.value, '$.name'), json_extract(p.value, '$.country'), json_extract(p.value, '$.kind'),
           json_extract(p.value, '$.lat'), json_extract(p.value, '$.lon')
    FROM json_each(new.json, '$.places') AS p;
END;

CREATE TRIGGER readings_index_delete AFTER DELETE ON readings BEGIN
    DELETE FROM reading_events WHERE article_id = old.article_id;
    DELETE FROM reading_figures WHERE article_id = old.article_id;
    DELETE FROM reading_places WHERE article_id = old.article_id;
END;

-- an UPDATE of the JSON is replayed as a delete and an insert of the same row
CREATE TRIGGER readings_index_update AFTER UPDATE OF json ON readings BEGIN
    DELETE FROM readings WHERE article_id = new.article_id;
    INSERT INTO readings (article_id, json, updated_at) VALUES (new.article_id, new.json, new.updated_at);
END;

CREATE TRIGGER ledgers_index_insert AFTER INSERT ON ledgers BEGIN
    DELETE FROM ledger_tallies WHERE story_id = new.story_id;
    INSERT INTO ledger_tallies (story_id, idx, key, category, subject, place, low, best, high, claims,
                                disagreements, revisions)
    SELECT new.story_id, CAST(t.key AS INTEGER), json_extract(t.value, '$.key'), json_extract(t.value, '$.category'),
           json_extract(t.value, '$.subject'), json_extract(t.value, '$.place'), json_extract(t.value, '$.low'),
           json_extract(t.value, '$.best'), json_extract(t.value, '$.high'),
           coalesce(json_array_length(t.value, '$.claims'), 0),
           coalesce(json_array_length(t.value, '$.disagreements'), 0),
           coalesce(json_array_length(t.value, '$.revisions'), 0)
    FROM json_each(new.json, '$.tallies') AS t;
END;

CREATE TRIGGER ledgers_index_delete AFTER DELETE ON ledgers BEGIN
    DELETE FROM ledger_tallies WHERE story_id = old.story_id;
END;

CREATE TRIGGER ledgers_index_update AFTER UPDATE OF json ON ledgers BEGIN
    DELETE FROM ledgers WHERE story_id = new.story_id;
    INSERT INTO ledgers (story_id, json, updated_at) VALUES (new.story_id, new.json, new.updated_at);
END;

-- rows stored before this migration: replay them through the insert triggers
CREATE TEMP TABLE serve_index_readings AS SELECT article_id, json, updated_at FROM readings;
DELETE FROM readings;
INSERT INTO readings (article_id, json, updated_at) SELECT article_id, json, updated_at FROM serve_index_readings;
DROP TABLE serve_index_readings;
CREATE TEMP TABLE serve_index_ledgers AS SELECT story_id, json, updated_at FROM ledgers;
DELETE FROM ledgers;
INSERT INTO ledgers (story_id, json, updated_at) SELECT story_id, json, updated_at FROM serve_index_ledgers;
DROP TABLE serve_index_ledgers;
