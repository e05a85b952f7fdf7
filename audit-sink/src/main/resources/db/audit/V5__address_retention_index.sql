-- The entries that may name an address that never became an account (invitations, rejected requests), not erased
-- yet: the address retention job finds those past their time here rather than scanning the log.
CREATE INDEX activity_log_addresses ON activity_log (occurred_at)
    WHERE details IS NOT NULL AND (invitation_id IS NOT NULL OR action = 'REQUEST_REJECTED');
