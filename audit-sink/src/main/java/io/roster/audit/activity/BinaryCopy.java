package io.roster.audit.activity;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format ({@code COPY … FROM STDIN (FORMAT binary)}): each value as the server keeps
 * it, so the server parses no text — no uuid, timestamp or bytea-escape parsing, no arrays to unnest. Only the types
 * the log's rows use. Big-endian throughout.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** PostgreSQL's timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long EPOCH_2000_SECONDS = 946_684_800L;

    private byte[] bytes;
    private int length;

    BinaryCopy(int expectedBytes) {
        bytes = new byte[Math.max(64, expectedBytes)];
        put(SIGNATURE);
        putInt(0); // flags: no OIDs
        putInt(0); // no header extension
    }

    /** Starts a row of that many values. */
    BinaryCopy row(int values) {
        putShort(values);
        return this;
    }

    BinaryCopy uuid(UUID value) {
        putInt(16);
        putLong(value.getMostSignificantBits());
        putLong(value.getLeastSignificantBits());
        return this;
    }

    /** A timestamptz; the instant must be whole microseconds (as read from PostgreSQL). */
    BinaryCopy timestamptz(Instant value) {
        if (value.getNano() % 1000 != 0) {
            throw new IllegalArgumentException(value + " is finer than PostgreSQL's microseconds");
        }
        return int8(Math.addExact(Math.multiplyExact(value.getEpochSecond() - EPOCH_2000_SECONDS, 1_000_000L),
                value.getNano() / 1000));
    }

    BinaryCopy int2(int value) {
        putInt(2);
        putShort(value);
        return this;
    }

    BinaryCopy int8(long value) {
        putInt(8);
        putLong(value);
        return this;
    }

    /** A text (or a null). */
    BinaryCopy text(String value) {
        return bytea(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** A jsonb (or a null) from its text in UTF-8: jsonb's binary form is a version byte (1) and the text. */
    BinaryCopy jsonb(byte[] utf8) {
        if (utf8 == null) {
            putInt(-1);
        } else {
            putInt(utf8.length + 1);
            room(1);
            bytes[length++] = 1;
            put(utf8);
        }
        return this;
    }

    /** A text (or a null) already in UTF-8, or a bytea: the same on the wire, its length and its bytes. */
    BinaryCopy bytea(byte[] value) {
        if (value == null) {
            putInt(-1);
        } else {
            putInt(value.length);
            put(value);
        }
        return this;
    }

    /** The rows and the trailer, to hand to CopyManager.copyIn. */
    InputStream end() {
        putShort(-1);
        return new ByteArrayInputStream(bytes, 0, length);
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
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }

    private void putLong(long value) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }
}
