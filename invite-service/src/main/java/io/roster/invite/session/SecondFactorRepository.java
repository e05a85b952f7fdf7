package io.roster.invite.session;

import io.roster.contracts.account.TwoFactorMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** TOTP enrollments, security keys and open second-factor challenges (tables of V7__two_factor.sql). */
@Repository
class SecondFactorRepository {

    private final JdbcClient jdbc;

    SecondFactorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record TotpEnrollment(UUID accountId, byte[] secretEncrypted, long lastUsedStep, boolean confirmed) {
    }

    record Challenge(UUID id, String workspaceId, UUID accountId, TwoFactorMode method, String codeHash,
            byte[] webauthnChallenge, int attempts, Instant expiresAt) {
    }

    record SecurityKey(byte[] credentialId, byte[] attestedCredentialData, long signCount, boolean backupEligible,
            boolean backupState) {
    }

    java.util.List<SecurityKey> securityKeys(UUID accountId) {
        return jdbc.sql("SELECT credential_id, attested_credential_data, sign_count, backup_eligible, backup_state"
                        + " FROM invite.webauthn_credential WHERE account_id = ? ORDER BY created_at")
                .param(accountId)
                .query((rs, n) -> new SecurityKey(rs.getBytes(1), rs.getBytes(2), rs.getLong(3), rs.getBoolean(4),
                        rs.getBoolean(5)))
                .list();
    }

    /** False when that credential id is registered already (to whichever account). */
    boolean addSecurityKey(UUID accountId, String workspaceId, SecurityKey key) {
        return jdbc.sql("INSERT INTO invite.webauthn_credential (credential_id, account_id, workspace_id,"
                        + " attested_credential_data, sign_count, backup_eligible, backup_state)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (credential_id) DO NOTHING")
                .params(key.credentialId(), accountId, workspaceId, key.attestedCredentialData(), key.signCount(),
                        key.backupEligible(), key.backupState())
                .update() == 1;
    }

    void securityKeyUsed(byte[] credentialId, long signCount, boolean backupState) {
        jdbc.sql("UPDATE invite.webauthn_credential SET sign_count = ?, backup_state = ?, last_used_at = now()"
                        + " WHERE credential_id = ?")
                .params(signCount, backupState, credentialId).update();
    }

    boolean deleteSecurityKeys(String workspaceId, UUID accountId) {
        return jdbc.sql("DELETE FROM invite.webauthn_credential WHERE workspace_id = ? AND account_id = ?")
                .params(workspaceId, accountId).update() > 0;
    }

    Optional<TotpEnrollment> totp(UUID accountId) {
        return jdbc.sql("SELECT account_id, secret_encrypted, last_used_step, confirmed_at IS NOT NULL"
                        + " FROM invite.totp_enrollment WHERE account_id = ?")
                .param(accountId)
                .query((rs, n) -> new TotpEnrollment(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getLong(3),
                        rs.getBoolean(4)))
                .optional();
    }

    /** A new pending secret; replaces a pending one, never a confirmed one (returns false then). */
    boolean storePendingTotp(UUID accountId, String workspaceId, byte[] secretEncrypted) {
        return jdbc.sql("""
                INSERT INTO invite.totp_enrollment (account_id, workspace_id, secret_encrypted) VALUES (?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET secret_encrypted = excluded.secret_encrypted,
                    last_used_step = -1, created_at = now()
                WHERE invite.totp_enrollment.confirmed_at IS NULL""")
                .params(accountId, workspaceId, secretEncrypted).update() == 1;
    }

    /**
     * Spends the code's time step (and confirms a pending enrollment). False when a concurrent request spent
     * this step or a later one first: the code is then a replay.
     */
    boolean useTotpStep(UUID accountId, long step) {
        return jdbc.sql("UPDATE invite.totp_enrollment SET last_used_step = ?,"
                        + " confirmed_at = coalesce(confirmed_at, now()) WHERE account_id = ? AND last_used_step < ?")
                .params(step, accountId, step).update() == 1;
    }

    /** Removes the account's enrollment in that workspace; false when there was none. */
    boolean deleteTotp(String workspaceId, UUID accountId) {
        return jdbc.sql("DELETE FROM invite.totp_enrollment WHERE workspace_id = ? AND account_id = ?")
                .params(workspaceId, accountId).update() == 1;
    }

    /** Whether the account exists in that workspace (another workspace's account is simply not found). */
    boolean accountExists(String workspaceId, UUID accountId) {
        return jdbc.sql("SELECT count(*) FROM invite.account WHERE workspace_id = ? AND id = ?")
                .params(workspaceId, accountId).query(Long.class).single() == 1;
    }

    void openChallenge(UUID id, byte[] idHash, String workspaceId, UUID accountId, TwoFactorMode method, String codeHash,
            byte[] webauthnChallenge, String clientIp, Instant expiresAt) {
        jdbc.sql("INSERT INTO invite.sign_in_challenge (id, id_sha256, workspace_id, account_id, method, code_hash,"
                        + " webauthn_challenge, client_ip, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, idHash, workspaceId, accountId, method.name(), codeHash, webauthnChallenge, clientIp,
                        Timestamp.from(expiresAt))
                .update();
    }

    /** The open challenge behind a presented id, locked for this transaction: one completion at a time. */
    Optional<Challenge> lockOpenChallenge(byte[] idHash) {
        return jdbc.sql("SELECT id, workspace_id, account_id, method, code_hash, webauthn_challenge, attempts,"
                        + " expires_at FROM invite.sign_in_challenge WHERE id_sha256 = ? AND ended_at IS NULL"
                        + " FOR UPDATE")
                .param(idHash)
                .query((rs, n) -> new Challenge(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, UUID.class), TwoFactorMode.valueOf(rs.getString(4)), rs.getString(5), rs.getBytes(6), rs.getInt(7),
                        rs.getTimestamp(8).toInstant()))
                .optional();
    }

    /** Counts a wrong code; returns the attempts so far. */
    int countAttempt(UUID challengeId) {
        return jdbc.sql("UPDATE invite.sign_in_challenge SET attempts = attempts + 1 WHERE id = ? RETURNING attempts")
                .param(challengeId).query(Integer.class).single();
    }

    void endChallenge(UUID challengeId, ChallengeEnd reason) {
        jdbc.sql("UPDATE invite.sign_in_challenge SET ended_at = now(), end_reason = ? WHERE id = ?"
                        + " AND ended_at IS NULL")
                .params(reason.name(), challengeId).update();
    }

    /** Ends the account's open challenges: a new sign-in supersedes them, a reset voids them. */
    void endChallenges(UUID accountId, ChallengeEnd reason) {
        jdbc.sql("UPDATE invite.sign_in_challenge SET ended_at = now(), end_reason = ? WHERE account_id = ?"
                        + " AND ended_at IS NULL")
                .params(reason.name(), accountId).update();
    }
}
