package io.roster.audit.activity;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ActivityLogRepository {

    private final JdbcClient jdbc;

    ActivityLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The invitation was accepted as this account: the account's deletion will erase the invitation's entries. */
    void linkInvitation(String workspaceId, String invitationId, String accountId) {
        jdbc.sql("""
                INSERT INTO audit.invitation_account (workspace_id, invitation_id, account_id) VALUES (?, ?, ?)
                ON CONFLICT (workspace_id, invitation_id) DO NOTHING""")
                .params(workspaceId, invitationId, accountId)
                .update();
    }

    /**
     * The pseudonym of the deleted account this invitation became, if it was deleted. Called once the invitation's
     * entry is written: the link is locked (shared) until the transaction ends, as an erasure locks it before it
     * rewrites the account's entries ({@link #pseudonymize}), so either the erasure waits and then sees the entry, or
     * this waits for the erasure and sees its pseudonym.
     */
    Optional<String> erasedPseudonym(String workspaceId, String invitationId) {
        return jdbc.sql("""
                SELECT pseudonymous_id FROM audit.invitation_account
                WHERE workspace_id = ? AND invitation_id = ? FOR SHARE""")
                .params(workspaceId, invitationId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional().flatMap(pseudonym -> pseudonym);
    }

    /**
     * After a permanent deletion: the account's entries, and those of the invitation it was created from, keep
     * what happened and when, under a pseudonymous id; names, logins and addresses in them are erased. The link
     * keeps only the pseudonym, for invitation entries that arrive late.
     */
    List<RowKey> pseudonymize(String workspaceId, String accountId, String pseudonymousId) {
        // the account's invitation links first: an entry of one of its invitations being recorded holds its link
        // until it commits, and the rewrite below, a statement of its own, then sees it
        jdbc.sql("""
                SELECT invitation_id FROM audit.invitation_account WHERE workspace_id = ? AND account_id = ?
                FOR UPDATE""")
                .params(workspaceId, accountId)
                .query(String.class).list();
        List<RowKey> erased = jdbc.sql(ERASE + """
                WHERE workspace_id = :workspace AND (account_id = :account OR subject = :account
                    OR invitation_id IN (SELECT invitation_id FROM audit.invitation_account
                                         WHERE workspace_id = :workspace AND account_id = :account))""" + ERASED_KEYS)
                .param("pseudonym", pseudonymousId).param("account", accountId).param("workspace", workspaceId)
                .query(ActivityLogRepository::key).list();
        jdbc.sql("""
                UPDATE audit.invitation_account SET account_id = NULL, pseudonymous_id = ?
                WHERE workspace_id = ? AND account_id = ?""")
                .params(pseudonymousId, workspaceId, accountId)
                .update();
        return erased;
    }

    /** The entries of one invitation whose account was deleted, under that account's pseudonym. */
    List<RowKey> pseudonymizeInvitation(String workspaceId, String invitationId, String pseudonymousId) {
        return jdbc.sql(ERASE + " WHERE workspace_id = :workspace AND invitation_id = :invitation" + ERASED_KEYS)
                .param("pseudonym", pseudonymousId).param("account", "").param("workspace", workspaceId)
                .param("invitation", invitationId)
                .query(ActivityLogRepository::key).list();
    }

    /** The erased rows: every one is in its chain, so their new content must be signed. */
    static final String ERASED_KEYS = " RETURNING event_id, occurred_at";

    private static RowKey key(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new RowKey(rs.getObject("event_id", java.util.UUID.class),
                rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant());
    }

    /** What erasure leaves of an entry: the action, its time, the admin who did it, and the pseudonym. */
    private static final String ERASE = """
            UPDATE audit.activity_log SET account_id = :pseudonym, subject = :pseudonym, invitation_id = NULL,
                details = NULL,
                actor_id = CASE WHEN actor_id = :account OR actor_kind = 'USER' THEN :pseudonym ELSE actor_id END,
                summary = CASE WHEN action = 'ACCOUNT_DELETED' THEN summary
                    ELSE action || ' (personal data erased)' END
            """;
}
