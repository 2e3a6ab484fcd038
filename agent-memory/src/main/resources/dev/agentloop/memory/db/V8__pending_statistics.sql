-- Statistics for the column V7 added. Until ANALYZE has seen that almost every row's pending_embedding is NULL, the
-- planner takes "pending_embedding IS NOT NULL" for most of the table and ranks the pending failures with a scan of
-- every row instead of their partial index: 0.7 s for each search of a million failures, measured. Autovacuum would
-- gather them only after a tenth of the table has changed.
ANALYZE failures;
