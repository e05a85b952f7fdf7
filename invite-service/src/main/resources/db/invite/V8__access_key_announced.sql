-- Every key is announced on roster.access-keys (access-key.issued.v1, then access-key.revoked.v1), written to the
-- outbox in the transaction that changes the key, so other services check keys without reading this table.
-- Keys that existed before this migration are not announced yet: invite-service announces them at start-up.
ALTER TABLE access_key ADD COLUMN announced BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE access_key ALTER COLUMN announced SET DEFAULT true;
