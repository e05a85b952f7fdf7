-- The chain moves out of the activity rows into a narrow table of its own: the sealer used to UPDATE every wide row
-- once more (a second full row version: twice the WAL of the COPY, dead tuples, four index entries, never HOT since
-- chain_seq was indexed). It now INSERTs one narrow row per entry. Partitioned by the same UTC days as the log, so
-- retention drops a day's chain rows with the day's entries.
CREATE TABLE activity_chain (
    event_id      UUID        NOT NULL,
    occurred_at   TIMESTAMPTZ NOT NULL,
    workspace_id  TEXT        NOT NULL,
    -- the entry's place in its workspace's chain, the hash of its content, the chain hash of the entry before it
    -- and its own chain hash (sha256(prev_hash || content_hash))
    chain_seq     BIGINT      NOT NULL,
    content_hash  BYTEA       NOT NULL,
    prev_hash     BYTEA       NOT NULL,
    chain_hash    BYTEA       NOT NULL,
    -- time first: entries arrive about in time order, so the key grows at its right edge instead of at a random
    -- leaf per row (a random UUID first)
    PRIMARY KEY (occurred_at, event_id)
) PARTITION BY RANGE (occurred_at);
-- The verifier's walk and its lookups of a position.
CREATE INDEX activity_chain_position ON activity_chain (workspace_id, chain_seq);

-- A day's partitions of both tables; idempotent, so concurrent callers may race to create.
CREATE OR REPLACE FUNCTION ensure_activity_partition(day DATE) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS audit.%I PARTITION OF audit.activity_log FOR VALUES FROM (%L) TO (%L)',
        'activity_log_p' || to_char(day, 'YYYYMMDD'),
        (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
    EXECUTE format('CREATE TABLE IF NOT EXISTS audit.%I PARTITION OF audit.activity_chain FOR VALUES FROM (%L) TO (%L)',
        'activity_chain_p' || to_char(day, 'YYYYMMDD'),
        (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
END $$;

SELECT ensure_activity_partition(to_date(substr(c.relname, 15), 'YYYYMMDD'))
FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'activity_log'::regclass;

INSERT INTO activity_chain (event_id, occurred_at, workspace_id, chain_seq, content_hash, prev_hash, chain_hash)
SELECT event_id, occurred_at, workspace_id, chain_seq, content_hash, prev_hash, chain_hash
FROM activity_log WHERE chain_seq IS NOT NULL;

-- The sealer's work list: the entries recorded after its watermark, in recording order. Every writer holds a shared
-- advisory lock for its transaction; the sealer waits for those in flight before it reads, so no entry below the
-- watermark can commit after it (Sealer).
CREATE INDEX activity_log_recording ON activity_log (id);
-- chained_before: rows up to it may have been chained before this migration (in any order): the sealer looks
-- for their chain row while its watermark is below it, and only then.
CREATE TABLE seal_progress (
    sealed_up_to   BIGINT NOT NULL,
    chained_before BIGINT NOT NULL
);
INSERT INTO seal_progress (sealed_up_to, chained_before)
SELECT COALESCE((SELECT min(id) - 1 FROM activity_log WHERE chain_seq IS NULL), (SELECT max(id) FROM activity_log), 0),
       COALESCE((SELECT max(id) FROM activity_log WHERE chain_seq IS NOT NULL), 0);

-- The log's key the same way round (the idempotency key is the same pair: ON CONFLICT finds it in either order).
DO $$
DECLARE
    pk TEXT;
BEGIN
    SELECT conname INTO pk FROM pg_constraint WHERE conrelid = 'audit.activity_log'::regclass AND contype = 'p';
    EXECUTE format('ALTER TABLE audit.activity_log DROP CONSTRAINT %I', pk);
END $$;
ALTER TABLE activity_log ADD PRIMARY KEY (occurred_at, event_id);

DROP INDEX activity_log_unsealed;
DROP INDEX activity_log_chain;
ALTER TABLE activity_log DROP COLUMN chain_seq, DROP COLUMN content_hash, DROP COLUMN prev_hash,
    DROP COLUMN chain_hash;
