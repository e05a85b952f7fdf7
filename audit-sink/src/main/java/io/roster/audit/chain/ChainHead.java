package io.roster.audit.chain;

import java.util.HexFormat;

/**
 * The last sealed row of a workspace's chain: its position and chain hash. Exports carry it, so a later
 * verification can prove the log they were built from was not rewritten since.
 */
public record ChainHead(long seq, byte[] hash) {

    public static final ChainHead EMPTY = new ChainHead(0, new byte[32]);

    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    /** {@code 1234:9f86d0…} */
    @Override
    public String toString() {
        return seq + ":" + hashHex();
    }
}
