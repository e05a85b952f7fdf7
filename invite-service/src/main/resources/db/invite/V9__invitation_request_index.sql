-- The invitations of one request are read back by request id (the answer to an invite command, and its repeat).
CREATE INDEX invitation_request ON invitation (workspace_id, request_id);
