-- import-worker owns this schema: one row per uploaded file, with its progress and its per-cell errors.
CREATE TABLE import_job (
    id              UUID PRIMARY KEY,
    workspace_id    TEXT        NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('USERS', 'CONTACTS')),
    file_name       TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    rows_read       BIGINT      NOT NULL DEFAULT 0,
    rows_accepted   BIGINT      NOT NULL DEFAULT 0,
    rows_rejected   BIGINT      NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ
);

CREATE TABLE import_cell_error (
    job_id   UUID    NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    row_no   BIGINT  NOT NULL,
    col      TEXT,
    code     TEXT    NOT NULL,
    message  TEXT    NOT NULL
);
CREATE INDEX import_cell_error_job ON import_cell_error (job_id, row_no);
