-- Each workspace's USER accounts that hold a licence (every one but the CLOSED), kept with the projection by the
-- statements that add, close, reopen or delete them: what a job's checks read, instead of counting the workspace's
-- accounts (a million rows in a large one) on every dry run and import. The account events' listener also locks a
-- poll's workspaces' rows first, in their order, so that two polls of one workspace on two partitions touch its
-- jobs' counters one after the other rather than in crossed orders (a deadlock).
CREATE TABLE licences_used (
    workspace_id TEXT   PRIMARY KEY,
    used         BIGINT NOT NULL
);
INSERT INTO licences_used (workspace_id, used)
SELECT workspace_id, count(*) FILTER (WHERE status <> 'CLOSED') FROM known_account WHERE type = 'USER'
GROUP BY workspace_id;
