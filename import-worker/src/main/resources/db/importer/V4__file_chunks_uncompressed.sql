-- An upload's chunks are stored as they are, not compressed: a file lives only until its job has read it, and
-- compressing each 1 MB chunk on the way in (pglz) and decompressing it on the way out is PostgreSQL CPU that the
-- import's own work needs (an import file compresses well, so it takes a few times more disk meanwhile).
ALTER TABLE import_file_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
