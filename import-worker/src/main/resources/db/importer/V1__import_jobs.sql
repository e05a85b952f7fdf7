-- import-worker owns this schema: the uploaded files, the jobs reading them, their rows and per-cell errors, and the
-- service's own copies of what it checks rows against (accounts from roster.account.events, workspace facts).

CREATE TABLE import_job (
    id               UUID PRIMARY KEY,
    workspace_id     TEXT        NOT NULL,
    template         TEXT        NOT NULL CHECK (template IN ('USERS', 'CONTACTS')),
    mode             TEXT        NOT NULL CHECK (mode IN ('DRY_RUN', 'IMPORT')),
    atomic           BOOLEAN     NOT NULL,
    file_name        TEXT        NOT NULL,
    file_size        BIGINT      NOT NULL,
    actor_id         TEXT,
    client_ip        TEXT,
    phase            TEXT        NOT NULL CHECK (phase IN ('READING', 'CHECKING', 'APPLYING', 'AWAITING_OUTCOMES',
                                                           'COMPLETED', 'FAILED')),
    -- reading checkpoint: rows the file reader has returned (a resumed reader skips that many)
    rows_consumed    BIGINT      NOT NULL DEFAULT 0,
    bytes_read       BIGINT      NOT NULL DEFAULT 0,
    rows_read        BIGINT      NOT NULL DEFAULT 0,
    rows_valid       BIGINT      NOT NULL DEFAULT 0,
    rows_invalid     BIGINT      NOT NULL DEFAULT 0,
    -- applying checkpoint: the last row whose command is in the outbox
    applied_through  BIGINT      NOT NULL DEFAULT 0,
    rows_applied     BIGINT      NOT NULL DEFAULT 0,
    accounts_created BIGINT      NOT NULL DEFAULT 0,
    rows_failed      BIGINT      NOT NULL DEFAULT 0,
    warnings         JSONB       NOT NULL DEFAULT '[]',
    error_code       TEXT,
    error_message    TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    -- the worker instance holding the job for one slice, until lease_until; a dead one's lease runs out
    lease_owner      TEXT,
    lease_until      TIMESTAMPTZ,
    -- round robin: the job served longest ago is claimed first
    last_served_at   TIMESTAMPTZ
);
CREATE INDEX import_job_workspace ON import_job (workspace_id, created_at DESC);
CREATE INDEX import_job_active ON import_job (last_served_at NULLS FIRST)
    WHERE phase NOT IN ('COMPLETED', 'FAILED');

-- The uploaded file in 1 MB chunks: any instance can read it back; it lives and dies with its job, in this schema
-- (large objects would sit in the cluster-wide pg_largeobject, outside the schema, and need unlinking by hand).
CREATE TABLE import_file_chunk (
    job_id UUID    NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    seq    INT     NOT NULL,
    data   BYTEA   NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- One row per data row of the file: its keys for the set-wise checks, its cells as typed (the command is built
-- from them when applied; the error workbook shows them), and where it stands.
CREATE TABLE import_row (
    job_id        UUID    NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    row_no        BIGINT  NOT NULL,
    request_id    UUID    NOT NULL,
    login         TEXT,
    email         TEXT,
    owner_login   TEXT,
    owner_first   TEXT,
    owner_last    TEXT,
    takes_licence BOOLEAN NOT NULL,
    cells         JSONB   NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('VALID', 'INVALID', 'APPLIED', 'CREATED', 'REJECTED')),
    PRIMARY KEY (job_id, row_no)
);
CREATE UNIQUE INDEX import_row_request ON import_row (request_id);

CREATE TABLE import_error (
    job_id   UUID    NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    row_no   BIGINT  NOT NULL,
    seq      BIGSERIAL,
    col      TEXT,
    value    TEXT,
    code     TEXT    NOT NULL,
    message  TEXT    NOT NULL
);
CREATE INDEX import_error_job ON import_error (job_id, row_no, seq);

-- import-worker's projection of each workspace's accounts, from roster.account.events.
CREATE TABLE known_account (
    workspace_id TEXT NOT NULL,
    account_id   TEXT NOT NULL,
    type         TEXT NOT NULL,
    login        TEXT,
    email        TEXT,
    first_name   TEXT,
    last_name    TEXT,
    status       TEXT NOT NULL,
    PRIMARY KEY (workspace_id, account_id)
);
CREATE INDEX known_account_login ON known_account (workspace_id, login);
CREATE INDEX known_account_email ON known_account (workspace_id, email);

-- The latest workspace.facts.v1 of each workspace, from the compacted roster.workspaces.
CREATE TABLE workspace_facts (
    workspace_id TEXT PRIMARY KEY,
    envelope     TEXT NOT NULL
);
