package io.roster.importer.rows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The request ids of a job's rows: derived from the job's id and the row number alone, so the same row always sends
 * the same id (a slice sent again after a crash, a redelivery: invite-service answers it as repeated), and laid out
 * in row order. An RFC 9562 UUIDv8: its high 64 bits are the job's (60 bits of a SHA-256 of its id, with the version),
 * its low 64 bits the variant and the row number, so one job's ids are consecutive in a UUID's byte order — and in
 * its text form's — where name-based (v3) ids put each row's entry in {@code import_row}'s {@code request_id} index,
 * the projection's and invite-service's request log at a random page: READING's COPY and every answer's look-up
 * touched a page of their own a row on a large job.
 *
 * <p>Ids are stored with the rows when they are read ({@code import_row.request_id}) and read back from there: a job
 * staged before this layout keeps its name-based ids.
 */
public final class RequestIds {

    /** Row numbers fit the 62 bits after the variant. */
    private static final long MAX_ROW = (1L << 62) - 1;
    private static final long VERSION_8 = 0x8L << 12;
    private static final long VARIANT = 1L << 63;

    private final long high;

    private RequestIds(long high) {
        this.high = high;
    }

    /** A job's ids: its hash taken once for all its rows. */
    public static RequestIds of(UUID jobId) {
        long hash = ByteBuffer.wrap(sha256("roster-import:" + jobId)).getLong();
        // the hash's bits 63..16, the version's nibble, the hash's bits 15..4: 60 bits of the job
        return new RequestIds((hash & 0xFFFF_FFFF_FFFF_0000L) | VERSION_8 | ((hash >>> 4) & 0xFFFL));
    }

    /** The request id of the job's row. */
    public UUID row(long row) {
        if (row < 0 || row > MAX_ROW) {
            throw new IllegalArgumentException("row number " + row + " out of 0.." + MAX_ROW);
        }
        return new UUID(high, VARIANT | row);
    }

    private static byte[] sha256(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
