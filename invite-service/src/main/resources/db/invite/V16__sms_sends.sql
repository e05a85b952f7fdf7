-- Every SMS sign-in code handed to the SMS sender, counted per account and per workspace for the rate limits
-- (roster.invite.sms.*): in PostgreSQL, so every instance counts the same sends. Rows older than the longest
-- window are deleted as new ones come.
CREATE TABLE sms_send (
    id            BIGSERIAL PRIMARY KEY,
    workspace_id  TEXT        NOT NULL REFERENCES workspace (id),
    account_id    UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    sent_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sms_send_workspace ON sms_send (workspace_id, sent_at);
CREATE INDEX sms_send_account ON sms_send (account_id, sent_at);
