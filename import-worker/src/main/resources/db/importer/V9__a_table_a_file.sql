-- Each upload in a table of its own, importer.import_file_<job id's hex> (seq, data): 8,000-byte rows stored as they
-- are (STORAGE PLAIN, within a page, no TOAST), dropped whole once no one reads the file again (FileStore). A DELETE
-- of a file's TOASTed 1 MB chunks took 1-3 s for a 182 MB file and wrote a full-page image of every page it touched
-- after a checkpoint; a DROP TABLE takes milliseconds. The files of jobs that may still be read (reading; a dry run
-- checking, which reads its file again) move to their tables here, each old chunk cut into rows in order; the others
-- are no longer needed.
DO $$
DECLARE
    job UUID;
    name TEXT;
BEGIN
    FOR job IN
        SELECT j.id FROM import_job j
        WHERE j.phase = 'READING' OR (j.mode = 'DRY_RUN' AND j.phase = 'CHECKING')
    LOOP
        name := 'import_file_' || replace(job::text, '-', '');
        EXECUTE format('CREATE TABLE %I (seq INT PRIMARY KEY, data BYTEA NOT NULL)', name);
        EXECUTE format('ALTER TABLE %I ALTER COLUMN data SET STORAGE PLAIN', name);
        EXECUTE format('INSERT INTO %I (seq, data)'
            || ' SELECT (row_number() OVER (ORDER BY c.seq, p.at) - 1)::int, substring(c.data FROM p.at FOR 8000)'
            || ' FROM import_file_chunk c CROSS JOIN LATERAL generate_series(1, length(c.data), 8000) AS p (at)'
            || ' WHERE c.job_id = $1', name) USING job;
    END LOOP;
END $$;
DROP TABLE import_file_chunk;
