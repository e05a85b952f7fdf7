package io.roster.audit.chain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.io.ByteArrayOutputStream;

/**
 * What a row's content hash covers, read back from the database as stored (so the sealer and the verifier hash the
 * same bytes): every column an admin reads, each length-prefixed (a null is not an empty text), the time in
 * microseconds as PostgreSQL keeps it, the details as jsonb's own text.
 */
final class ChainContent {

    /** The columns, in hashing order; select them with {@link #COLUMNS}. */
    static final String COLUMNS = columns("");

    /** The same, of the log's table under an alias ({@code "a."}) in a join. */
    static String columns(String table) {
        return table + "event_id::text AS h_event, " + table + "workspace_id, (extract(epoch FROM " + table
                + "occurred_at) * 1000000)::bigint AS h_micros, " + table + "type, " + table + "action, " + table
                + "account_id, " + table + "subject, " + table + "actor_kind, " + table + "actor_id, " + table
                + "client_ip, " + table + "request_id, " + table + "summary, " + table + "details::text AS h_details, "
                + table + "invitation_id";
    }
    private static final String[] TEXTS = {"h_event", "workspace_id", "type", "action", "account_id", "subject",
        "actor_kind", "actor_id", "client_ip", "request_id", "summary", "h_details", "invitation_id"};

    private ChainContent() {
    }

    static byte[] hash(ResultSet rs) throws SQLException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        bytes.writeBytes(ByteBuffer.allocate(8).putLong(rs.getLong("h_micros")).array());
        for (String column : TEXTS) {
            String value = rs.getString(column);
            if (value == null) {
                bytes.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                bytes.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
                bytes.writeBytes(utf8);
            }
        }
        return sha256().digest(bytes.toByteArray());
    }

    /** The chain hash of a row: sha256(previous row's chain hash || this row's content hash). */
    static byte[] link(byte[] previous, byte[] contentHash) {
        MessageDigest digest = sha256();
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
