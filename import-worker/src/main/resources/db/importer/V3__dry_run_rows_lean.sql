-- A dry run's rows are never applied: they get no request id, and keep their cells only when invalid (the error
-- report shows them; a valid row refused later by the file-level checks has its cells read again from the file).
-- Its rows' NULL ids all go to the right edge of the unique index, one page, instead of random UUIDs' leaves.
ALTER TABLE import_row ALTER COLUMN request_id DROP NOT NULL;
