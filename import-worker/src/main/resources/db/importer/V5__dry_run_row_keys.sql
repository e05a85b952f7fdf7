-- A dry run stores only the rows a file-level check needs (its invalid rows, a contact's keys, and the rows read
-- again because they share a key with another row or an existing account); of the others it keeps only a 25-byte
-- record a row (row number, hashes of its LOGIN and EMAIL, whether it takes a licence), a slice's records in one
-- value, written with the slice's checkpoint. Stored as they are: hashes do not compress.
CREATE TABLE import_row_keys (
    job_id      UUID   NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    slice_start BIGINT NOT NULL,
    keys        BYTEA  NOT NULL,
    PRIMARY KEY (job_id, slice_start)
);
ALTER TABLE import_row_keys ALTER COLUMN keys SET STORAGE EXTERNAL;
