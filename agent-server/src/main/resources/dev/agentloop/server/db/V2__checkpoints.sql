-- Where each task's run stood after its last failed iteration, so that an attempt taking the task over goes on from
-- there: one row per task, written only by the attempt that owns the task.
CREATE TABLE server_task_checkpoints (
    task_id   uuid        PRIMARY KEY REFERENCES server_tasks (id) ON DELETE CASCADE,
    attempt   int         NOT NULL,
    iteration int         NOT NULL,
    at        timestamptz NOT NULL,
    data      jsonb       NOT NULL
);
