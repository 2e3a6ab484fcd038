-- Vectors in half precision (pgvector's halfvec): half the bytes per row and per index entry, so the HNSW graph of a
-- million failures fits the memory it is built and searched in; recall and the failbench ranking are unchanged (see
-- docs/benchmarks.md). The graph also gets the build parameters measured for a million rows.
--
-- Rewriting the column drops its index. On a small memory the index is rebuilt here; on a large one (over 100,000
-- rows) a migration run at start-up would hold the tables for many minutes with whatever maintenance_work_mem the
-- session has, so it is left to `agent memory reindex`, which gives the build enough memory and workers and shows its
-- progress. Until then searches scan exactly (correct, slower), and `agent doctor` says the index is missing.
DROP INDEX IF EXISTS failures_embedding_hnsw;
DROP INDEX IF EXISTS patterns_embedding_hnsw;
ALTER TABLE failures ALTER COLUMN embedding TYPE halfvec(${dimension}) USING embedding::halfvec(${dimension});
ALTER TABLE patterns ALTER COLUMN embedding TYPE halfvec(${dimension}) USING embedding::halfvec(${dimension});

-- The graph of 100,000 half-precision vectors takes about 160 MB while it is built; a build that does not fit goes to
-- disk and takes many times longer (PostgreSQL's default is 64 MB). For this transaction only.
SET LOCAL maintenance_work_mem = '256MB';

DO $$
BEGIN
    IF (SELECT count(*) FROM failures) <= 100000 THEN
        CREATE INDEX failures_embedding_hnsw ON failures
            USING hnsw (embedding halfvec_cosine_ops) WITH (m = 16, ef_construction = 128);
    END IF;
    IF (SELECT count(*) FROM patterns) <= 100000 THEN
        CREATE INDEX patterns_embedding_hnsw ON patterns
            USING hnsw (embedding halfvec_cosine_ops) WITH (m = 16, ef_construction = 128);
    END IF;
END
$$;
