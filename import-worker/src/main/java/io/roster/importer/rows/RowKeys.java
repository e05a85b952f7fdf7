package io.roster.importer.rows;

import io.roster.importer.validation.RowVerdict;
import java.nio.ByteBuffer;

/**
 * What a dry run keeps of each row it does not store: its row number, a 64-bit hash of its LOGIN and of its EMAIL
 * key (as {@link RowVerdict} gives them), and whether it takes a licence — 25 bytes, a slice's rows in one value of
 * {@code importer.import_row_keys}. From them the file-level checks find, once the file is read, the few rows that
 * share a key with another row or with an existing account: only those are read again and stored, and the checks
 * compare their keys themselves, so a hash collision is never an error.
 */
public final class RowKeys {

    static final int BYTES = 25;
    /** The row was stored while reading (an invalid row, or a contact with its owner): it needs no second read. */
    static final byte STORED = 1;
    /** A valid USER that is not CLOSED. */
    static final byte TAKES_LICENCE = 2;

    private RowKeys() {
    }

    /** Appends a row's record. */
    static void append(ByteBuffer out, RowVerdict row, boolean stored) {
        out.putLong(row.row());
        out.putLong(hash(row.login()));
        out.putLong(hash(row.email()));
        out.put((byte) ((stored ? STORED : 0) | (row.valid() && row.takesLicence() ? TAKES_LICENCE : 0)));
    }

    /**
     * A key's 64-bit hash, the same in every JVM (the records outlive the one that wrote them): FNV-1a over its
     * characters, then MurmurHash3's finalizer to spread them; 0 only for no key.
     */
    public static long hash(String key) {
        if (key == null) {
            return 0;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
