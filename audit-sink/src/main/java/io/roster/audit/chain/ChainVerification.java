package io.roster.audit.chain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a verification found for a workspace's rows in [from, to): whether the chain holds, and where it breaks.
 *
 * @param rowsChecked sealed rows recomputed
 * @param erasedRows rows whose content changed by a signed erasure
 * @param unsealedRows rows in the range not sealed yet (recorded in the last seconds): not covered
 * @param retainedUpToSeq chain positions up to this one were removed by signed retention
 * @param head the workspace's chain head when the verification ran
 * @param breaks where the chain breaks, oldest first (at most {@link ChainVerifier#MAX_BREAKS})
 */
public record ChainVerification(String workspaceId, Instant from, Instant to, boolean intact, long rowsChecked,
        long erasedRows, long unsealedRows, long retainedUpToSeq, String head, List<Break> breaks) {

    /** A row whose content or hashes no longer match (ALTERED), or a position with no row (MISSING). */
    public record Break(long chainSeq, UUID eventId, Instant occurredAt, Problem problem, String detail) {
    }

    public enum Problem { ALTERED, MISSING, RELINKED, FORGED_MARKER }
}
