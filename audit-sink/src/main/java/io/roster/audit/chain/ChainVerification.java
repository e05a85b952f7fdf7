package io.roster.audit.chain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a verification found for a workspace's rows in [from, to): whether its chains hold, and where they break.
 *
 * @param rowsChecked rows recomputed
 * @param erasedRows rows whose content changed by a signed erasure
 * @param chains the workspace's chains when the verification ran, one per shard
 * @param breaks where the chains break, by chain and position (at most {@link ChainVerifier#MAX_BREAKS})
 */
public record ChainVerification(String workspaceId, Instant from, Instant to, boolean intact, long rowsChecked,
        long erasedRows, List<Chain> chains, List<Break> breaks) {

    /**
     * One of the workspace's chains.
     *
     * @param head its last position and chain hash ({@code 1234:9f86d0…})
     * @param retainedUpToSeq its positions up to this one were removed by signed retention
     */
    public record Chain(int shard, String head, long retainedUpToSeq) {
    }

    /**
     * A row whose content or hashes no longer match (ALTERED), a position with no row (MISSING), a row that does not
     * follow the one before it (RELINKED), a marker whose signature fails (FORGED_MARKER), or a row in no chain at
     * all (UNCHAINED: every row the application writes is chained as it is written; shard and position null).
     */
    public record Break(Integer shard, Long chainSeq, UUID eventId, Instant occurredAt, Problem problem,
            String detail) {
    }

    public enum Problem { ALTERED, MISSING, RELINKED, FORGED_MARKER, UNCHAINED }
}
