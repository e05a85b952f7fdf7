package io.roster.importer.rows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format: per row a field count, then each field's length ({@code -1} for NULL) and
 * its bytes as the server stores them — a UUID's 16 bytes, a bigint's 8, a text's UTF-8, a text array's header and
 * elements each with its length. PostgreSQL copies them without parsing any text: a text COPY of the same rows had it
 * read every field for escapes and every array literal for quotes (about 2.5 µs of its CPU a row of
 * {@code import_row}), and this side escaped them character by character. The stream opens with {@link #HEADER} and
 * ends with {@link #TRAILER}.
 */
final class CopyBinary {

    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    /** {@code text}'s type oid, named in a text array's header. */
    private static final int TEXT_OID = 25;

    private byte[] bytes;
    private int size;

    CopyBinary(int capacity) {
        this.bytes = new byte[Math.max(capacity, 64)];
    }

    /** Starts a row of {@code fields} fields. */
    CopyBinary row(int fields) {
        ensure(2);
        bytes[size++] = (byte) (fields >>> 8);
        bytes[size++] = (byte) fields;
        return this;
    }

    CopyBinary uuid(UUID value) {
        if (value == null) {
            return nullField();
        }
        int32(16);
        int64(value.getMostSignificantBits());
        int64(value.getLeastSignificantBits());
        return this;
    }

    CopyBinary bigint(long value) {
        int32(8);
        int64(value);
        return this;
    }

    CopyBinary bool(boolean value) {
        int32(1);
        ensure(1);
        bytes[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    CopyBinary text(String value) {
        if (value == null) {
            return nullField();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        raw(utf8);
        return this;
    }

    /** A one-dimensional {@code text[]} (lower bound 1) of these values, nulls included; none: the empty array. */
    CopyBinary textArray(String[] values) {
        int lengthAt = size;
        int32(0);
        int start = size;
        if (values.length == 0) {
            int32(0);
            int32(0);
            int32(TEXT_OID);
        } else {
            boolean nulls = false;
            for (String value : values) {
                nulls |= value == null;
            }
            int32(1);
            int32(nulls ? 1 : 0);
            int32(TEXT_OID);
            int32(values.length);
            int32(1);
            for (String value : values) {
                text(value);
            }
        }
        putInt32(lengthAt, size - start);
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private CopyBinary nullField() {
        int32(-1);
        return this;
    }

    private void int32(int value) {
        ensure(4);
        putInt32(size, value);
        size += 4;
    }

    private void putInt32(int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private void int64(long value) {
        int32((int) (value >>> 32));
        int32((int) value);
    }

    private void raw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
