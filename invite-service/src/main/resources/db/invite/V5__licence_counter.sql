-- Licences in use, kept with the workspace row (already locked when an account is created) instead of counted:
-- a count grows with the workspace and was the cost of every create-user request.
ALTER TABLE workspace ADD COLUMN licences_used INTEGER NOT NULL DEFAULT 0 CHECK (licences_used >= 0);
UPDATE workspace w SET licences_used = (SELECT count(*) FROM account a
    WHERE a.workspace_id = w.id AND a.type = 'USER' AND a.status <> 'CLOSED');
