-- The workspace's automatic suspension and expiry (workspace.update-settings.v1's automaticSuspension): days without
-- sign-in before an ACTIVE account is suspended, days suspended before it is closed, days of warning before a
-- suspension. 0 = that rule is off, as every workspace had it before.
ALTER TABLE invite.workspace ADD COLUMN suspend_after_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invite.workspace ADD COLUMN expire_after_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invite.workspace ADD COLUMN warn_days_before INTEGER NOT NULL DEFAULT 0;
