package io.roster.audit.activity;

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
 * What a row's content hash covers: every column an admin reads, each length-prefixed (a null is not an empty
 * text), the time in microseconds as PostgreSQL keeps it, the details as jsonb's own text. The writer hashes a new
 * row's values in memory ({@link ActivityRow} holds them as they will be stored); the verifier and the erasure
 * markers hash a row read back from the database — the same bytes.
 */
public final class ChainContent {

    /** The columns, in hashing order; select them with {@link #COLUMNS}. */
    public static final String COLUMNS = columns("");

    /**
     * The same, of the log's table under an alias ({@code "a."}) in a join. The event id and the time are read as
     * they are and turned into the hashed text and microseconds here, as {@code event_id::text} and
     * {@code (extract(epoch FROM occurred_at) * 1000000)::bigint} give them.
     */
    public static String columns(String table) {
        return table + "event_id AS h_event, " + table + "workspace_id, " + table + "occurred_at AS h_at, " + table
                + "type, " + table + "action, " + table
                + "account_id, " + table + "subject, " + table + "actor_kind, " + table + "actor_id, " + table
                + "client_ip, " + table + "request_id, " + table + "summary, " + table + "details::text AS h_details, "
                + table + "invitation_id";
    }
    private static final String[] TEXTS = {"h_event", "workspace_id", "type", "action", "account_id", "subject",
        "actor_kind", "actor_id", "client_ip", "request_id", "summary", "h_details", "invitation_id"};
    private static final int DETAILS = 11;

    private ChainContent() {
    }

    public static byte[] hash(ResultSet rs) throws SQLException {
        return hash(rs, sha256());
    }

    /** The content hash of a row read with {@link #columns}, with a digest of the caller's (reset first). */
    public static byte[] hash(ResultSet rs, MessageDigest digest) throws SQLException {
        return hash(micros(rs.getObject("h_at", OffsetDateTime.class).toInstant()), texts(rs), digest);
    }

    /**
     * The same with the details as audit-sink writes them ({@link JsonbText}) rather than as this database printed
     * them: the verifier's second reading of a row whose hash did not match, in case a PostgreSQL version printed
     * some JSON otherwise than the writer's form, which is what the writer hashed. Null when the row has no details.
     */
    public static byte[] hashWithWrittenDetails(ResultSet rs, MessageDigest digest) throws SQLException {
        String[] texts = texts(rs);
        if (texts[DETAILS] == null) {
            return null;
        }
        texts[DETAILS] = JsonbText.ofJson(texts[DETAILS]);
        return hash(micros(rs.getObject("h_at", OffsetDateTime.class).toInstant()), texts, digest);
    }

    private static String[] texts(ResultSet rs) throws SQLException {
        String[] texts = new String[TEXTS.length];
        texts[0] = rs.getObject("h_event", UUID.class).toString();
        for (int i = 1; i < texts.length; i++) {
            texts[i] = rs.getString(TEXTS[i]);
        }
        return texts;
    }

    /** The content hash of a row about to be written, its texts already in UTF-8 in {@link #TEXTS}' order. */
    static byte[] hash(long micros, byte[][] utf8, MessageDigest digest) {
        digest.reset();
        byte[] number = new byte[8];
        digest.update(ByteBuffer.wrap(number).putLong(micros).array());
        for (byte[] value : utf8) {
            if (value == null) {
                digest.update(ByteBuffer.wrap(number, 0, 4).putInt(-1).array(), 0, 4);
            } else {
                digest.update(ByteBuffer.wrap(number, 0, 4).putInt(value.length).array(), 0, 4);
                digest.update(value);
            }
        }
        return digest.digest();
    }

    /** A row's texts in {@link #TEXTS}' order, in UTF-8 (nulls stay null): hashed, then copied as they are. */
    static byte[][] texts(ActivityRow row) {
        String[] texts = {row.eventId().toString(), row.workspaceId(), row.type(), row.action(), row.accountId(),
            row.subject(), row.actorKind(), row.actorId(), row.clientIp(), row.requestId(), row.summary(),
            row.detailsJson(), row.invitationId()};
        byte[][] utf8 = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            utf8[i] = texts[i] == null ? null : texts[i].getBytes(StandardCharsets.UTF_8);
        }
        return utf8;
    }

    /** The index of the details in {@link #texts(ActivityRow)}. */
    static final int DETAILS_TEXT = DETAILS;

    /**
     * The content hash of the time in microseconds and the {@link #TEXTS} in their order: sha256 of the time as 8
     * bytes, then of each text its UTF-8 length as 4 bytes and its bytes (a null: length -1, no bytes).
     */
    public static byte[] hash(long micros, String[] texts, MessageDigest digest) {
        byte[][] utf8 = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            utf8[i] = texts[i] == null ? null : texts[i].getBytes(StandardCharsets.UTF_8);
        }
        return hash(micros, utf8, digest);
    }

    /** Microseconds since 1970 of a time PostgreSQL stored (whole microseconds), as extract(epoch) * 10^6. */
    public static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    }

    /**
     * The time PostgreSQL keeps of an instant: whole microseconds, the nanoseconds rounded half up as its timestamp
     * input rounds a finer fraction (so an event recorded before the writer took this from it lands on the same
     * key again).
     */
    static Instant toMicros(Instant at) {
        int below = at.getNano() % 1000;
        if (below == 0) {
            return at;
        }
        Instant down = at.minusNanos(below);
        return below >= 500 ? down.plusNanos(1000) : down;
    }

    /** The chain hash of a row: sha256(previous row's chain hash || this row's content hash). */
    public static byte[] link(byte[] previous, byte[] contentHash) {
        return link(previous, contentHash, sha256());
    }

    /** The same with a digest of the caller's (reset first). */
    public static byte[] link(byte[] previous, byte[] contentHash, MessageDigest digest) {
        digest.reset();
        digest.update(previous);
        digest.update(contentHash);
        return digest.digest();
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
