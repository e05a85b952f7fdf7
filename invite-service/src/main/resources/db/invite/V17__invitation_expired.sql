-- An invitation not accepted by its expiry becomes EXPIRED when the scheduler's invitation.expire.v1 arrives (the
-- pending counter's trigger gives its licence back, as for a cancellation).
ALTER TABLE invitation DROP CONSTRAINT invitation_status_check;
ALTER TABLE invitation ADD CONSTRAINT invitation_status_check
    CHECK (status IN ('PENDING', 'ACCEPTED', 'CANCELLED', 'EXPIRED'));
