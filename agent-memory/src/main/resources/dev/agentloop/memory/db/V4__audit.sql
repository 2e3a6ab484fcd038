-- Every action taken outside the sandbox (issue read, claim, push, pull request, comment, merge, policy decision):
-- who, what, when, the result. Never a secret: detail holds URLs, reasons and error sentences.
CREATE TABLE audit (
    id         bigserial   PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor      text        NOT NULL,
    action     text        NOT NULL,
    repository text        NOT NULL,
    target     text        NOT NULL,
    result     text        NOT NULL,
    detail     text        NOT NULL
);

CREATE INDEX audit_repository_at ON audit (repository, at);
CREATE INDEX audit_done ON audit (repository, action, target) WHERE result = 'OK';
