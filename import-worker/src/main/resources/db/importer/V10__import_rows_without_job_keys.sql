-- A job's rows and errors no longer reference their job by a foreign key. Jobs are never deleted (the ON DELETE
-- CASCADE never ran), and the key was checked for every row copied: a trigger per row looking the job up and locking
-- it FOR KEY SHARE, about 5 µs of PostgreSQL's CPU a row of the COPY into import_row (13.4 µs with it, 8.5 without,
-- measured on 200,000 rows). Every row is written by the slice that holds its job's checkpoint locked.
ALTER TABLE import_row DROP CONSTRAINT import_row_job_id_fkey;
ALTER TABLE import_error DROP CONSTRAINT import_error_job_id_fkey;
