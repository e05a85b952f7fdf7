-- Most accounts are granted no bucket. Only those that are need an entry in the bucket index, which serves the
-- per-bucket counts (queries that say "buckets <> '{}'" so that PostgreSQL can use this partial index): the others
-- no longer pay a GIN insert each.
DROP INDEX account_buckets;
CREATE INDEX account_buckets ON account USING gin (buckets) WHERE buckets <> '{}';
