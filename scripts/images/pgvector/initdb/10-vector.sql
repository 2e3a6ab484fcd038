-- Run once on first start by the postgres service of docker-compose.yml and
-- by the entrypoint of the agentloop/pgvector image:
-- the failure memory needs pgvector in database "agent".
CREATE EXTENSION IF NOT EXISTS vector;
