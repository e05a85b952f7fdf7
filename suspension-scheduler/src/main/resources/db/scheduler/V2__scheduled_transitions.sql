-- What the scheduler knows of each account's dates, from account events; Quartz triggers are derived from it.
CREATE TABLE account_schedule (
    workspace_id                  TEXT        NOT NULL,
    account_id                    TEXT        NOT NULL,
    suspension_at                 TIMESTAMPTZ,
    expiration_mode               TEXT        NOT NULL DEFAULT 'DEFAULT',
    prevent_automatic_suspension  BOOLEAN     NOT NULL DEFAULT false,
    updated_at                    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, account_id)
);
