-- One indexed row per pending transition, swept by one clustered Quartz job, replaces one Quartz trigger per account
-- (which did not scale past tens of thousands of accounts).

-- What the scheduler knows of each account: the state the rules need, and the version (occurredAt) of the latest
-- event applied, so that an older event arriving late changes nothing. A deleted account stays as a tombstone.
ALTER TABLE account_schedule ADD COLUMN status TEXT NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE account_schedule ADD COLUMN version TIMESTAMPTZ;
UPDATE account_schedule SET version = updated_at;
ALTER TABLE account_schedule ALTER COLUMN version SET NOT NULL;
ALTER TABLE account_schedule ALTER COLUMN status DROP DEFAULT;
ALTER TABLE account_schedule DROP COLUMN updated_at;

-- The pending transitions: at most one of each kind per subject (an account, or an invitation).
CREATE TABLE due_transition (
    id            BIGSERIAL   PRIMARY KEY,
    workspace_id  TEXT        NOT NULL,
    subject_id    TEXT        NOT NULL,
    kind          TEXT        NOT NULL,
    due_at        TIMESTAMPTZ NOT NULL,
    version       TIMESTAMPTZ NOT NULL,
    UNIQUE (workspace_id, subject_id, kind)
);
-- The sweep claims the earliest due rows; the schedule endpoint lists one workspace's rows by due time.
CREATE INDEX due_transition_due ON due_transition (due_at);
CREATE INDEX due_transition_workspace ON due_transition (workspace_id, due_at, id);

-- The suspension dates the per-account triggers were holding become due rows; the triggers and their jobs go.
INSERT INTO due_transition (workspace_id, subject_id, kind, due_at, version)
SELECT workspace_id, account_id, 'SUSPENSION_DATE', suspension_at, version
FROM account_schedule WHERE suspension_at IS NOT NULL;

DELETE FROM qrtz_simple_triggers WHERE trigger_group = 'suspension';
DELETE FROM qrtz_cron_triggers WHERE trigger_group = 'suspension';
DELETE FROM qrtz_simprop_triggers WHERE trigger_group = 'suspension';
DELETE FROM qrtz_blob_triggers WHERE trigger_group = 'suspension';
DELETE FROM qrtz_fired_triggers WHERE trigger_group = 'suspension';
DELETE FROM qrtz_triggers WHERE trigger_group = 'suspension';
DELETE FROM qrtz_job_details WHERE job_group = 'suspension';

-- What the scheduler knows of each workspace (workspace.facts.v1): its time zone, to show due times locally.
CREATE TABLE workspace_zone (
    workspace_id  TEXT        PRIMARY KEY,
    time_zone     TEXT        NOT NULL,
    version       TIMESTAMPTZ NOT NULL
);
