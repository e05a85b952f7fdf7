-- What the scheduler's commands are checked against when they arrive (their premise: "idle since X", "suspended
-- since X", "reactivated since"): the account's latest sign-in, recorded as its session opens (the instant of its
-- SIGN_IN activity event), and when its current status began (the occurredAt of its account.status-changed.v1).
-- NULL: no sign-in yet; the status it was created with (or had before this migration).
ALTER TABLE account ADD COLUMN last_sign_in_at TIMESTAMPTZ;
ALTER TABLE account ADD COLUMN status_since TIMESTAMPTZ;
