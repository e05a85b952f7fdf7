-- Admin access keys as announced by invite-service on roster.access-keys (issued, revoked): audit-sink checks
-- the keys of its own endpoints against this copy. Only the SHA-256 of each secret is known here.
CREATE TABLE access_key (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    secret_sha256  BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ
);

-- Invitation entries name the invitee's address. The acceptance links the invitation to the account created, so
-- that the account's deletion also erases the address from the entries of its invitation.
ALTER TABLE activity_log ADD COLUMN invitation_id TEXT;
CREATE INDEX activity_log_invitation ON activity_log (workspace_id, invitation_id) WHERE invitation_id IS NOT NULL;

-- invitation -> account, from invitation.changed.v1 ACCEPTED. After the account's deletion account_id is cleared
-- and pseudonymous_id set: an entry of that invitation arriving late is pseudonymised as it is recorded.
CREATE TABLE invitation_account (
    workspace_id     TEXT NOT NULL,
    invitation_id    TEXT NOT NULL,
    account_id       TEXT,
    pseudonymous_id  TEXT,
    PRIMARY KEY (workspace_id, invitation_id)
);
CREATE INDEX invitation_account_account ON invitation_account (workspace_id, account_id);
