package io.roster.audit.chain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a row's content hash covers, read back from the database as stored (so the sealer and the verifier hash the
 * same bytes): every column an admin reads, each length-prefixed (a null is not an empty text), the time in
 * microseconds as PostgreSQL keeps it, the details as jsonb's own text.
 */
final class ChainContent {

    /** The columns, in hashing order; select them with {@link #COLUMNS}. */
    static final String COLUMNS = columns("");

    /**
     * The same, of the log's table under an alias ({@code "a."}) in a join. The event id and the time are read as
     * they are and turned into the hashed text and microseconds here, as {@code event_id::text} and
     * {@code (extract(epoch FROM occurred_at) * 1000000)::bigint} gave them: the same values, without the server's
     * numeric arithmetic and uuid output for every row the sealer reads.
     */
    static String columns(String table) {
        return table + "event_id AS h_event, " + table + "workspace_id, " + table + "occurred_at AS h_at, " + table
                + "type, " + table + "action, " + table
                + "account_id, " + table + "subject, " + table + "actor_kind, " + table + "actor_id, " + table
                + "client_ip, " + table + "request_id, " + table + "summary, " + table + "details::text AS h_details, "
                + table + "invitation_id";
    }
    private static final String[] TEXTS = {"h_event", "workspace_id", "type", "action", "account_id", "subject",
        "actor_kind", "actor_id", "client_ip", "request_id", "summary", "h_details", "invitation_id"};

    private ChainContent() {
    }

    static byte[] hash(ResultSet rs) throws SQLException {
        return hash(rs, sha256());
    }

    /** The same with a digest of the caller's (reset first): the sealer hashes thousands of rows a batch. */
    static byte[] hash(ResultSet rs, MessageDigest digest) throws SQLException {
        String[] texts = new String[TEXTS.length];
        texts[0] = rs.getObject("h_event", UUID.class).toString();
        for (int i = 1; i < texts.length; i++) {
            texts[i] = rs.getString(TEXTS[i]);
        }
        return hash(micros(rs.getObject("h_at", OffsetDateTime.class).toInstant()), texts, digest);
    }

    /** Microseconds since 1970 of a time PostgreSQL stored (whole microseconds), as extract(epoch) * 10^6. */
    static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    }

    /**
     * The content hash of the time in microseconds and the {@link #TEXTS} in their order: sha256 of the time as 8
     * bytes, then of each text its UTF-8 length as 4 bytes and its bytes (a null: length -1, no bytes).
     */
    static byte[] hash(long micros, String[] texts, MessageDigest digest) {
        digest.reset();
        byte[] number = new byte[8];
        digest.update(ByteBuffer.wrap(number).putLong(micros).array());
        for (String value : texts) {
            if (value == null) {
                digest.update(ByteBuffer.wrap(number, 0, 4).putInt(-1).array(), 0, 4);
            } else {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.wrap(number, 0, 4).putInt(utf8.length).array(), 0, 4);
                digest.update(utf8);
            }
        }
        return digest.digest();
    }

    /** The chain hash of a row: sha256(previous row's chain hash || this row's content hash). */
    static byte[] link(byte[] previous, byte[] contentHash) {
        return link(previous, contentHash, sha256());
    }

    /** The same with a digest of the caller's (reset first). */
    static byte[] link(byte[] previous, byte[] contentHash, MessageDigest digest) {
        digest.reset();
        digest.update(previous);
        digest.update(contentHash);
        return digest.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
