-- A row's cells as a text array, positionally by its job's cell_columns, instead of a JSONB object: the keys were
-- stored again in every row and the values parsed into JSONB on the way in (about 500 MB and most of the insert's
-- time for a million-row file). Each job names its columns, so a row stays readable whatever version wrote it.
ALTER TABLE import_job ADD COLUMN cell_columns TEXT[] NOT NULL DEFAULT '{}';
UPDATE import_job j SET cell_columns = ARRAY(
    SELECT DISTINCT k FROM import_row r CROSS JOIN LATERAL jsonb_object_keys(r.cells) AS k
    WHERE r.job_id = j.id ORDER BY k);

ALTER TABLE import_row ADD COLUMN cell_values TEXT[];
UPDATE import_row r SET cell_values = ARRAY(
    SELECT r.cells ->> u.k FROM unnest(j.cell_columns) WITH ORDINALITY AS u(k, i) ORDER BY u.i)
FROM import_job j WHERE j.id = r.job_id;
ALTER TABLE import_row DROP COLUMN cells;
ALTER TABLE import_row RENAME COLUMN cell_values TO cells;
ALTER TABLE import_row ALTER COLUMN cells SET NOT NULL;
