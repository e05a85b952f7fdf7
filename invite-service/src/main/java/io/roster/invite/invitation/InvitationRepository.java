package io.roster.invite.invitation;

import io.roster.messaging.Outbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class InvitationRepository {

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record NewInvitation(UUID id, String email, byte[] tokenSha256, Instant expiresAt) {
    }

    /**
     * All of a request's invitations in one statement, returned as written, in {@link #byRequest}'s order; the
     * inserts of {@code with} (their events and mails) run in the same statement, one round trip for all.
     */
    List<InvitationView> insertAll(String workspaceId, List<NewInvitation> invitations, boolean admin,
            String permission, List<String> buckets, String language, String requestId, List<Outbox.Insert> with) {
        HexFormat hex = HexFormat.of();
        StringBuilder sql = new StringBuilder("WITH ");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < with.size(); i++) {
            sql.append("w").append(i).append(" AS (").append(with.get(i).sql()).append("), ");
            params.addAll(with.get(i).params());
        }
        sql.append("""
                written AS (
                    INSERT INTO invite.invitation (id, workspace_id, email, admin, permission, buckets, mail_language,
                        status, token_sha256, expires_at, request_id)
                    SELECT i::uuid, ?, e, ?, ?, ?, ?, 'PENDING', decode(t, 'hex'), x, ?
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[]) AS n(i, e, t, x)
                    RETURNING *)
                SELECT * FROM written ORDER BY email""");
        params.addAll(Arrays.asList(workspaceId, admin, permission, buckets.toArray(String[]::new), language,
                requestId, invitations.stream().map(n -> n.id().toString()).toArray(String[]::new),
                invitations.stream().map(NewInvitation::email).toArray(String[]::new),
                invitations.stream().map(n -> hex.formatHex(n.tokenSha256())).toArray(String[]::new),
                invitations.stream().map(n -> Timestamp.from(n.expiresAt())).toArray(Timestamp[]::new)));
        return jdbc.sql(sql.toString())
                .params(params)
                .query(InvitationRepository::map)
                .list();
    }

    /** A workspace's licence counters. */
    record LicenceCounters(long licenceCount, long licencesUsed, long pendingAtMost) {
    }

    /** Which of the addresses asked for have a pending invitation (lower-cased), and the workspace's counters. */
    record Pending(Set<String> emails, LicenceCounters counters) {
    }

    /**
     * Which of these addresses (lower-cased) have a pending invitation, and the workspace's counters, read without a
     * lock: licences in use, and pending invitations as kept by the {@code invitation_pending_count} trigger, an
     * upper bound, as expired ones count until they are closed. A pending invitation past its expiry is closed
     * here (which frees its address to be invited again) and not returned; that takes a second statement, only
     * then. The arrays are behind sub-selects so that PostgreSQL keeps a generic plan (see
     * {@code AccountRepository.taken}); with the update in the same statement it planned every call.
     */
    Pending expireAndFindPending(String workspaceId, List<String> emails) {
        String[] lower = emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        Set<String> pending = new HashSet<>();
        List<String> expired = new ArrayList<>();
        LicenceCounters counters = jdbc.sql("""
                SELECT w.licence_count, w.licences_used, w.invitations_pending, p.e, p.live
                FROM invite.workspace w LEFT JOIN LATERAL (
                    SELECT k.e, i.expires_at > now() AS live FROM unnest((SELECT ?::text[])) AS k(e)
                    CROSS JOIN LATERAL (SELECT expires_at FROM invite.invitation i WHERE i.workspace_id = w.id
                        AND lower(i.email) = k.e AND i.status = 'PENDING' LIMIT 1) i) p ON true
                WHERE w.id = ?""")
                .params(lower, workspaceId)
                .query(rs -> {
                    LicenceCounters read = null;
                    while (rs.next()) {
                        read = new LicenceCounters(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                        if (rs.getString(4) != null) {
                            (rs.getBoolean(5) ? pending : expired).add(rs.getString(4));
                        }
                    }
                    if (read == null) {
                        throw new EmptyResultDataAccessException(1);
                    }
                    return read;
                });
        if (!expired.isEmpty()) {
            jdbc.sql("UPDATE invite.invitation SET status = 'CANCELLED', closed_at = now() WHERE workspace_id = ?"
                            + " AND lower(email) = ANY(?::text[]) AND status = 'PENDING' AND expires_at <= now()")
                    .params(workspaceId, expired.toArray(String[]::new))
                    .update();
        }
        return new Pending(pending, counters);
    }

    /** The SQLSTATE of the {@code invitation_licences} trigger's refusal (see migration V14). */
    private static final String LICENCES_REFUSED = "RS001";

    /**
     * Counts this transaction's new invitations as pending on the workspace row now instead of at commit (the
     * {@code invitation_licences} trigger), which locks that row until the transaction ends. False when that would
     * promise more licences than the workspace has: the transaction must then be rolled back (to a savepoint).
     */
    boolean promiseNow() {
        try {
            jdbc.sql("SET CONSTRAINTS invite.invitation_licences IMMEDIATE").update();
            return true;
        } catch (DataAccessException e) {
            if (lostTheLicences(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Whether {@code e} (a statement's or a commit's) is the {@code invitation_licences} trigger's refusal. */
    static boolean lostTheLicences(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && LICENCES_REFUSED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Pending, unexpired invitations: each will take a licence when accepted. */
    long pendingCount(String workspaceId) {
        return jdbc.sql("SELECT count(*) FROM invite.invitation WHERE workspace_id = ? AND status = 'PENDING'"
                        + " AND expires_at > now()")
                .param(workspaceId).query(Long.class).single();
    }

    /** Invitations that count against a trial's limit: pending or accepted. */
    long invitedCount(String workspaceId) {
        return jdbc.sql("SELECT count(*) FROM invite.invitation WHERE workspace_id = ? AND status <> 'CANCELLED'")
                .param(workspaceId).query(Long.class).single();
    }

    List<InvitationView> byRequest(String workspaceId, String requestId) {
        return jdbc.sql("SELECT * FROM invite.invitation WHERE workspace_id = ? AND request_id = ? ORDER BY email")
                .params(workspaceId, requestId).query(InvitationRepository::map).list();
    }

    /** @param status null: every status */
    List<InvitationView> list(String workspaceId, InvitationStatus status, int offset, int limit) {
        String name = status == null ? null : status.name();
        return jdbc.sql("SELECT * FROM invite.invitation WHERE workspace_id = ? AND (?::text IS NULL OR status = ?)"
                        + " ORDER BY created_at DESC, id OFFSET ? LIMIT ?")
                .params(workspaceId, name, name, offset, limit).query(InvitationRepository::map).list();
    }

    Optional<InvitationView> find(String workspaceId, UUID id) {
        return jdbc.sql("SELECT * FROM invite.invitation WHERE workspace_id = ? AND id = ?")
                .params(workspaceId, id).query(InvitationRepository::map).optional();
    }

    Optional<InvitationView> lock(String workspaceId, UUID id) {
        return jdbc.sql("SELECT * FROM invite.invitation WHERE workspace_id = ? AND id = ? FOR UPDATE")
                .params(workspaceId, id).query(InvitationRepository::map).optional();
    }

    record ByToken(String workspaceId, InvitationView invitation) {
    }

    Optional<ByToken> lockByToken(byte[] tokenHash) {
        return jdbc.sql("SELECT * FROM invite.invitation WHERE token_sha256 = ? FOR UPDATE")
                .param(tokenHash)
                .query((rs, n) -> new ByToken(rs.getString("workspace_id"), map(rs, n)))
                .optional();
    }

    void resent(UUID id, byte[] tokenHash, Instant expiresAt) {
        jdbc.sql("UPDATE invite.invitation SET token_sha256 = ?, expires_at = ?, last_sent_at = now(),"
                        + " send_count = send_count + 1 WHERE id = ?")
                .params(tokenHash, Timestamp.from(expiresAt), id).update();
    }

    void close(UUID id, InvitationStatus status, UUID accountId) {
        jdbc.sql("UPDATE invite.invitation SET status = ?, accepted_account_id = ?, closed_at = now() WHERE id = ?")
                .params(status.name(), accountId, id).update();
    }

    static InvitationView map(ResultSet rs, int row) throws SQLException {
        return new InvitationView(rs.getObject("id", UUID.class), rs.getString("email"),
                InvitationStatus.valueOf(rs.getString("status")),
                rs.getBoolean("admin"), rs.getString("permission"),
                Arrays.asList((String[]) rs.getArray("buckets").getArray()), rs.getString("mail_language"),
                rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("last_sent_at").toInstant(),
                rs.getInt("send_count"), rs.getObject("accepted_account_id", UUID.class),
                rs.getTimestamp("created_at").toInstant());
    }
}
