package io.roster.invite.session;

import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.contracts.workspace.IdleTimeoutPolicy;
import io.roster.messaging.Outbox;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SessionRepository {

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param tfa the account's two-factor mode (NONE when unset); @param phone its mobile number */
    record Account(UUID id, String workspaceId, String login, AccountStatus status, String passwordHash,
            Integer idleTimeoutMinutes, Boolean concurrentSessions, boolean modificationPrevention, TwoFactorMode tfa,
            String phone) {
    }

    record OpenSession(UUID id, UUID accountId, String workspaceId, Instant lastSeenAt, String clientIp) {
    }

    Optional<Account> accountByLogin(String workspaceId, String login) {
        return jdbc.sql("SELECT id, workspace_id, login, status, password_hash, idle_timeout_minutes,"
                        + " concurrent_sessions, modification_prevention, tfa, phone FROM invite.account"
                        + " WHERE workspace_id = ? AND lower(login) = lower(?) AND type = 'USER'")
                .params(workspaceId, login).query(SessionRepository::account).optional();
    }

    Optional<Account> account(UUID id) {
        return jdbc.sql("SELECT id, workspace_id, login, status, password_hash, idle_timeout_minutes,"
                        + " concurrent_sessions, modification_prevention, tfa, phone FROM invite.account WHERE id = ?")
                .param(id).query(SessionRepository::account).optional();
    }

    private static Account account(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String tfa = rs.getString(9);
        return new Account(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                AccountStatus.valueOf(rs.getString(4)), rs.getString(5), (Integer) rs.getObject(6),
                (Boolean) rs.getObject(7), rs.getBoolean(8), tfa == null ? TwoFactorMode.NONE : TwoFactorMode.valueOf(tfa),
                rs.getString(10));
    }

    boolean workspaceExists(String workspaceId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM invite.workspace WHERE id = ?)").param(workspaceId)
                .query(Boolean.class).single();
    }

    SessionPolicy policy(String workspaceId) {
        return jdbc.sql("SELECT idle_timeout_policy, idle_timeout_minutes, concurrent_sessions,"
                        + " users_may_change_concurrent_sessions FROM invite.workspace WHERE id = ?")
                .param(workspaceId)
                .query((rs, n) -> new SessionPolicy(IdleTimeoutPolicy.valueOf(rs.getString(1)), rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4)))
                .single();
    }

    void savePolicy(String workspaceId, SessionPolicy p) {
        jdbc.sql("UPDATE invite.workspace SET idle_timeout_policy = ?, idle_timeout_minutes = ?,"
                        + " concurrent_sessions = ?, users_may_change_concurrent_sessions = ? WHERE id = ?")
                .params(p.idleTimeoutPolicy().name(), p.idleTimeoutMinutes(), p.concurrentSessions(),
                        p.usersMayChangeConcurrentSessions(), workspaceId)
                .update();
    }

    void saveAccountSettings(UUID accountId, Integer idleTimeoutMinutes, Boolean concurrentSessions) {
        jdbc.sql("UPDATE invite.account SET idle_timeout_minutes = ?, concurrent_sessions = ?, updated_at = now()"
                        + " WHERE id = ?")
                .params(idleTimeoutMinutes, concurrentSessions, accountId).update();
    }

    void open(UUID id, byte[] tokenHash, String workspaceId, UUID accountId, String clientIp) {
        jdbc.sql("INSERT INTO invite.session (id, token_sha256, workspace_id, account_id, client_ip)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(id, tokenHash, workspaceId, accountId, clientIp).update();
    }

    /** The account's latest sign-in is {@code at} (never moved back). */
    void signedIn(UUID accountId, Instant at) {
        jdbc.sql("UPDATE invite.account SET last_sign_in_at = greatest(last_sign_in_at, ?) WHERE id = ?")
                .params(java.sql.Timestamp.from(at), accountId).update();
    }

    Optional<OpenSession> findOpen(byte[] tokenHash) {
        return jdbc.sql("SELECT id, account_id, workspace_id, last_seen_at, client_ip FROM invite.session"
                        + " WHERE token_sha256 = ? AND ended_at IS NULL")
                .param(tokenHash)
                .query((rs, n) -> new OpenSession(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5)))
                .optional();
    }

    void touch(UUID sessionId) {
        jdbc.sql("UPDATE invite.session SET last_seen_at = now() WHERE id = ?").param(sessionId).update();
    }

    void end(UUID sessionId, SessionEnd reason) {
        jdbc.sql("UPDATE invite.session SET ended_at = now(), end_reason = ? WHERE id = ? AND ended_at IS NULL")
                .params(reason.name(), sessionId).update();
    }

    /** Ends every open session of the account; returns how many. */
    public int endAll(UUID accountId, SessionEnd reason) {
        return jdbc.sql("UPDATE invite.session SET ended_at = now(), end_reason = ? WHERE account_id = ?"
                        + " AND ended_at IS NULL")
                .params(reason.name(), accountId).update();
    }

    /** {@link #endAll} for many accounts, as a statement for a data-modifying {@code WITH} clause of the caller's. */
    public Outbox.Insert endAllOf(Collection<UUID> accountIds, SessionEnd reason) {
        return new Outbox.Insert("UPDATE invite.session SET ended_at = now(), end_reason = ? WHERE account_id ="
                + " ANY(?::text[]::uuid[]) AND ended_at IS NULL", List.<Object>of(reason.name(),
                accountIds.stream().map(UUID::toString).toArray(String[]::new)));
    }

    /** Counts a failure; returns the failures so far (after a lock expired, counting starts again). */
    int recordFailure(String workspaceId, String login) {
        return jdbc.sql("""
                INSERT INTO invite.sign_in_lock (workspace_id, login, failures) VALUES (?, lower(?), 1)
                ON CONFLICT (workspace_id, login) DO UPDATE SET failures = CASE
                    WHEN invite.sign_in_lock.locked_until IS NOT NULL AND invite.sign_in_lock.locked_until <= now()
                    THEN 1 ELSE invite.sign_in_lock.failures + 1 END,
                    locked_until = CASE WHEN invite.sign_in_lock.locked_until <= now() THEN NULL
                    ELSE invite.sign_in_lock.locked_until END
                RETURNING failures""")
                .params(workspaceId, login).query(Integer.class).single();
    }

    void lock(String workspaceId, String login, Instant until) {
        jdbc.sql("UPDATE invite.sign_in_lock SET locked_until = ? WHERE workspace_id = ? AND login = lower(?)")
                .params(java.sql.Timestamp.from(until), workspaceId, login).update();
    }

    Optional<Instant> lockedUntil(String workspaceId, String login) {
        return jdbc.sql("SELECT locked_until FROM invite.sign_in_lock WHERE workspace_id = ? AND login = lower(?)"
                        + " AND locked_until > now()")
                .params(workspaceId, login)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    void clearFailures(String workspaceId, String login) {
        jdbc.sql("DELETE FROM invite.sign_in_lock WHERE workspace_id = ? AND login = lower(?)")
                .params(workspaceId, login).update();
    }
}
