package io.roster.importer.projection;

import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountUpdated;
import java.util.Collection;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code importer.known_account}: import-worker's own copy of each workspace's accounts — type, login, e-mail,
 * names, status — as {@code roster.account.events} tells them; what the set-wise checks compare rows with.
 */
@Repository("importerKnownAccounts")
public class KnownAccounts {

    private final JdbcClient jdbc;

    public KnownAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void statusChanged(String workspaceId, String accountId, AccountStatus to) {
        jdbc.sql("UPDATE importer.known_account SET status = ? WHERE workspace_id = ? AND account_id = ?")
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

    /** The account's row goes, and its mark stays: a creation delivered again later does not bring it back. */
    void deleted(String workspaceId, String accountId) {
        jdbc.sql("""
                WITH gone AS (DELETE FROM importer.known_account WHERE workspace_id = ? AND account_id = ?)
                INSERT INTO importer.known_account_gone (workspace_id, account_id) VALUES (?, ?)
                ON CONFLICT DO NOTHING""")
                .params(workspaceId, accountId, workspaceId, accountId).update();
    }

    /** USER accounts that hold a licence: every one but the CLOSED. */
    public long licencesUsed(String workspaceId) {
        return jdbc.sql("SELECT count(*) FROM importer.known_account WHERE workspace_id = ? AND type = 'USER'"
                + " AND status <> 'CLOSED'").param(workspaceId).query(Long.class).single();
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
