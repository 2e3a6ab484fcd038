-- Approvals asked from outside the server's own runs (a supervised merge of agent issue / agent watch): they belong
-- to no task of the queue, so their task is optional.
ALTER TABLE server_approvals ALTER COLUMN task_id DROP NOT NULL;
