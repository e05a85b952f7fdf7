-- The buckets of a workspace: accounts and invitations may be granted only registered ones. Names follow the
-- bucket-name rule of the account validator (lowercase only), so uniqueness needs no case folding.
CREATE TABLE bucket (
    workspace_id     TEXT        NOT NULL REFERENCES workspace (id),
    name             TEXT        NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$'),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by_kind  TEXT        NOT NULL,
    created_by       TEXT,
    PRIMARY KEY (workspace_id, name)
);

-- "Which accounts use this bucket" when one is deleted.
CREATE INDEX account_buckets ON account USING gin (buckets);

-- Buckets already granted before the registry existed are registered, so nothing in use becomes unknown.
INSERT INTO bucket (workspace_id, name, created_by_kind, created_by)
SELECT DISTINCT used.workspace_id, used.name, 'SYSTEM', 'migration V6'
FROM (SELECT workspace_id, unnest(buckets) AS name FROM account
      UNION ALL
      SELECT workspace_id, unnest(buckets) AS name FROM invitation WHERE status = 'PENDING') used
WHERE used.name ~ '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$';
