-- Let the full-text entries of one whole batch (a transaction of store.batch_size articles)
-- build up in memory and reach the index as one FTS5 segment. With the default 1 MB, a batch
-- of 1,000 news articles is flushed as several small segments that FTS5 then merges again;
-- 8 MB holds a batch of about 3,000 articles of average length (``newsdesk bench ingest``:
-- docs/benchmarks.md). The setting is kept in the index's own config table.
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 8388608);
