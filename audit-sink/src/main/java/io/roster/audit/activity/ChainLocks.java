package io.roster.audit.activity;

/**
 * The advisory locks that order the sealer with the writers of the log (PostgreSQL's {@code pg_advisory_*} keys).
 *
 * <p>{@link #WRITERS}: every transaction that adds entries holds it shared ({@link #WRITING}) before it takes their
 * ids; the sealer waits for the transactions holding it ({@link #WRITERS_IN_FLIGHT}), so that every id the sequence
 * gave before is committed or rolled back, and its watermark never passes an entry still to come.
 *
 * <p>{@link #SEAL}: the sealer holds it for each batch; an erasure takes it before it changes entries, so that it
 * never changes a row being hashed, and it knows which of them are sealed (their new content must be signed).
 */
public final class ChainLocks {

    public static final long SEAL = 0x61756469745f73L; // "audit_s"
    public static final long WRITERS = 0x61756469745f77L; // "audit_w"

    /** For the writers' transactions: shared, so that writers never wait for one another. */
    public static final String WRITING = "SELECT pg_advisory_xact_lock_shared(" + WRITERS + ")";
    /** For an erasure's transaction, before it changes entries. */
    public static final String SEALING = "SELECT pg_advisory_xact_lock(" + SEAL + ")";
    /**
     * The writers' transactions in flight (their virtual transaction ids), of those named by the array parameter
     * ({@code null}: all). The sealer waits until none of those it saw is left, without blocking the writers that
     * start meanwhile, as an exclusive lock request would.
     */
    public static final String WRITERS_IN_FLIGHT = "SELECT virtualtransaction FROM pg_locks WHERE locktype = 'advisory'"
            + " AND classid::bigint = " + (WRITERS >>> 32) + " AND objid::bigint = " + (WRITERS & 0xffffffffL)
            + " AND objsubid = 1 AND (?::text[] IS NULL OR virtualtransaction = ANY (?::text[]))";

    /** In a statement on {@code audit.activity_log} (unaliased): whether the sealer chained the row. */
    public static final String IS_SEALED = "EXISTS (SELECT 1 FROM audit.activity_chain c WHERE c.event_id ="
            + " activity_log.event_id AND c.occurred_at = activity_log.occurred_at)";

    private ChainLocks() {
    }
}
