-- The request a request id was first used for (SHA-256 of its type and canonical payload): a replay of the same
-- request is skipped, another request under that id is refused. Requests logged before have none.
ALTER TABLE account_request ADD COLUMN fingerprint BYTEA;
