-- A service's copy of the admin access keys, as announced by invite-service on roster.access-keys (issued,
-- revoked), in the schema of the service that keeps it (admin-access's AccessKeyReplica). Only the SHA-256 of each
-- secret is known here. Repeatable and idempotent: it runs after the service's own migrations, and audit-sink's
-- V2 created this very table before the replica moved into this module.
-- Where the table exists, PostgreSQL's notice would show as a warning in the service's log: not worth one.
SET LOCAL client_min_messages = warning;

CREATE TABLE IF NOT EXISTS access_key (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    secret_sha256  BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ
);
