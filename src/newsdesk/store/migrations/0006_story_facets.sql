-- The facets of each story, for the API's story filters (place, country, event type,
-- language): one row per (facet, story) with the number of rows of the story's reports that
-- carry it, so that a filter is one primary-key probe per story (or one index range for a
-- rare value) instead of a join through every report's places or events; two common values
-- that no story shares no longer scan every report.
--   'c:<country>'  reading_places.country     'p:<name>' lower(reading_places.name) (ASCII
--   'e:<type>'     reading_events.type        case folding, as COLLATE NOCASE compares)
--   'l:<language>' articles.language
-- Triggers keep the counts in step with reading_places / reading_events (themselves kept by
-- the triggers of 0004), story_articles and articles; a facet whose count drops to 0 is
-- removed. The last statement fills the table from the rows stored before this migration.

CREATE TABLE story_facets (
    facet TEXT NOT NULL,
    story_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (facet, story_id)
) WITHOUT ROWID;

-- the other orders of the breaking filter (0004 has it by last_seen only), so that a page of
-- breaking or other stories by first report or size walks an index instead of sorting them all
CREATE INDEX stories_breaking_by_first_seen ON stories(breaking, coalesce(first_seen, ''), id);
CREATE INDEX stories_breaking_by_reports ON stories(breaking, json_array_length(json, '$.articles'), id);

-- the facets one report brings to its story: (facet, rows)
CREATE VIEW article_facets AS
    SELECT article_id, 'c:' || country AS facet FROM reading_places WHERE country IS NOT NULL
    UNION ALL SELECT article_id, 'p:' || lower(name) FROM reading_places WHERE name IS NOT NULL
    UNION ALL SELECT article_id, 'e:' || type FROM reading_events
    UNION ALL SELECT id, 'l:' || language FROM articles WHERE language IS NOT NULL;

CREATE TRIGGER story_facets_place_insert AFTER INSERT ON reading_places BEGIN
    INSERT INTO story_facets (facet, story_id, n)
    SELECT f.facet, sa.story_id, 1 FROM story_articles sa,
           (SELECT 'c:' || new.country AS facet WHERE new.country IS NOT NULL
            UNION ALL SELECT 'p:' || lower(new.name) WHERE new.name IS NOT NULL) AS f
    WHERE sa.article_id = new.article_id AND sa.story_id IS NOT NULL
    ON CONFLICT (facet, story_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER story_facets_place_delete AFTER DELETE ON reading_places BEGIN
    UPDATE story_facets SET n = n - 1
    WHERE story_id = (SELECT story_id FROM story_articles WHERE article_id = old.article_id)
      AND facet IN ('c:' || old.country, 'p:' || lower(old.name));
    DELETE FROM story_facets
    WHERE story_id = (SELECT story_id FROM story_articles WHERE article_id = old.article_id)
      AND facet IN ('c:' || old.country, 'p:' || lower(old.name)) AND n <= 0;
END;

CREATE TRIGGER story_facets_event_insert AFTER INSERT ON reading_events BEGIN
    INSERT INTO story_facets (facet, story_id, n)
    SELECT 'e:' || new.type, sa.story_id, 1 FROM story_articles sa
    WHERE sa.article_id = new.article_id AND sa.story_id IS NOT NULL
    ON CONFLICT (facet, story_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER story_facets_event_delete AFTER DELETE ON reading_events BEGIN
    UPDATE story_facets SET n = n - 1
    WHERE story_id = (SELECT story_id FROM story_articles WHERE article_id = old.article_id)
      AND facet = 'e:' || old.type;
    DELETE FROM story_facets
    WHERE story_id = (SELECT story_id FROM story_articles WHERE article_id = old.article_id)
      AND facet = 'e:' || old.type AND n <= 0;
END;

-- INSERT OR REPLACE into story_articles deletes the old row without a delete trigger: the
-- report's facets leave its old story before the new row is written.
CREATE TRIGGER story_facets_assign_before BEFORE INSERT ON story_articles
WHEN EXISTS (SELECT 1 FROM story_articles WHERE article_id = new.article_id) BEGIN
    UPDATE story_facets SET n = n - d.k
    FROM (SELECT facet, count(*) AS k FROM article_facets WHERE article_id = new.article_id GROUP BY facet) AS d
    WHERE story_facets.facet = d.facet
      AND story_facets.story_id = (SELECT story_id FROM story_articles WHERE article_id = new.article_id);
    DELETE FROM story_facets
    WHERE story_id = (SELECT story_id FROM story_articles WHERE article_id = new.article_id) AND n <= 0;
END;

CREATE TRIGGER story_facets_assign_after AFTER INSERT ON story_articles WHEN new.story_id IS NOT NULL BEGIN
    INSERT INTO story_facets (facet, story_id, n)
    SELECT facet, new.story_id, count(*) FROM article_facets WHERE article_id = new.article_id GROUP BY facet
    ON CONFLICT (facet, story_id) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER story_facets_unassign AFTER DELETE ON story_articles WHEN old.story_id IS NOT NULL BEGIN
    UPDATE story_facets SET n = n - d.k
    FROM (SELECT facet, count(*) AS k FROM article_facets WHERE article_id = old.article_id GROUP BY facet) AS d
    WHERE story_facets.facet = d.facet AND story_facets.story_id = old.story_id;
    DELETE FROM story_facets WHERE story_id = old.story_id AND n <= 0;
END;

CREATE TRIGGER story_facets_language AFTER UPDATE OF language ON articles
WHEN old.language IS NOT new.language BEGIN
    UPDATE story_facets SET n = n - 1
    WHERE facet = 'l:' || old.language
      AND story_id = (SELECT story_id FROM story_articles WHERE article_id = new.id);
    DELETE FROM story_facets
    WHERE facet = 'l:' || old.language AND n <= 0
      AND story_id = (SELECT story_id FROM story_articles WHERE article_id = new.id);
    INSERT INTO story_facets (facet, story_id, n)
    SELECT 'l:' || new.language, sa.story_id, 1 FROM story_articles sa
    WHERE sa.article_id = new.id AND sa.story_id IS NOT NULL AND new.language IS NOT NULL
    ON CONFLICT (facet, story_id) DO UPDATE SET n = n + 1;
END;

-- rows stored before this migration
INSERT INTO story_facets (facet, story_id, n)
SELECT f.facet, sa.story_id, count(*) FROM article_facets f JOIN story_articles sa ON sa.article_id = f.article_id
WHERE sa.story_id IS NOT NULL GROUP BY f.facet, sa.story_id;
