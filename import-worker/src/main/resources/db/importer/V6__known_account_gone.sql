-- The accounts deleted, so that a creation delivered again after its account's deletion (a poll redelivered after a
-- crash before its offsets were committed, or a relay's duplicate) can not bring the account back: creations no
-- longer pass through the inbox (they are idempotent by account id and by their row's state), while the deletion,
-- which does, would be skipped when delivered again behind them. A row per deleted account; account ids are never
-- reused.
CREATE TABLE known_account_gone (
    workspace_id TEXT NOT NULL,
    account_id   TEXT NOT NULL,
    PRIMARY KEY (workspace_id, account_id)
);
