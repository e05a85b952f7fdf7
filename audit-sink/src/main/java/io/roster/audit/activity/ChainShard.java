package io.roster.audit.activity;

/**
 * Which of its workspace's chains an entry joins. An entry read from Kafka joins the chain of the partition it came
 * from ({@link #ofPartition}): a partition is consumed by one listener at a time, so two listeners — threads or
 * instances — never wait on each other's chain heads, and a redelivered event meets its first delivery in the same
 * chain, behind the same head lock. Shard 0 ({@link #OWN}) is the workspace's chain as the sealer left it before
 * chaining moved to ingest, continued by the entries audit-sink writes itself (markers, exports, workspace facts).
 */
public final class ChainShard {

    /** audit-sink's own entries, and every chain built before chaining moved to ingest. */
    public static final int OWN = 0;

    private ChainShard() {
    }

    /** The chain of the events of a Kafka partition (of whichever topic). */
    public static int ofPartition(int partition) {
        return partition + 1;
    }
}
