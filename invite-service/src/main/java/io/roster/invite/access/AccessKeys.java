package io.roster.invite.access;

import io.roster.adminaccess.SecretHashes;
import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.access.AccessKeyRevoked;
import io.roster.messaging.Outbox;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admin access keys: {@code rk_<id>.<secret>}, the secret shown once at creation and stored only as its
 * SHA-256. Verification compares digests in constant time. Every issue and revocation is announced on
 * {@code roster.access-keys} through the outbox, in the same transaction, so that other services (audit-sink)
 * can check keys on their own; the secret itself never leaves this service.
 */
@Service
public class AccessKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    AccessKeys(JdbcClient jdbc, @Qualifier("inviteOutbox") Outbox outbox, @Qualifier("inviteClock") Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A new key; the returned token is the only time the secret exists outside the caller. */
    public record IssuedKey(String id, String token) {
    }

    /** A key as listed: never its secret. */
    public record KeyView(String id, String name, Instant createdAt, Instant revokedAt) {
    }

    /** Who asked for a key change, and the request it belongs to (the request id of the events). */
    public record Origin(Actor actor, String requestId) {

        public static Origin http(Actor actor) {
            return new Origin(actor, "http-" + UUID.randomUUID());
        }
    }

    public List<KeyView> list(String workspaceId) {
        return jdbc.sql("SELECT id, name, created_at, revoked_at FROM invite.access_key WHERE workspace_id = ?"
                        + " ORDER BY created_at")
                .param(workspaceId)
                .query((rs, n) -> new KeyView(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** Whether the workspace has this key, not revoked yet. */
    public boolean isActive(String workspaceId, String keyId) {
        return jdbc.sql("SELECT count(*) FROM invite.access_key WHERE workspace_id = ? AND id = ?"
                        + " AND revoked_at IS NULL")
                .params(workspaceId, keyId).query(Long.class).single() == 1;
    }

    /** Revokes an active key of the workspace and announces it; false when there is no such active key. */
    @Transactional
    public boolean revoke(String workspaceId, String keyId, Origin origin) {
        Optional<Instant> revokedAt = jdbc.sql("UPDATE invite.access_key SET revoked_at = ? WHERE workspace_id = ?"
                        + " AND id = ? AND revoked_at IS NULL RETURNING revoked_at")
                .params(java.sql.Timestamp.from(clock.instant()), workspaceId, keyId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
        revokedAt.ifPresent(at -> announce(workspaceId, origin, new AccessKeyRevoked(keyId, at)));
        return revokedAt.isPresent();
    }

    @Transactional
    public IssuedKey issue(String workspaceId, String name, Origin origin) {
        byte[] idBytes = new byte[9];
        RANDOM.nextBytes(idBytes);
        String id = "rk_" + HexFormat.of().formatHex(idBytes);
        String secretText = Secrets.newSecret();
        Instant createdAt = jdbc.sql("INSERT INTO invite.access_key (id, workspace_id, name, secret_sha256)"
                        + " VALUES (?, ?, ?, ?) RETURNING created_at")
                .params(id, workspaceId, name, SecretHashes.sha256(secretText))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
        announce(workspaceId, origin, new AccessKeyIssued(id, name, hex(SecretHashes.sha256(secretText)), createdAt));
        return new IssuedKey(id, id + "." + secretText);
    }

    /**
     * Stores and announces a key whose token is configured (a demo or bootstrap key), unless the id exists
     * already: a restart announces nothing again.
     */
    @Transactional
    public void storeConfigured(String workspaceId, String token, String name) {
        int dot = token.indexOf('.');
        if (dot < 1 || dot == token.length() - 1) {
            throw new IllegalArgumentException("an access key is <id>.<secret>");
        }
        String id = token.substring(0, dot);
        byte[] hash = SecretHashes.sha256(token.substring(dot + 1));
        jdbc.sql("INSERT INTO invite.access_key (id, workspace_id, name, secret_sha256) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO NOTHING RETURNING created_at")
                .params(id, workspaceId, name, hash)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional()
                .ifPresent(createdAt -> announce(workspaceId, new Origin(Actor.system("configuration"),
                        "configured-key:" + id), new AccessKeyIssued(id, name, hex(hash), createdAt)));
    }

    /**
     * Announces the keys stored before keys were announced (they were migrated with {@code announced = false}):
     * issued, then revoked if they are. Row locks make concurrent instances announce each key once.
     */
    @Transactional
    public int announceExisting() {
        record Unannounced(String id, String workspaceId, String name, byte[] hash, Instant createdAt,
                Instant revokedAt) {
        }
        List<Unannounced> keys = jdbc.sql("UPDATE invite.access_key SET announced = true WHERE NOT announced"
                        + " RETURNING id, workspace_id, name, secret_sha256, created_at, revoked_at")
                .query((ResultSet rs, int n) -> new Unannounced(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBytes(4), rs.getTimestamp(5).toInstant(), instant(rs, 6)))
                .list();
        for (Unannounced key : keys) {
            Origin origin = new Origin(Actor.system("invite-service"), "announce-key:" + key.id());
            announce(key.workspaceId(), origin, new AccessKeyIssued(key.id(), key.name(), hex(key.hash()),
                    key.createdAt()));
            if (key.revokedAt() != null) {
                announce(key.workspaceId(), origin, new AccessKeyRevoked(key.id(), key.revokedAt()));
            }
        }
        return keys.size();
    }

    private void announce(String workspaceId, Origin origin, Payload payload) {
        outbox.publish(new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(), clock.instant(),
                workspaceId, origin.requestId(), origin.actor(), payload));
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column) == null ? null : rs.getTimestamp(column).toInstant();
    }
}
