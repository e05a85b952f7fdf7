-- Pending invitations per workspace, kept by the database whatever changes an invitation's status. The invite path
-- reads it as an upper bound (an expired invitation counts until it is closed) and counts exactly only when that
-- bound says the licences could run out: counting every pending invitation under the workspace lock made each
-- invitation slower than the one before.
ALTER TABLE workspace ADD COLUMN invitations_pending INTEGER NOT NULL DEFAULT 0 CHECK (invitations_pending >= 0);
UPDATE workspace w SET invitations_pending = (SELECT count(*) FROM invitation i
    WHERE i.workspace_id = w.id AND i.status = 'PENDING');

-- SET search_path FROM CURRENT: the function resolves workspace in this schema whatever the caller's search_path.
CREATE FUNCTION count_pending_invitations() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.status = NEW.status THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'PENDING' THEN
        UPDATE workspace SET invitations_pending = invitations_pending - 1 WHERE id = OLD.workspace_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'PENDING' THEN
        UPDATE workspace SET invitations_pending = invitations_pending + 1 WHERE id = NEW.workspace_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER invitation_pending_count AFTER INSERT OR DELETE OR UPDATE OF status ON invitation
    FOR EACH ROW EXECUTE FUNCTION count_pending_invitations();
