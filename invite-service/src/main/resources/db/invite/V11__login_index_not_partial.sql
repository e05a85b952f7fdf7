-- The login index was partial (WHERE login IS NOT NULL), which the planner cannot use for a batch's join on
-- lower(login) and has no statistics for: it chose a scan of every account of the workspace (60 ms at 100,000
-- accounts, against 2 ms with this index). A plain unique index means the same: NULL logins (contacts) never clash.
DROP INDEX account_login_unique;
CREATE UNIQUE INDEX account_login_unique ON account (workspace_id, lower(login));
