-- Sessions: opaque tokens of which only the SHA-256 is stored.
CREATE TABLE session (
    id            UUID PRIMARY KEY,
    token_sha256  BYTEA       NOT NULL UNIQUE,
    workspace_id  TEXT        NOT NULL REFERENCES workspace (id),
    account_id    UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    client_ip     TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at      TIMESTAMPTZ,
    end_reason    TEXT
);
CREATE INDEX session_open_by_account ON session (account_id) WHERE ended_at IS NULL;

-- Repeated failed sign-ins lock a login for a while.
CREATE TABLE sign_in_lock (
    workspace_id  TEXT        NOT NULL,
    login         TEXT        NOT NULL,
    failures      INTEGER     NOT NULL DEFAULT 0,
    locked_until  TIMESTAMPTZ,
    PRIMARY KEY (workspace_id, login)
);

-- Session control: each account's own settings, and the workspace policy over them.
ALTER TABLE account ADD COLUMN idle_timeout_minutes INTEGER CHECK (idle_timeout_minutes BETWEEN 1 AND 1440);
ALTER TABLE account ADD COLUMN concurrent_sessions BOOLEAN;
ALTER TABLE workspace ADD COLUMN idle_timeout_policy TEXT NOT NULL DEFAULT 'USERS_CHOOSE'
    CHECK (idle_timeout_policy IN ('USERS_CHOOSE', 'WORKSPACE_SETS'));
ALTER TABLE workspace ADD COLUMN idle_timeout_minutes INTEGER NOT NULL DEFAULT 30
    CHECK (idle_timeout_minutes BETWEEN 1 AND 1440);
ALTER TABLE workspace ADD COLUMN concurrent_sessions BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE workspace ADD COLUMN users_may_change_concurrent_sessions BOOLEAN NOT NULL DEFAULT false;
