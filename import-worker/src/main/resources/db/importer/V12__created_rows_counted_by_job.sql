-- The creations' statement counts a job's created rows without looking each row up. A row's request id (RequestIds,
-- version 8) is its job's 8 bytes, then its row number: the job is found by those 8 bytes, kept here beside its id,
-- and only the rows that can not count (never sent, refused, or counted before V11) are looked up, in an index of
-- those alone — where each answer looked its row up in import_row's request-id index and read it from the heap (a
-- million-row job's pages, long out of the shared buffers) for its state. A row staged before its ids were laid out
-- by job (name-based, version 3) is still looked up by its id.

-- RequestIds.of(job): the first 8 bytes of SHA-256 of 'roster-import:' || job, with the version's nibble (8) put in
-- before the hash's bits 15..4 (ImportOutcomesIT checks it against RequestIds).
CREATE FUNCTION request_prefix(job UUID) RETURNS BYTEA
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT substring(h FROM 1 FOR 6)
        || set_byte(set_byte('\x0000'::bytea, 0, 128 | (get_byte(h, 6) >> 4)), 1,
                    ((get_byte(h, 6) & 15) << 4) | (get_byte(h, 7) >> 4))
    FROM (SELECT sha256(convert_to('roster-import:' || job::text, 'UTF8')) AS h) s
$$;

-- computed once, when the job is inserted (an update of its other columns does not compute it again)
ALTER TABLE import_job ADD COLUMN request_prefix BYTEA GENERATED ALWAYS AS (importer.request_prefix(id)) STORED;
CREATE INDEX import_job_request_prefix ON import_job (request_prefix);

-- the rows whose answer must not count: INVALID (never sent), REJECTED (refused first), CREATED (counted before V11)
CREATE INDEX import_row_uncounted ON import_row (request_id) WHERE state NOT IN ('VALID', 'APPLIED');

-- The projection's keys compared byte by byte: logins and e-mails are stored lower-cased and only ever compared for
-- equality, account ids are UUIDs; the database's libc collation (C.UTF-8) had every comparison of the three
-- indexes go through strcoll. A comparison with another column (import_row's login, a parameter) takes this
-- column's collation, so these indexes still serve the checks' look-ups. The workspace keeps the database's: every
-- index entry of a workspace compares equal on it at once, and other tables join on it.
ALTER TABLE known_account
    ALTER COLUMN account_id TYPE TEXT COLLATE "C",
    ALTER COLUMN login TYPE TEXT COLLATE "C",
    ALTER COLUMN email TYPE TEXT COLLATE "C";
