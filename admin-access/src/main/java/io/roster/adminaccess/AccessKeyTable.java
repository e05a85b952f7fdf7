package io.roster.adminaccess;

import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.access.AccessKeyRevoked;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code access_key} table of one service's schema, as {@code db/admin-access} creates it. */
class AccessKeyTable {

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final JdbcClient jdbc;
    private final String insert;
    private final String revoke;
    private final String selectActive;

    AccessKeyTable(JdbcClient jdbc, String schema) {
        // The schema is a constant of the service using the replica, but it ends up in SQL text: plain names only.
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        this.jdbc = jdbc;
        String table = schema + ".access_key";
        this.insert = "INSERT INTO " + table + " (id, workspace_id, name, secret_sha256, created_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
        this.revoke = "UPDATE " + table + " SET revoked_at = ? WHERE id = ? AND workspace_id = ? AND revoked_at IS NULL";
        this.selectActive = "SELECT workspace_id, secret_sha256 FROM " + table + " WHERE id = ? AND revoked_at IS NULL";
    }

    /** A key is issued once: a repeated or late announcement never brings a revoked key back. */
    void issued(String workspaceId, AccessKeyIssued key) {
        jdbc.sql(insert)
                .params(key.keyId(), workspaceId, key.name() == null ? "" : key.name(),
                        HexFormat.of().parseHex(key.secretSha256()), Timestamp.from(key.createdAt()))
                .update();
    }

    /** A revocation of a key never seen (compaction kept only its last event) has nothing to do. */
    void revoked(String workspaceId, AccessKeyRevoked key) {
        jdbc.sql(revoke).params(Timestamp.from(key.revokedAt()), key.keyId(), workspaceId).update();
    }

    Optional<AdminKeyLookup.ActiveKey> activeKey(String keyId) {
        return jdbc.sql(selectActive)
                .param(keyId)
                .query((rs, n) -> new AdminKeyLookup.ActiveKey(rs.getString(1), rs.getBytes(2)))
                .optional();
    }
}
