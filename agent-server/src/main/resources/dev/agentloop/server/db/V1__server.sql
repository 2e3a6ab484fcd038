-- The task service's tables, in the memory's schema (Flyway history: agentloop_server_schema_history).

-- One row per submitted task; status moves queued -> running -> solved|stopped|failed|cancelled.
CREATE TABLE server_tasks (
    id               uuid PRIMARY KEY,
    status           text        NOT NULL,
    title            text        NOT NULL,
    language         text        NOT NULL,
    submission       jsonb       NOT NULL,
    submitted_by     text        NOT NULL,
    submitted_at     timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    worker           text,
    attempt          int         NOT NULL DEFAULT 0,
    cancel_requested boolean     NOT NULL DEFAULT false,
    iterations       int         NOT NULL DEFAULT 0,
    tokens           bigint      NOT NULL DEFAULT 0,
    cost             double precision NOT NULL DEFAULT 0,
    reason           text,
    detail           text,
    result           jsonb
);
CREATE INDEX server_tasks_status_idx ON server_tasks (status, submitted_at);
CREATE INDEX server_tasks_submitted_idx ON server_tasks (submitted_at DESC);
CREATE INDEX server_tasks_finished_idx ON server_tasks (finished_at) WHERE finished_at IS NOT NULL;

-- One row per attempt: who ran it, from when to when (a killed worker's attempt never gets ended_at).
CREATE TABLE server_task_runs (
    task_id    uuid        NOT NULL REFERENCES server_tasks (id) ON DELETE CASCADE,
    attempt    int         NOT NULL,
    worker     text        NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz,
    status     text,
    PRIMARY KEY (task_id, attempt)
);

-- The runs' typed events, numbered per task from 1: the ids of the live event stream.
CREATE TABLE server_task_events (
    task_id uuid        NOT NULL REFERENCES server_tasks (id) ON DELETE CASCADE,
    seq     bigint      NOT NULL,
    attempt int         NOT NULL,
    type    text        NOT NULL,
    at      timestamptz NOT NULL,
    data    jsonb       NOT NULL,
    PRIMARY KEY (task_id, seq)
);

-- Questions a run waits on (dependencies, risky commands, phases in manual mode).
CREATE TABLE server_approvals (
    id           uuid PRIMARY KEY,
    task_id      uuid        NOT NULL REFERENCES server_tasks (id) ON DELETE CASCADE,
    kind         text        NOT NULL,
    subject      text        NOT NULL,
    reason       text        NOT NULL,
    status       text        NOT NULL,
    requested_at timestamptz NOT NULL,
    decided_at   timestamptz,
    decided_by   text,
    note         text
);
CREATE INDEX server_approvals_pending_idx ON server_approvals (requested_at) WHERE status = 'pending';

-- Who submitted, cancelled, approved or denied what (the token's name, never the token).
CREATE TABLE server_audit (
    id      bigserial PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text        NOT NULL,
    action  text        NOT NULL,
    task_id uuid,
    detail  text        NOT NULL
);

-- db-scheduler's executions (its documented PostgreSQL table for the 16.x line).
CREATE TABLE server_jobs (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX server_jobs_execution_time_idx ON server_jobs (execution_time);
CREATE INDEX server_jobs_last_heartbeat_idx ON server_jobs (last_heartbeat);
CREATE INDEX server_jobs_priority_execution_time_idx ON server_jobs (priority DESC, execution_time ASC);
