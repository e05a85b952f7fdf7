-- The signed retention and erasure markers of a workspace, which the chain verifier reads first.
CREATE INDEX activity_log_markers ON activity_log (workspace_id)
    WHERE type IN ('audit.retention-applied', 'audit.personal-data-erased');
