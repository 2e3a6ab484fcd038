-- A failure recorded one at a time waits outside the HNSW graph: its vector goes to pending_embedding (not indexed by
-- the graph), and searches rank the pending rows exactly beside the graph's answer. A background step of the memory
-- moves pending vectors into embedding in small batches, which links them into the graph. Linking a new element into
-- a graph of a million is about 10 ms of neighbour-list work (docs/benchmarks.md), which a write then does not wait
-- for. Exactly one of embedding and pending_embedding holds a failure's vector.
ALTER TABLE failures ADD COLUMN pending_embedding halfvec(${dimension});

-- The pending rows, oldest first, for the linker and the exact part of a search; few at any time.
CREATE INDEX failures_pending ON failures (recorded_at) WHERE pending_embedding IS NOT NULL;
