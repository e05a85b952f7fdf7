package io.roster.importer.projection;

import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountUpdated;
import java.util.Collection;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code importer.known_account}: import-worker's own copy of each workspace's accounts — type, login, e-mail,
 * names, status, and the request id their creation answered — as {@code roster.account.events} tells them; what the
 * set-wise checks compare rows with.
 */
@Repository("importerKnownAccounts")
public class KnownAccounts {

    private final JdbcClient jdbc;

    public KnownAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The account's new status, and its workspace's licences used when a USER account is closed or reopened. The
     * status it had is read beside the update, in the statement's snapshot: the poll holds its workspace's
     * {@link #lockWorkspaces lock}, so no other change of the account is under way.
     */
    void statusChanged(String workspaceId, String accountId, AccountStatus to) {
        jdbc.sql("""
                WITH changed AS (
                    UPDATE importer.known_account k SET status = ? FROM importer.known_account was
                    WHERE k.workspace_id = ? AND k.account_id = ?
                        AND was.workspace_id = k.workspace_id AND was.account_id = k.account_id
                    RETURNING k.workspace_id, k.type, was.status AS was, k.status AS now)
                UPDATE importer.licences_used u SET used = u.used + CASE WHEN c.was = 'CLOSED' THEN 1 ELSE -1 END
                FROM changed c
                WHERE u.workspace_id = c.workspace_id AND c.type = 'USER'
                    AND (c.was = 'CLOSED') <> (c.now = 'CLOSED')""")
                .params(to.name(), workspaceId, accountId).update();
    }

    void updated(String workspaceId, AccountUpdated u) {
        if (u.newValues() == null) {
            return;
        }
        AccountUpdated.NewValues v = u.newValues();
        if (u.changedFields().contains("email") && v.email() != null) {
            set(workspaceId, u.accountId(), "email", lower(v.email()));
        }
        if (u.changedFields().contains("firstName") && v.firstName() != null) {
            set(workspaceId, u.accountId(), "first_name", v.firstName());
        }
        if (u.changedFields().contains("lastName") && v.lastName() != null) {
            set(workspaceId, u.accountId(), "last_name", v.lastName());
        }
    }

    private void set(String workspaceId, String accountId, String column, String value) {
        jdbc.sql("UPDATE importer.known_account SET " + column + " = ? WHERE workspace_id = ? AND account_id = ?")
                .params(value, workspaceId, accountId).update();
    }

    /**
     * The account's row goes, and its mark stays: a creation delivered again later does not bring it back, and the
     * request id its creation answered stays answered.
     */
    void deleted(String workspaceId, String accountId) {
        jdbc.sql("""
                WITH gone AS (
                    DELETE FROM importer.known_account WHERE workspace_id = ? AND account_id = ?
                    RETURNING workspace_id, type, status, request_id),
                mark AS (
                    INSERT INTO importer.known_account_gone (workspace_id, account_id, request_id)
                    VALUES (?, ?, (SELECT request_id FROM gone))
                    ON CONFLICT DO NOTHING)
                UPDATE importer.licences_used u SET used = u.used - 1 FROM gone g
                WHERE u.workspace_id = g.workspace_id AND g.type = 'USER' AND g.status <> 'CLOSED'""")
                .params(workspaceId, accountId, workspaceId, accountId).update();
    }

    /**
     * Locks the workspaces' rows of {@code licences_used} (made if missing), in the order of their ids, first thing
     * in a poll's transaction. Every write of the poll — accounts, licences used, its jobs' rows and counters — is
     * then made under its workspaces' locks: two polls of one workspace (two partitions, two instances) follow each
     * other instead of locking the same jobs in crossed orders, which ended in a deadlock.
     */
    void lockWorkspaces(Collection<String> workspaceIds) {
        if (workspaceIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO importer.licences_used AS u (workspace_id, used)
                SELECT w, 0 FROM unnest(?::text[]) w ORDER BY w
                ON CONFLICT (workspace_id) DO UPDATE SET used = u.used""")
                .param(workspaceIds.stream().sorted().distinct().toArray(String[]::new)).update();
    }

    /**
     * USER accounts that hold a licence: every one but the CLOSED; kept by the statements that change them (see
     * {@code V8__licences_used.sql}), not counted.
     */
    public long licencesUsed(String workspaceId) {
        return jdbc.sql("SELECT coalesce((SELECT used FROM importer.licences_used WHERE workspace_id = ?), 0)")
                .param(workspaceId).query(Long.class).single();
    }

    /** What {@link #forEachKey} hands each account's keys to. */
    public interface Keys {
        void account(String login, String email);
    }

    /** Every account of the workspace, its login and e-mail, streamed (a workspace may hold millions). */
    public void forEachKey(String workspaceId, Keys keys) {
        jdbc.sql("SELECT login, email FROM importer.known_account WHERE workspace_id = ?").param(workspaceId)
                .withFetchSize(10_000)
                .query(rs -> {
                    keys.account(rs.getString(1), rs.getString(2));
                });
    }

    /** Whether the workspace has more than {@code count} accounts, without counting past it. */
    public boolean moreThan(String workspaceId, long count) {
        return jdbc.sql("SELECT count(*) > ? FROM (SELECT 1 FROM importer.known_account WHERE workspace_id = ?"
                + " LIMIT ?) a").params(count, workspaceId, count + 1).query(Boolean.class).single();
    }

    /**
     * The workspace's accounts whose login or e-mail is one of these (lower case), found through their indexes: what
     * a small file's keys meet in a workspace of millions, instead of {@link #forEachKey} streaming them all.
     */
    public void forEachKeyAmong(String workspaceId, Collection<String> logins, Collection<String> emails, Keys keys) {
        jdbc.sql("SELECT login, email FROM importer.known_account WHERE workspace_id = ?"
                        + " AND (login = ANY (?::text[]) OR email = ANY (?::text[]))")
                .params(workspaceId, logins.toArray(String[]::new), emails.toArray(String[]::new))
                .query(rs -> {
                    keys.account(rs.getString(1), rs.getString(2));
                });
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
