-- invite-service owns this schema; no other service reads it.

CREATE TABLE workspace (
    id             TEXT PRIMARY KEY,
    name           TEXT        NOT NULL,
    plan           TEXT        NOT NULL CHECK (plan IN ('TRIAL', 'STANDARD')),
    licence_count  INTEGER     NOT NULL CHECK (licence_count >= 0),
    time_zone      TEXT        NOT NULL DEFAULT 'UTC',
    applications   TEXT[]      NOT NULL DEFAULT '{}',
    tfa_modes      TEXT[]      NOT NULL DEFAULT '{}',
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE account (
    id                            UUID PRIMARY KEY,
    workspace_id                  TEXT        NOT NULL REFERENCES workspace (id),
    type                          TEXT        NOT NULL CHECK (type IN ('USER', 'CONTACT')),
    login                         TEXT,
    email                         TEXT        NOT NULL,
    first_name                    TEXT        NOT NULL,
    last_name                     TEXT        NOT NULL,
    status                        TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE', 'CLOSED')),
    mail_language                 TEXT        NOT NULL,
    share_space_max               TEXT,
    share_space_max_bytes         BIGINT,
    save_space_max                TEXT,
    save_space_max_bytes          BIGINT,
    visibility_scope              TEXT        NOT NULL,
    modification_prevention       BOOLEAN     NOT NULL DEFAULT false,
    company                       TEXT,
    company_department            TEXT,
    function                      TEXT,
    tfa                           TEXT        NOT NULL DEFAULT 'NONE',
    city                          TEXT,
    address                       TEXT,
    zipcode                       TEXT,
    country                       TEXT,
    phone                         TEXT,
    biography                     TEXT,
    suspension_at                 TIMESTAMPTZ,
    creation_notification         BOOLEAN     NOT NULL,
    expiration_mode               TEXT        NOT NULL DEFAULT 'DEFAULT',
    restricted_rights             BOOLEAN     NOT NULL DEFAULT false,
    prevent_automatic_suspension  BOOLEAN     NOT NULL DEFAULT false,
    admin                         BOOLEAN     NOT NULL DEFAULT false,
    permission                    TEXT,
    buckets                       TEXT[]      NOT NULL DEFAULT '{}',
    owner_id                      UUID REFERENCES account (id),
    created_at                    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at                    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (type = 'CONTACT' OR login IS NOT NULL),
    CHECK (type = 'USER' OR (owner_id IS NOT NULL AND status <> 'INACTIVE'))
);
CREATE UNIQUE INDEX account_login_unique ON account (workspace_id, lower(login)) WHERE login IS NOT NULL;
CREATE UNIQUE INDEX account_email_unique ON account (workspace_id, lower(email));
CREATE INDEX account_workspace_status ON account (workspace_id, type, status);

-- Idempotency of commands: a request id is handled once per workspace, whatever its transport.
CREATE TABLE account_request (
    workspace_id  TEXT        NOT NULL,
    request_id    TEXT        NOT NULL,
    type          TEXT        NOT NULL,
    outcome       TEXT        NOT NULL CHECK (outcome IN ('ACCEPTED', 'REJECTED')),
    account_id    UUID,
    handled_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, request_id)
);

-- Mails to send, one per triggering event: written when the event is consumed, sent and retried by MailSenderJob.
CREATE TABLE mail_delivery (
    event_id         UUID PRIMARY KEY,
    workspace_id     TEXT        NOT NULL,
    kind             TEXT        NOT NULL,
    recipient        TEXT        NOT NULL,
    subject          TEXT        NOT NULL,
    body             TEXT        NOT NULL,
    attempts         INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error       TEXT,
    sent_at          TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX mail_delivery_due ON mail_delivery (next_attempt_at) WHERE sent_at IS NULL;
