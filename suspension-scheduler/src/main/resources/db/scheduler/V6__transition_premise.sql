-- The premise an automatic transition was derived from, sent with its command so that invite-service refuses it if
-- a sign-in or a reactivation reached it first: AUTO_SUSPEND and SUSPENSION_WARNING, the instant the account has been
-- idle since (its latest sign-in, or when it became ACTIVE); AUTO_EXPIRE, when it became INACTIVE. A suspension
-- date's premise is its due instant and version. NULL for rows from before: their commands carry no premise.
ALTER TABLE due_transition ADD COLUMN premise_at TIMESTAMPTZ;
