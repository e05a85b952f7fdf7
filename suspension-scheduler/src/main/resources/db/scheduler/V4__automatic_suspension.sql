-- Automatic suspension and expiry: what the rules need of each account, each workspace's settings, and the suspension
-- a warning is about.

-- When the account last became ACTIVE (created ACTIVE, or reactivated) and INACTIVE, and its latest sign-in (from
-- activity.recorded.v1 SIGN_IN; only ever moves forward). Accounts known before: their latest event stands for both.
ALTER TABLE account_schedule ADD COLUMN active_since TIMESTAMPTZ;
ALTER TABLE account_schedule ADD COLUMN suspended_since TIMESTAMPTZ;
ALTER TABLE account_schedule ADD COLUMN last_sign_in_at TIMESTAMPTZ;
UPDATE account_schedule SET active_since = version WHERE status = 'ACTIVE';
UPDATE account_schedule SET suspended_since = version WHERE status = 'INACTIVE';

-- A workspace's automatic suspension, from workspace.facts.v1 (0 = that rule off). Its row is also the lock that
-- orders a recomputation of the whole workspace against those of single accounts.
CREATE TABLE workspace_policy (
    workspace_id        TEXT        PRIMARY KEY,
    suspend_after_days  INTEGER     NOT NULL,
    expire_after_days   INTEGER     NOT NULL,
    warn_days_before    INTEGER     NOT NULL,
    version             TIMESTAMPTZ NOT NULL
);

-- A warning's suspension instant (SUSPENSION_WARNING rows): what the mail announces.
ALTER TABLE due_transition ADD COLUMN target_at TIMESTAMPTZ;
