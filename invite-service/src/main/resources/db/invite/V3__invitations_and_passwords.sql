-- Invitations: only the SHA-256 of the activation token (>= 128 random bits) is stored.
CREATE TABLE invitation (
    id                   UUID PRIMARY KEY,
    workspace_id         TEXT        NOT NULL REFERENCES workspace (id),
    email                TEXT        NOT NULL,
    admin                BOOLEAN     NOT NULL DEFAULT false,
    permission           TEXT        NOT NULL,
    buckets              TEXT[]      NOT NULL DEFAULT '{}',
    mail_language        TEXT        NOT NULL,
    status               TEXT        NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'CANCELLED')),
    token_sha256         BYTEA       NOT NULL UNIQUE,
    expires_at           TIMESTAMPTZ NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_sent_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    send_count           INTEGER     NOT NULL DEFAULT 1,
    accepted_account_id  UUID,
    closed_at            TIMESTAMPTZ,
    request_id           TEXT        NOT NULL
);
-- One pending invitation per address and workspace: two identical invitations at the same moment cannot both win.
CREATE UNIQUE INDEX invitation_one_pending ON invitation (workspace_id, lower(email)) WHERE status = 'PENDING';
CREATE INDEX invitation_workspace_status ON invitation (workspace_id, status);

ALTER TABLE account ADD COLUMN password_hash TEXT;
