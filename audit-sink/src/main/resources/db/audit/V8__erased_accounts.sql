-- The accounts whose deletion was recorded, by the SHA-256 of their workspace and id (ErasedAccounts): an event of
-- such an account recorded later — from another partition, or while the erasure ran — is pseudonymised as it is
-- recorded, as the erasure pseudonymised the account's entries. The id itself is not kept, as in invitation_account.
CREATE TABLE erased_account (
    workspace_id     TEXT        NOT NULL,
    account_sha256   BYTEA       NOT NULL,
    pseudonymous_id  TEXT        NOT NULL,
    erased_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, account_sha256)
);
