-- The instance that gave a READING job back after a slice keeps its file open at the job's checkpoint: for a moment
-- (reader_until) the job is left to it, rather than claimed by another instance, which would copy the whole file out
-- of the database again and read it up to the checkpoint (every slice, when two instances take turns).
ALTER TABLE import_job ADD COLUMN reader TEXT;
ALTER TABLE import_job ADD COLUMN reader_until TIMESTAMPTZ;
