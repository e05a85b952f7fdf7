-- A dry run's rows are never applied: they get no request id (and so no entry in its unique index, whose random keys
-- made most of a row's insert cost), and keep their cells only when invalid (the error report shows them; a valid
-- row refused later by the file-level checks has its cells read again from the file).
ALTER TABLE import_row ALTER COLUMN request_id DROP NOT NULL;
DROP INDEX import_row_request;
CREATE UNIQUE INDEX import_row_request ON import_row (request_id) WHERE request_id IS NOT NULL;
