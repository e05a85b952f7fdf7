package io.roster.audit.activity;

import java.util.List;

/**
 * Told, in the erasing transaction, which rows a pseudonymisation changed: the chain signs their new content
 * so that the verifier can tell a lawful erasure from tampering.
 */
public interface ErasureObserver {

    void erased(String workspaceId, List<RowKey> rows);
}
