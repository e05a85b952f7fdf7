package io.roster.invite.session;

import io.roster.invite.InviteProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each SMS costs money and can be abused (an attacker who knows a password, or a script, can make Roster text a
 * phone again and again): at most {@code roster.invite.sms.max-per-account} codes per account in
 * {@code per-account-window}, and {@code max-per-workspace} per workspace in {@code per-workspace-window}. Sends are
 * counted in {@code invite.sms_send}, under a transaction-scoped advisory lock per workspace, so every instance
 * counts the same sends and two concurrent sign-ins cannot both take the last one.
 */
@Component
class SmsQuota {

    private final JdbcClient jdbc;
    private final InviteProperties.Sms limits;

    SmsQuota(JdbcClient jdbc, InviteProperties properties) {
        this.jdbc = jdbc;
        this.limits = properties.sms();
    }

    private record Counts(int account, long accountWaitSeconds, int workspace, long workspaceWaitSeconds) {
    }

    /**
     * Takes one send of the account's and the workspace's allowance, in the caller's transaction; or, when either
     * is used up, the refusal (429) with how long until a send frees up.
     */
    Optional<SessionService.Refused> take(String workspaceId, UUID accountId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param("invite.sms_send/" + workspaceId)
                .query((rs, n) -> Boolean.TRUE).list();
        long accountWindow = limits.perAccountWindow().toSeconds();
        long workspaceWindow = limits.perWorkspaceWindow().toSeconds();
        Counts counts = jdbc.sql("""
                SELECT count(*) FILTER (WHERE account_id = ? AND sent_at > now() - make_interval(secs => ?)),
                       ceil(extract(epoch FROM min(sent_at) FILTER (WHERE account_id = ?
                           AND sent_at > now() - make_interval(secs => ?)) + make_interval(secs => ?) - now())),
                       count(*) FILTER (WHERE sent_at > now() - make_interval(secs => ?)),
                       ceil(extract(epoch FROM min(sent_at) FILTER (WHERE sent_at > now() - make_interval(secs => ?))
                           + make_interval(secs => ?) - now()))
                FROM invite.sms_send WHERE workspace_id = ?""")
                .params(accountId, accountWindow, accountId, accountWindow, accountWindow, workspaceWindow,
                        workspaceWindow, workspaceWindow, workspaceId)
                .query((rs, n) -> new Counts(rs.getInt(1), rs.getLong(2), rs.getInt(3), rs.getLong(4))).single();
        if (counts.account() >= limits.maxPerAccount()) {
            return Optional.of(new SessionService.Refused(429, "too many SMS codes for this account: at most "
                    + limits.maxPerAccount() + " in " + minutes(limits.perAccountWindow())
                    + "; try again later", Duration.ofSeconds(Math.max(1, counts.accountWaitSeconds()))));
        }
        if (counts.workspace() >= limits.maxPerWorkspace()) {
            return Optional.of(new SessionService.Refused(429, "too many SMS codes for this workspace: at most "
                    + limits.maxPerWorkspace() + " in " + minutes(limits.perWorkspaceWindow())
                    + "; try again later", Duration.ofSeconds(Math.max(1, counts.workspaceWaitSeconds()))));
        }
        jdbc.sql("INSERT INTO invite.sms_send (workspace_id, account_id) VALUES (?, ?)")
                .params(workspaceId, accountId).update();
        jdbc.sql("DELETE FROM invite.sms_send WHERE workspace_id = ? AND sent_at < now() - make_interval(secs => ?)")
                .params(workspaceId, Math.max(accountWindow, workspaceWindow)).update();
        return Optional.empty();
    }

    private static String minutes(Duration window) {
        return window.toMinutes() + " min";
    }
}
