package io.roster.invite.access;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Admin access keys: {@code rk_<id>.<secret>}, the secret shown once at creation and stored only as its
 * SHA-256. Verification compares digests in constant time.
 */
@Service
public class AccessKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    AccessKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new key; the returned token is the only time the secret exists outside the caller. */
    public record IssuedKey(String id, String token) {
    }

    /** Who a valid key belongs to. */
    public record Admin(String workspaceId, String keyId) {
    }

    /** A key as listed: never its secret. */
    public record KeyView(String id, String name, java.time.Instant createdAt, java.time.Instant revokedAt) {
    }

    public List<KeyView> list(String workspaceId) {
        return jdbc.sql("SELECT id, name, created_at, revoked_at FROM invite.access_key WHERE workspace_id = ?"
                        + " ORDER BY created_at")
                .param(workspaceId)
                .query((rs, n) -> new KeyView(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
    }

    public boolean revoke(String workspaceId, String keyId) {
        return jdbc.sql("UPDATE invite.access_key SET revoked_at = now() WHERE workspace_id = ? AND id = ?"
                        + " AND revoked_at IS NULL")
                .params(workspaceId, keyId).update() == 1;
    }

    public IssuedKey issue(String workspaceId, String name) {
        byte[] idBytes = new byte[9];
        RANDOM.nextBytes(idBytes);
        String id = "rk_" + HexFormat.of().formatHex(idBytes);
        String secretText = Secrets.newSecret();
        store(workspaceId, id, name, secretText);
        return new IssuedKey(id, id + "." + secretText);
    }

    /** Stores a key whose token is configured (a demo or bootstrap key), unless the id exists already. */
    public void storeConfigured(String workspaceId, String token, String name) {
        int dot = token.indexOf('.');
        if (dot < 1 || dot == token.length() - 1) {
            throw new IllegalArgumentException("an access key is <id>.<secret>");
        }
        jdbc.sql("INSERT INTO invite.access_key (id, workspace_id, name, secret_sha256) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO NOTHING")
                .params(token.substring(0, dot), workspaceId, name, Secrets.sha256(token.substring(dot + 1)))
                .update();
    }

    private void store(String workspaceId, String id, String name, String secret) {
        jdbc.sql("INSERT INTO invite.access_key (id, workspace_id, name, secret_sha256) VALUES (?, ?, ?, ?)")
                .params(id, workspaceId, name, Secrets.sha256(secret))
                .update();
    }

    public Optional<Admin> authenticate(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || token.length() > 200) {
            return Optional.empty();
        }
        String id = token.substring(0, dot);
        byte[] presented = Secrets.sha256(token.substring(dot + 1));
        return jdbc.sql("SELECT workspace_id, secret_sha256 FROM invite.access_key WHERE id = ? AND revoked_at IS NULL")
                .param(id)
                .query((rs, n) -> MessageDigest.isEqual(rs.getBytes(2), presented)
                        ? new Admin(rs.getString(1), id) : null)
                .optional();
    }

}
