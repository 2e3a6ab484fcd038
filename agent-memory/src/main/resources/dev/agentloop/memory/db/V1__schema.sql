-- The failure memory's schema. ${dimension} is the configured embedding model's vector length; the model's name and
-- dimension are recorded in memory_settings, and starting with another model is refused until `agent memory reembed`.
-- Every id is chosen by the caller, so a write replayed from the spool file lands once (ON CONFLICT DO NOTHING).

CREATE TABLE memory_settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE tasks (
    id           uuid PRIMARY KEY,
    text         text        NOT NULL,
    language     text        NOT NULL,
    project_type text        NOT NULL,
    project      text        NOT NULL DEFAULT '',
    status       text        NOT NULL DEFAULT 'RUNNING',
    reason       text        NOT NULL DEFAULT '',
    iterations   integer     NOT NULL DEFAULT 0,
    tokens       bigint      NOT NULL DEFAULT 0,
    cost         double precision NOT NULL DEFAULT 0,
    duration_ms  bigint      NOT NULL DEFAULT 0,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz
);
-- agent history: newest first, optionally by status
CREATE INDEX tasks_started_idx ON tasks (started_at DESC, id);
CREATE INDEX tasks_status_started_idx ON tasks (status, started_at DESC);

CREATE TABLE iterations (
    task_id      uuid        NOT NULL,
    number       integer     NOT NULL,
    outcome      text        NOT NULL,
    tests_passed integer     NOT NULL,
    tests_total  integer     NOT NULL,
    diff         text        NOT NULL,
    summary      text        NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL,
    PRIMARY KEY (task_id, number)
);

-- Per iteration: time and tokens per phase (JSON objects keyed by phase), and the test pass rate.
CREATE TABLE metrics (
    task_id         uuid    NOT NULL,
    iteration       integer NOT NULL,
    phase_durations jsonb   NOT NULL,
    phase_tokens    jsonb   NOT NULL,
    total_tokens    bigint  NOT NULL,
    test_pass_rate  double precision NOT NULL,
    PRIMARY KEY (task_id, iteration)
);

CREATE TABLE failures (
    id             uuid PRIMARY KEY,
    task_id        uuid        NOT NULL,
    iteration      integer     NOT NULL,
    signature      text        NOT NULL,
    error_type     text        NOT NULL,
    message        text        NOT NULL,
    failing_test   text        NOT NULL,
    language       text        NOT NULL,
    project        text        NOT NULL,
    task_text      text        NOT NULL,
    code_excerpt   text        NOT NULL,
    output_excerpt text        NOT NULL,
    embedded_text  text        NOT NULL,
    embedding      vector(${dimension}),
    -- the words full-text search matches on (error type, message, error lines, assertion words)
    lexical_text   text        NOT NULL,
    search_vector  tsvector GENERATED ALWAYS AS (to_tsvector('simple', lexical_text)) STORED,
    -- the shapes of the lines this failure's fix removed; filled when the fix is recorded
    fix_patterns   text[]      NOT NULL DEFAULT '{}',
    recorded_at    timestamptz NOT NULL
);
-- HNSW, created here on the empty table and maintained on insert: unlike IVFFlat it needs no training data, so
-- recall does not depend on what the table held when the index was built.
CREATE INDEX failures_embedding_hnsw ON failures USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
CREATE INDEX failures_search_gin ON failures USING gin (search_vector);
CREATE INDEX failures_fix_patterns_gin ON failures USING gin (fix_patterns);
CREATE INDEX failures_task_idx ON failures (task_id, iteration);
CREATE INDEX failures_language_project_idx ON failures (language, project);
CREATE INDEX failures_signature_idx ON failures (signature);

CREATE TABLE fixes (
    failure_id      uuid PRIMARY KEY,
    task_id         uuid        NOT NULL,
    passed_iteration integer    NOT NULL,
    diff            text        NOT NULL,
    verified        boolean     NOT NULL,
    recorded_at     timestamptz NOT NULL
);
CREATE INDEX fixes_task_idx ON fixes (task_id);

-- Which past failures were handed to which run: the usefulness statistics are counted from here and tasks.status.
CREATE TABLE retrievals (
    task_id    uuid    NOT NULL,
    iteration  integer NOT NULL,
    failure_id uuid    NOT NULL,
    similarity double precision NOT NULL,
    PRIMARY KEY (task_id, iteration, failure_id)
);
CREATE INDEX retrievals_failure_idx ON retrievals (failure_id);

CREATE TABLE patterns (
    id           uuid PRIMARY KEY,
    task_id      uuid        NOT NULL,
    task_text    text        NOT NULL,
    language     text        NOT NULL,
    project_type text        NOT NULL,
    approach     text        NOT NULL,
    iterations   integer     NOT NULL,
    embedding    vector(${dimension}),
    recorded_at  timestamptz NOT NULL
);
CREATE INDEX patterns_embedding_hnsw ON patterns USING hnsw (embedding vector_cosine_ops);

CREATE TABLE approvals (
    id         uuid PRIMARY KEY,
    task_id    uuid        NOT NULL,
    iteration  integer     NOT NULL,
    kind       text        NOT NULL,
    subject    text        NOT NULL,
    reason     text        NOT NULL,
    approved   boolean     NOT NULL,
    decided_by text        NOT NULL,
    note       text        NOT NULL,
    decided_at timestamptz NOT NULL
);
CREATE INDEX approvals_task_idx ON approvals (task_id, decided_at);
