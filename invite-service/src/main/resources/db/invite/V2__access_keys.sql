-- Workspace admins authenticate with access keys: "<id>.<secret>". Only the SHA-256 of the 256-bit random
-- secret is stored (a fast hash is right for a high-entropy secret; passwords get a slow one).
CREATE TABLE access_key (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT        NOT NULL REFERENCES workspace (id),
    name           TEXT        NOT NULL,
    secret_sha256  BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at     TIMESTAMPTZ
);
CREATE INDEX access_key_workspace ON access_key (workspace_id);
