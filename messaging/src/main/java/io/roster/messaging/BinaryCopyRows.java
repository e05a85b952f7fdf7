package io.roster.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Rows in PostgreSQL's binary COPY format ({@code COPY … FROM STDIN (FORMAT binary)}), and the COPY that writes them:
 * each value as the server keeps it, so the server parses no text — no uuid, timestamp, number or array literal,
 * no array to unnest. The types the services' rows use (text, uuid, bigint, integer, boolean, timestamptz, text[],
 * bytea); big-endian throughout. A COPY writes the rows in their order and fires the table's triggers and checks
 * like an INSERT; a unique or check violation fails it whole, translated like any statement's (a
 * {@code DuplicateKeyException} for a unique violation).
 * <p>
 * import-worker and audit-sink have their own binary COPY code (reading a {@code bytea} result; the activity log's
 * types): a service's code is not shared, this library's is.
 */
public final class BinaryCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** PostgreSQL's timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long EPOCH_2000_SECONDS = 946_684_800L;
    private static final int TEXT_OID = 25;

    private byte[] bytes;
    private int length;
    private int rows;
    private boolean ended;

    /** Room for about {@code expectedBytes}; the buffer grows as needed. */
    public BinaryCopyRows(int expectedBytes) {
        bytes = new byte[Math.max(64, expectedBytes)];
        put(SIGNATURE);
        putInt(0); // flags: no OIDs
        putInt(0); // no header extension
    }

    /** Starts a row of that many values. */
    public BinaryCopyRows row(int values) {
        if (ended) {
            throw new IllegalStateException("rows already ended");
        }
        rows++;
        putShort(values);
        return this;
    }

    /** The rows started so far. */
    public int rows() {
        return rows;
    }

    public BinaryCopyRows nullValue() {
        putInt(-1);
        return this;
    }

    public BinaryCopyRows uuid(UUID value) {
        if (value == null) {
            return nullValue();
        }
        putInt(16);
        putLong(value.getMostSignificantBits());
        putLong(value.getLeastSignificantBits());
        return this;
    }

    /**
     * A timestamptz, rounded to PostgreSQL's microseconds as its text input rounds a finer fraction (to the nearest,
     * a half to even): the same value an {@code INSERT} of the instant's text stores.
     */
    public BinaryCopyRows timestamptz(Instant value) {
        if (value == null) {
            return nullValue();
        }
        long micros = value.getNano() / 1000;
        int below = value.getNano() % 1000;
        if (below > 500 || (below == 500 && (micros & 1) == 1)) {
            micros++;
        }
        return int8(Math.addExact(Math.multiplyExact(value.getEpochSecond() - EPOCH_2000_SECONDS, 1_000_000L),
                micros));
    }

    public BinaryCopyRows int8(Long value) {
        if (value == null) {
            return nullValue();
        }
        putInt(8);
        putLong(value);
        return this;
    }

    public BinaryCopyRows int4(Integer value) {
        if (value == null) {
            return nullValue();
        }
        putInt(4);
        putInt(value);
        return this;
    }

    public BinaryCopyRows bool(Boolean value) {
        if (value == null) {
            return nullValue();
        }
        putInt(1);
        room(1);
        bytes[length++] = (byte) (value ? 1 : 0);
        return this;
    }

    /** A text (or a null), written as UTF-8 straight into the buffer. */
    public BinaryCopyRows text(String value) {
        if (value == null) {
            return nullValue();
        }
        int at = length;
        putInt(0); // the length, known once written
        room(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // not ASCII: the JDK's encoder for the whole value (as the driver encodes a String parameter)
                length = at;
                return utf8(value.getBytes(StandardCharsets.UTF_8));
            }
            bytes[length++] = (byte) c;
        }
        patchInt(at, length - at - 4);
        return this;
    }

    /** A text already in UTF-8, or a bytea (the same on the wire: its length and its bytes), or a null. */
    public BinaryCopyRows utf8(byte[] value) {
        if (value == null) {
            return nullValue();
        }
        putInt(value.length);
        put(value);
        return this;
    }

    /** A one-dimensional text[] (or a null); an empty list is the empty array {@code '{}'}. */
    public BinaryCopyRows textArray(List<String> values) {
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

    /**
     * Runs {@code copySql} ({@code COPY table (columns) FROM STDIN (FORMAT binary)}, the columns in the rows' order)
     * with these rows, on the connection of the caller's transaction. Returns the rows the server wrote.
     */
    public long copyInto(JdbcOperations jdbc, String copySql) {
        byte[] data = end();
        int size = length;
        Long written = jdbc.execute((ConnectionCallback<Long>) connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            try {
                copy.writeToCopy(data, 0, size);
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
        return written == null ? 0 : written;
    }

    /** The rows and the trailer, as the server reads them (ends the rows: no row can follow). */
    byte[] end() {
        if (!ended) {
            putShort(-1);
            ended = true;
        }
        return bytes;
    }

    /** What the server is sent, trailer included (for tests). */
    byte[] written() {
        end();
        return Arrays.copyOf(bytes, length);
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
