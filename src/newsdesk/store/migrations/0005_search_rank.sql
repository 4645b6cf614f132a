-- The full-text index ranks by BM25 with titles weighing five times the text, as
-- ``Store.search`` does, so that ``ORDER BY rank`` lets FTS5 sort inside the index (faster than
-- calling bm25() per row from SQL).
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');
