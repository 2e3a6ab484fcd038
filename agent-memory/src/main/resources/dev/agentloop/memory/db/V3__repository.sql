-- Repository mode: the existing project a task worked on, the branch and patch a solved run handed back, and per
-- failure the project it happened in and the files involved. repository_name is NULL outside a repository (a new
-- module); location and remote are stored without credentials.
ALTER TABLE tasks
    ADD COLUMN repository_name        text,
    ADD COLUMN repository_location    text NOT NULL DEFAULT '',
    ADD COLUMN repository_remote      text NOT NULL DEFAULT '',
    ADD COLUMN repository_base_ref    text NOT NULL DEFAULT '',
    ADD COLUMN repository_base_commit text NOT NULL DEFAULT '';

-- One row per solved task on an existing project. The patch is bounded (64 KiB, cut at a line end); the whole one is
-- on the branch and in patch_file.
CREATE TABLE handoffs (
    task_id         uuid PRIMARY KEY,
    branch          text    NOT NULL,
    commit_id       text    NOT NULL,
    patch_file      text    NOT NULL,
    patch           text    NOT NULL,
    patch_truncated boolean NOT NULL,
    files           text[]  NOT NULL,
    diff_stat       text    NOT NULL
);

ALTER TABLE failures
    ADD COLUMN repository_name        text,
    ADD COLUMN repository_location    text   NOT NULL DEFAULT '',
    ADD COLUMN repository_remote      text   NOT NULL DEFAULT '',
    ADD COLUMN repository_base_ref    text   NOT NULL DEFAULT '',
    ADD COLUMN repository_base_commit text   NOT NULL DEFAULT '',
    ADD COLUMN files                  text[] NOT NULL DEFAULT '{}';
-- Retrieval brings up the nearest failures of the preferred repository as candidates of their own.
CREATE INDEX failures_repository_idx ON failures (repository_name) WHERE repository_name IS NOT NULL;
