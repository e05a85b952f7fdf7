package io.roster.messaging;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
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
 * smallint, jsonb, bytea); big-endian throughout. A COPY writes the rows in their order and fires the table's
 * triggers and checks like an INSERT; a unique or check violation fails it whole, translated like any statement's (a
 * {@code DuplicateKeyException} for a unique violation).
 * <p>
 * Two framings: {@code new BinaryCopyRows(…)} is a whole COPY (header, rows, trailer: {@link #copyInto} or
 * {@link #toInputStream}); {@link #part} is rows alone, for a COPY streamed batch by batch on one {@code CopyIn}
 * ({@link #header()} once, the parts, {@link #trailer()} last). {@link #clear} empties either for the next batch, so
 * that a writer reuses one buffer.
 * <p>
 * This is the one binary COPY writer: invite-service, the outbox, audit-sink's activity log, import-worker's staged
 * rows and the benchmarks all write with it (import-worker's {@code upload/BinaryCopy} reads a {@code COPY … TO
 * STDOUT}, another job).
 */
public final class BinaryCopyRows {

    /** What the buffer holds around the rows. */
    private enum Framing {
        /** The header before the rows and the trailer after them: a whole COPY. */
        WHOLE_COPY,
        /** The rows alone: one part of a COPY whose header and trailer are sent apart. */
        ROWS_ONLY
    }

    /** The signature, the flags (no OIDs) and the header extension's length (none). */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    /** A field count of -1. */
    private static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};
    /** PostgreSQL's timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long EPOCH_2000_MICROS = 946_684_800L * 1_000_000L;
    private static final int TEXT_OID = 25;

    private final Framing framing;
    private byte[] bytes;
    private int length;
    private int rows;
    private boolean ended;

    /** A whole COPY with room for about {@code expectedBytes}; the buffer grows as needed. */
    public BinaryCopyRows(int expectedBytes) {
        this(expectedBytes, Framing.WHOLE_COPY);
    }

    private BinaryCopyRows(int expectedBytes, Framing framing) {
        this.framing = framing;
        bytes = new byte[Math.max(64, expectedBytes)];
        clear();
    }

    /**
     * Rows without the header and the trailer: one part of a COPY streamed on one {@code CopyIn}, which the caller
     * opens with {@link #header()} and ends with {@link #trailer()}.
     */
    public static BinaryCopyRows part(int expectedBytes) {
        return new BinaryCopyRows(expectedBytes, Framing.ROWS_ONLY);
    }

    /** What a streamed COPY starts with, before its first {@link #part}. */
    public static byte[] header() {
        return HEADER.clone();
    }

    /** What a streamed COPY ends with, after its last {@link #part}. */
    public static byte[] trailer() {
        return TRAILER.clone();
    }

    /** Empty again, the buffer kept (its header alone for a whole COPY): rows can follow. */
    public void clear() {
        length = 0;
        rows = 0;
        ended = false;
        if (framing == Framing.WHOLE_COPY) {
            put(HEADER);
        }
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
        return timestamptzMicros(Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), micros));
    }

    /**
     * A timestamptz given as microseconds since 1970-01-01T00:00:00Z ({@code extract(epoch FROM t) * 1000000}),
     * written as they are: for a caller that must store exactly the microseconds it computed with (a hash of them).
     */
    public BinaryCopyRows timestamptzMicros(long microsSince1970) {
        return int8(Math.subtractExact(microsSince1970, EPOCH_2000_MICROS));
    }

    public BinaryCopyRows int8(Long value) {
        if (value == null) {
            return nullValue();
        }
        return int8(value.longValue());
    }

    public BinaryCopyRows int8(long value) {
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

    /** A smallint (or a null); a value outside its range is refused rather than written as another number. */
    public BinaryCopyRows int2(Integer value) {
        if (value == null) {
            return nullValue();
        }
        if (value != value.shortValue()) {
            throw new IllegalArgumentException(value + " is outside a smallint's range");
        }
        putInt(2);
        putShort(value);
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

    /** A bytea (or a null): its length and its bytes. */
    public BinaryCopyRows bytea(byte[] value) {
        return utf8(value);
    }

    /** A jsonb (or a null) from its text in UTF-8: jsonb's binary form is a version byte (1) and the text. */
    public BinaryCopyRows jsonb(byte[] utf8) {
        if (utf8 == null) {
            return nullValue();
        }
        putInt(utf8.length + 1);
        room(1);
        bytes[length++] = 1;
        put(utf8);
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
        requireWholeCopy();
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

    /**
     * A whole COPY, trailer included, to hand to {@code CopyManager.copyIn}: it reads this buffer, so
     * {@link #clear} only once the COPY has read it. Ends the rows: no row can follow until {@link #clear}.
     */
    public InputStream toInputStream() {
        requireWholeCopy();
        end();
        return new ByteArrayInputStream(bytes, 0, length);
    }

    /**
     * What the server is sent: a whole COPY, trailer included, or a {@link #part}'s rows. Ends the rows: no row can
     * follow until {@link #clear}.
     */
    public byte[] toByteArray() {
        end();
        return Arrays.copyOf(bytes, length);
    }

    /** The rows and the trailer of a whole COPY, as the server reads them. */
    private byte[] end() {
        if (!ended) {
            if (framing == Framing.WHOLE_COPY) {
                put(TRAILER);
            }
            ended = true;
        }
        return bytes;
    }

    private void requireWholeCopy() {
        if (framing != Framing.WHOLE_COPY) {
            throw new IllegalStateException("a part has no header and no trailer: stream it between them");
        }
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
