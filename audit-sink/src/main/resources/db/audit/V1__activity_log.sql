-- audit-sink owns this schema. One row per event: the event id is the idempotency key.
CREATE TABLE activity_log (
    id            BIGSERIAL PRIMARY KEY,
    event_id      UUID        NOT NULL UNIQUE,
    workspace_id  TEXT        NOT NULL,
    occurred_at   TIMESTAMPTZ NOT NULL,
    type          TEXT        NOT NULL,
    action        TEXT        NOT NULL,
    account_id    TEXT,
    subject       TEXT,
    actor_kind    TEXT,
    actor_id      TEXT,
    client_ip     TEXT,
    request_id    TEXT        NOT NULL,
    summary       TEXT        NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX activity_log_workspace_time ON activity_log (workspace_id, occurred_at DESC);
