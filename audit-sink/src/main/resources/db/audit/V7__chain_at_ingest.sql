-- The chain moves back into the entries, written at ingest in the poll's own COPY: the writer hashes each new entry
-- in memory and links it to its chain's head, read FOR UPDATE in the same transaction. No sealer reads the entries
-- back and writes a second row for each any more (that cost PostgreSQL more than writing the entries).
-- A workspace has one chain per shard: shard p + 1 holds the events of the Kafka partition p they came from (a
-- partition is consumed by one listener at a time, so two listeners never wait on each other's heads), shard 0
-- the workspace's chain as the sealer left it, continued by the entries audit-sink writes itself (its markers, the
-- exports).
ALTER TABLE activity_log ADD COLUMN chain_shard SMALLINT, ADD COLUMN chain_seq BIGINT, ADD COLUMN content_hash BYTEA,
    ADD COLUMN prev_hash BYTEA, ADD COLUMN chain_hash BYTEA;

-- The chain the sealer built (shard 0) into its entries.
UPDATE activity_log a SET chain_shard = 0, chain_seq = c.chain_seq, content_hash = c.content_hash,
    prev_hash = c.prev_hash, chain_hash = c.chain_hash
FROM activity_chain c WHERE c.event_id = a.event_id AND c.occurred_at = a.occurred_at;

ALTER TABLE chain_head ADD COLUMN chain_shard SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE chain_head DROP CONSTRAINT chain_head_pkey;
ALTER TABLE chain_head ADD PRIMARY KEY (workspace_id, chain_shard);

-- The entries the sealer had not chained yet, chained here as it would have: in recording order, each after its
-- workspace's head. The content hash as audit.activity_log's columns give it (ChainContent): sha256 of the time in
-- microseconds (8 bytes), then of each text its UTF-8 length (4 bytes; -1 for a null) and its bytes.
CREATE FUNCTION pg_temp.hashed(value TEXT) RETURNS BYTEA LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN int4send(-1) ELSE int4send(octet_length(value)) || convert_to(value, 'UTF8') END
$$;

DO $$
DECLARE
    entry RECORD;
    head RECORD;
    content BYTEA;
    link BYTEA;
BEGIN
    FOR entry IN SELECT * FROM audit.activity_log WHERE chain_seq IS NULL ORDER BY id LOOP
        content := sha256(int8send((extract(epoch FROM entry.occurred_at) * 1000000)::bigint)
            || pg_temp.hashed(entry.event_id::text) || pg_temp.hashed(entry.workspace_id)
            || pg_temp.hashed(entry.type) || pg_temp.hashed(entry.action) || pg_temp.hashed(entry.account_id)
            || pg_temp.hashed(entry.subject) || pg_temp.hashed(entry.actor_kind) || pg_temp.hashed(entry.actor_id)
            || pg_temp.hashed(entry.client_ip) || pg_temp.hashed(entry.request_id) || pg_temp.hashed(entry.summary)
            || pg_temp.hashed(entry.details::text) || pg_temp.hashed(entry.invitation_id));
        INSERT INTO audit.chain_head (workspace_id, chain_shard, chain_seq, chain_hash)
        VALUES (entry.workspace_id, 0, 0, '\x0000000000000000000000000000000000000000000000000000000000000000')
        ON CONFLICT (workspace_id, chain_shard) DO NOTHING;
        SELECT chain_seq, chain_hash INTO head FROM audit.chain_head
        WHERE workspace_id = entry.workspace_id AND chain_shard = 0;
        link := sha256(head.chain_hash || content);
        UPDATE audit.activity_log SET chain_shard = 0, chain_seq = head.chain_seq + 1, content_hash = content,
            prev_hash = head.chain_hash, chain_hash = link
        WHERE event_id = entry.event_id AND occurred_at = entry.occurred_at;
        UPDATE audit.chain_head SET chain_seq = head.chain_seq + 1, chain_hash = link
        WHERE workspace_id = entry.workspace_id AND chain_shard = 0;
    END LOOP;
END $$;

-- The verifier's walk of a chain and its lookups of a position.
CREATE INDEX activity_log_chain ON activity_log (workspace_id, chain_shard, chain_seq);

DROP TABLE activity_chain;
DROP TABLE seal_progress;
-- only the sealer read the entries in recording order
DROP INDEX activity_log_recording;

-- A day's partition of the log (the chain is in it); idempotent, so concurrent callers may race to create.
CREATE OR REPLACE FUNCTION ensure_activity_partition(day DATE) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS audit.%I PARTITION OF audit.activity_log FOR VALUES FROM (%L) TO (%L)',
        'activity_log_p' || to_char(day, 'YYYYMMDD'),
        (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
END $$;
