-- A status change (suspend, reactivate, close) rewrites the account row. With the status in an index, every such
-- UPDATE inserted an entry into each of the table's indexes (primary key, login, email, workspace/type/status): no
-- heap-only (HOT) update is possible when an indexed column changes. That was most of the cost of a plain UPDATE of
-- a million accounts (112 s on a busy machine, against 10 s for a narrow table). Without the status in any index
-- and with room left on each page for the new row versions, a status change stays on its page and touches no index:
-- 200,000 accounts suspended in runs of 500 took 4.6-5.5 s instead of 12-21 s, all of them HOT (plain SQL, same
-- machine, back to back).
-- The listing's status filter is now applied to the workspace's rows of the type (it sorts them by creation anyway).
DROP INDEX account_workspace_status;
CREATE INDEX account_workspace_type ON account (workspace_id, type);
-- Half of each new page is left free for updated versions of its rows (pages written before keep theirs full until
-- the table is rewritten, by VACUUM FULL or pg_repack, at a time of the operator's choosing).
ALTER TABLE account SET (fillfactor = 50);
