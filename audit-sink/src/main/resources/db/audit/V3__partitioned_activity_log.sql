-- The activity log partitioned by day (UTC) of occurred_at: retention drops whole partitions, never rows.
-- The unique key must contain the partition key, so idempotency is on (event_id, occurred_at): a redelivered event
-- carries the same envelope, hence the same pair, and lands in the same partition, where the key refuses it.
ALTER TABLE activity_log RENAME TO activity_log_unpartitioned;
ALTER INDEX activity_log_invitation RENAME TO activity_log_unpartitioned_invitation;
ALTER INDEX activity_log_workspace_time RENAME TO activity_log_unpartitioned_workspace_time;

-- Recording order: the tie-breaker of the report's keyset and the order in which the sealer chains rows.
CREATE SEQUENCE activity_log_seq;

CREATE TABLE activity_log (
    id            BIGINT      NOT NULL DEFAULT nextval('activity_log_seq'),
    event_id      UUID        NOT NULL,
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
    details       JSONB,
    invitation_id TEXT,
    recorded_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- tamper evidence, set by the sealer: the row's place in its workspace's chain, the hash of its content, the
    -- chain hash of the row before it and its own chain hash (sha256(prev_hash || content_hash))
    chain_seq     BIGINT,
    content_hash  BYTEA,
    prev_hash     BYTEA,
    chain_hash    BYTEA,
    PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

-- The report: a workspace's rows newest first, keyset on (occurred_at, id), ordered append across partitions.
CREATE INDEX activity_log_workspace_time ON activity_log (workspace_id, occurred_at DESC, id DESC);
CREATE INDEX activity_log_invitation ON activity_log (workspace_id, invitation_id) WHERE invitation_id IS NOT NULL;
-- The sealer's work list and the verifier's walk.
CREATE INDEX activity_log_unsealed ON activity_log (id) WHERE chain_seq IS NULL;
CREATE INDEX activity_log_chain ON activity_log (workspace_id, chain_seq) WHERE chain_seq IS NOT NULL;

-- One partition per UTC day, named activity_log_pYYYYMMDD; idempotent, so concurrent callers may race to create.
CREATE FUNCTION ensure_activity_partition(day DATE) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS audit.%I PARTITION OF audit.activity_log FOR VALUES FROM (%L) TO (%L)',
        'activity_log_p' || to_char(day, 'YYYYMMDD'),
        (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
END $$;

SELECT ensure_activity_partition(day)
FROM (SELECT DISTINCT (occurred_at AT TIME ZONE 'UTC')::date AS day FROM activity_log_unpartitioned) days;

INSERT INTO activity_log (event_id, workspace_id, occurred_at, type, action, account_id, subject, actor_kind,
        actor_id, client_ip, request_id, summary, invitation_id, recorded_at)
SELECT event_id, workspace_id, occurred_at, type, action, account_id, subject, actor_kind, actor_id, client_ip,
        request_id, summary, invitation_id, recorded_at
FROM activity_log_unpartitioned ORDER BY id;

DROP TABLE activity_log_unpartitioned;

-- What audit-sink knows of each workspace from roster.workspaces: its local dates are in time_zone.
CREATE TABLE workspace (
    workspace_id TEXT PRIMARY KEY,
    name         TEXT        NOT NULL,
    time_zone    TEXT        NOT NULL,
    facts        JSONB       NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- The head of each workspace's chain: the last sealed row. Every export names it.
CREATE TABLE chain_head (
    workspace_id TEXT PRIMARY KEY,
    chain_seq    BIGINT NOT NULL,
    chain_hash   BYTEA  NOT NULL
);
