-- Run once on first start by the postgres service of docker-compose.yml
-- (the agentloop/pgvector image does the same in its entrypoint):
-- the failure memory needs pgvector in database "agent".
CREATE EXTENSION IF NOT EXISTS vector;
