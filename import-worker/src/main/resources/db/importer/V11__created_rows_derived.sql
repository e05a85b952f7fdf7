-- A row answered by a creation is no longer rewritten CREATED: the account's projection row carries the request id
-- it answered, and that is what says the row was created. The rewrite was a new version of the whole row, its cells
-- too, and of its two index entries (a full page image each after a checkpoint), for every created account: 0.6 to
-- 5 KB of WAL a row, most of the creations' statement. The job's accounts_created is still counted in the same
-- statement, from the accounts actually added: an answer delivered again adds none, so counts none. A deletion moves
-- the request id into its mark, so that a row stays answered once its account is gone. Rows answered before keep
-- their CREATED. known_account gets no index on it: only a refusal asks, through the row's login or e-mail.
ALTER TABLE known_account ADD COLUMN request_id UUID;
ALTER TABLE known_account_gone ADD COLUMN request_id UUID;
CREATE INDEX known_account_gone_request ON known_account_gone (workspace_id, request_id)
    WHERE request_id IS NOT NULL;
