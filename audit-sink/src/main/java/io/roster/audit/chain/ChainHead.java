package io.roster.audit.chain;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The last row of one of a workspace's chains (its shard, see {@code ChainShard}): its position and chain hash.
 * Exports carry every chain's head, so a later verification can prove the log they were built from was not
 * rewritten since: each head's row must still be there with that chain hash.
 */
public record ChainHead(int shard, long seq, byte[] hash) {

    /** The chain hash before a chain's first row. */
    public static final byte[] START = new byte[32];

    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    /** {@code 1/1234:9f86d0…}: chain 1, position 1234, its chain hash. */
    @Override
    public String toString() {
        return shard + "/" + seq + ":" + hashHex();
    }

    /** A workspace's heads as exports state them: {@code 0/12:…, 1/1234:…}, or "none" before its first entry. */
    public static String text(List<ChainHead> heads) {
        return heads.isEmpty() ? "none" : heads.stream().map(ChainHead::toString).collect(Collectors.joining(", "));
    }
}
