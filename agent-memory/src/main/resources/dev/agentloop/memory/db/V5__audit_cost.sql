-- What an audited action cost (a run of an issue's task: its model calls), so that a daily cost cap can be read
-- from the trail; 0 for the actions that cost nothing.
ALTER TABLE audit ADD COLUMN cost double precision NOT NULL DEFAULT 0;
