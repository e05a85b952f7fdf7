-- A new invitation no longer increments the workspace's pending counter through the trigger: the invite path does it
-- itself as the last statement of its transaction (InvitationRepository.promise), so that the workspace row is locked
-- from that statement to the commit only, and not from the insert of the invitations on. The trigger keeps the
-- counter in step with every later status change and deletion.
DROP TRIGGER invitation_pending_count ON invitation;

CREATE TRIGGER invitation_pending_count AFTER DELETE OR UPDATE OF status ON invitation
    FOR EACH ROW EXECUTE FUNCTION count_pending_invitations();
