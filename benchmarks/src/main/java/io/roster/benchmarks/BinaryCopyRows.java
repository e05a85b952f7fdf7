package io.roster.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format ({@code COPY … FROM STDIN (FORMAT binary)}): each value as the server keeps
 * it, so the server parses no text (no uuid, timestamp, number or array literal). Only the types an account row and an
 * outbox row use; big-endian throughout. One buffer, grown as needed and reused by {@link #clear}: a writer encodes
 * batch after batch into it. (audit-sink has its own, for its log's types; a service's code is not shared.)
 */
final class BinaryCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** PostgreSQL's timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long EPOCH_2000_SECONDS = 946_684_800L;
    private static final int TEXT_OID = 25;

    private byte[] bytes;
    private int length;
    private int rows;

    BinaryCopyRows(int expectedBytes) {
        bytes = new byte[Math.max(64, expectedBytes)];
        clear();
    }

    /** Empty again: the header only. */
    void clear() {
        length = 0;
        rows = 0;
        put(SIGNATURE);
        putInt(0); // flags: no OIDs
        putInt(0); // no header extension
    }

    /** Starts a row of that many values. */
    BinaryCopyRows row(int values) {
        rows++;
        putShort(values);
        return this;
    }

    int rows() {
        return rows;
    }

    BinaryCopyRows nullValue() {
        putInt(-1);
        return this;
    }

    BinaryCopyRows uuid(UUID value) {
        if (value == null) {
            return nullValue();
        }
        putInt(16);
        putLong(value.getMostSignificantBits());
        putLong(value.getLeastSignificantBits());
        return this;
    }

    /** A timestamptz, truncated to PostgreSQL's microseconds. */
    BinaryCopyRows timestamptz(Instant value) {
        if (value == null) {
            return nullValue();
        }
        return int8(Math.addExact(Math.multiplyExact(value.getEpochSecond() - EPOCH_2000_SECONDS, 1_000_000L),
                value.getNano() / 1000));
    }

    BinaryCopyRows int8(Long value) {
        if (value == null) {
            return nullValue();
        }
        putInt(8);
        putLong(value);
        return this;
    }

    BinaryCopyRows int4(Integer value) {
        if (value == null) {
            return nullValue();
        }
        putInt(4);
        putInt(value);
        return this;
    }

    BinaryCopyRows bool(boolean value) {
        putInt(1);
        room(1);
        bytes[length++] = (byte) (value ? 1 : 0);
        return this;
    }

    /** A text (or a null), written as UTF-8 straight into the buffer. */
    BinaryCopyRows text(String value) {
        if (value == null) {
            return nullValue();
        }
        int at = length;
        putInt(0); // the length, known once written
        room(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // not ASCII: the JDK's encoder for the whole value (the rare case in these rows)
                length = at;
                return utf8(value.getBytes(StandardCharsets.UTF_8));
            }
            bytes[length++] = (byte) c;
        }
        patchInt(at, length - at - 4);
        return this;
    }

    /** A text already in UTF-8 (or a bytea: the same on the wire), or a null. */
    BinaryCopyRows utf8(byte[] value) {
        if (value == null) {
            return nullValue();
        }
        putInt(value.length);
        put(value);
        return this;
    }

    /** A one-dimensional text[] (or a null); an empty list is the empty array {@code '{}'}. */
    BinaryCopyRows textArray(List<String> values) {
        if (values == null) {
            return nullValue();
        }
        int at = length;
        putInt(0); // the length, known once written
        putInt(values.isEmpty() ? 0 : 1); // dimensions
        putInt(hasNull(values) ? 1 : 0);
        putInt(TEXT_OID);
        if (!values.isEmpty()) {
            putInt(values.size());
            putInt(1); // lower bound
            for (String value : values) {
                text(value);
            }
        }
        patchInt(at, length - at - 4);
        return this;
    }

    /** Whether a value is null (an immutable list's contains(null) throws). */
    private static boolean hasNull(List<String> values) {
        for (String value : values) {
            if (value == null) {
                return true;
            }
        }
        return false;
    }

    /** The rows and the trailer, to hand to {@code CopyManager.copyIn}; {@link #clear} before the next rows. */
    InputStream end() {
        putShort(-1);
        return new ByteArrayInputStream(bytes, 0, length);
    }

    /** What {@link #end} has written so far (for tests). */
    byte[] written() {
        return Arrays.copyOf(bytes, length);
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    private void put(byte[] value) {
        room(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
    }

    private void putShort(int value) {
        room(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void putInt(int value) {
        room(4);
        patchInt(length, value);
        length += 4;
    }

    private void patchInt(int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private void putLong(long value) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }
}
