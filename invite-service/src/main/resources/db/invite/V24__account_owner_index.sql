-- A contact's owner, looked up by owner: deleting a user counts the contacts it owns (DeleteAccountHandler refuses
-- a user who still owns some), and deleting any account makes the foreign key account.owner_id → account(id) look
-- for rows that still reference it. Without an index both read the whole account table, every workspace's accounts,
-- for each deletion. Users have no owner, so the index holds contacts alone and a user's creation (most of an
-- import) writes nothing into it; a look-up by an owner id implies owner_id IS NOT NULL, so both queries can use it.
CREATE INDEX account_owner ON account (owner_id) WHERE owner_id IS NOT NULL;
