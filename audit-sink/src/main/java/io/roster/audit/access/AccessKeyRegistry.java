package io.roster.audit.access;

import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.access.AccessKeyRevoked;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * audit-sink's own copy of the admin access keys, fed by {@code roster.access-keys}: the same
 * {@code rk_<id>.<secret>} tokens as invite-service's, checked against the announced SHA-256 of the secret.
 */
@Repository
class AccessKeyRegistry {

    private final JdbcClient jdbc;

    AccessKeyRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A key is issued once: a repeated or late announcement never brings a revoked key back. */
    void issued(String workspaceId, AccessKeyIssued key) {
        jdbc.sql("""
                INSERT INTO audit.access_key (id, workspace_id, name, secret_sha256, created_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(key.keyId(), workspaceId, key.name() == null ? "" : key.name(),
                        HexFormat.of().parseHex(key.secretSha256()), Timestamp.from(key.createdAt()))
                .update();
    }

    /** A revocation of a key never seen (compaction kept only its last event) has nothing to do. */
    void revoked(String workspaceId, AccessKeyRevoked key) {
        jdbc.sql("UPDATE audit.access_key SET revoked_at = ? WHERE id = ? AND workspace_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(key.revokedAt()), key.keyId(), workspaceId)
                .update();
    }

    /** The workspace of a valid, unrevoked key; empty for anything else. Digests are compared in constant time. */
    Optional<String> workspaceOf(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 1 || token.length() > 200) {
            return Optional.empty();
        }
        byte[] presented = sha256(token.substring(dot + 1));
        return jdbc.sql("SELECT workspace_id, secret_sha256 FROM audit.access_key WHERE id = ? AND revoked_at IS NULL")
                .param(token.substring(0, dot))
                .query((rs, n) -> MessageDigest.isEqual(rs.getBytes(2), presented) ? rs.getString(1) : null)
                .optional();
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
