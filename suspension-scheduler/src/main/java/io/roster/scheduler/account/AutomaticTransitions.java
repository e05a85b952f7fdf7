package io.roster.scheduler.account;

import io.roster.contracts.workspace.AutomaticSuspension;
import io.roster.scheduler.transition.DueTransitions;
import io.roster.scheduler.transition.TransitionKind;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Automatic suspension and expiry, as the workspace's settings ({@code workspace.facts.v1}) say, for the accounts
 * that follow them (EXPIRATION_MODE DEFAULT, not "prevent automatic suspension", not CLOSED or deleted):
 * <ul>
 * <li>AUTO_SUSPEND: an ACTIVE account is suspended {@code suspendAfterDays} × 24 h after it went idle — its latest
 * sign-in, or when it became ACTIVE (creation, reactivation) if that is later or it never signed in;</li>
 * <li>SUSPENSION_WARNING: {@code warnDaysBefore} × 24 h before that, its owner is mailed, once per suspension
 * instant; none when the suspension is no longer ahead;</li>
 * <li>AUTO_EXPIRE: an INACTIVE account (suspended automatically or not) is closed {@code expireAfterDays} × 24 h after
 * it became INACTIVE.</li>
 * </ul>
 * Each is derived from all the scheduler knows of the account, under its row lock, and replaces what was pending;
 * a change of the settings derives them again for the whole workspace in a few set-wise statements. Everything
 * runs in the caller's transaction.
 */
@Component
public class AutomaticTransitions {

    private static final String AUTOMATIC_KINDS = "('AUTO_SUSPEND', 'SUSPENSION_WARNING', 'AUTO_EXPIRE')";
    /** Accounts that follow the workspace's rules, in SQL (see {@link AccountSchedule#followsTheWorkspaceRules}). */
    private static final String FOLLOWS = "workspace_id = ? AND expiration_mode = 'DEFAULT'"
            + " AND NOT prevent_automatic_suspension";
    /** {@link AccountSchedule#idleSince} in SQL: greatest() skips nulls. */
    private static final String IDLE_SINCE = "greatest(last_sign_in_at, active_since)";

    private final JdbcClient jdbc;
    private final DueTransitions transitions;
    private final Clock clock;

    AutomaticTransitions(JdbcClient jdbc, DueTransitions transitions, @Qualifier("schedulerClock") Clock clock) {
        this.jdbc = jdbc;
        this.transitions = transitions;
        this.clock = clock;
    }

    /**
     * The workspace's settings, its row share-locked until the transaction ends: a change of them waits for the
     * account being recomputed, and the account for the change (all off for a workspace not heard of).
     */
    AutomaticSuspension settingsOf(String workspaceId) {
        return jdbc.sql("""
                SELECT suspend_after_days, expire_after_days, warn_days_before FROM scheduler.workspace_policy
                WHERE workspace_id = ? FOR SHARE""")
                .param(workspaceId)
                .query((rs, n) -> new AutomaticSuspension(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
                .optional().orElse(AutomaticSuspension.OFF);
    }

    /** Whether going from {@code before} to {@code after} can change the account's automatic transitions. */
    boolean dependsOnTheChange(AccountSchedule before, AccountSchedule after) {
        return before.status() != after.status() || before.expirationMode() != after.expirationMode()
                || before.preventAutomaticSuspension() != after.preventAutomaticSuspension()
                || !Objects.equals(before.idleSince(), after.idleSince())
                || !Objects.equals(before.suspendedSince(), after.suspendedSince());
    }

    /**
     * The account's automatic transitions as its state and the workspace's settings now say: those due replaced, the
     * others cancelled in one statement (most account events of a workspace without these settings cost just that).
     */
    void recompute(String workspaceId, String accountId, AccountSchedule account, AutomaticSuspension settings) {
        EnumSet<TransitionKind> cancelled = EnumSet.of(TransitionKind.AUTO_SUSPEND, TransitionKind.SUSPENSION_WARNING,
                TransitionKind.AUTO_EXPIRE);
        boolean follows = account.followsTheWorkspaceRules();
        Instant idleSince = account.idleSince();
        if (follows && account.status() == KnownStatus.ACTIVE && settings.suspendAfterDays() > 0 && idleSince != null) {
            Instant suspendAt = idleSince.plus(Duration.ofDays(settings.suspendAfterDays()));
            transitions.replace(workspaceId, accountId, TransitionKind.AUTO_SUSPEND, suspendAt, null, account.version());
            cancelled.remove(TransitionKind.AUTO_SUSPEND);
            if (settings.warnDaysBefore() > 0 && suspendAt.isAfter(clock.instant())) {
                transitions.replace(workspaceId, accountId, TransitionKind.SUSPENSION_WARNING,
                        suspendAt.minus(Duration.ofDays(settings.warnDaysBefore())), suspendAt, account.version());
                cancelled.remove(TransitionKind.SUSPENSION_WARNING);
            }
        }
        if (follows && account.status() == KnownStatus.INACTIVE && settings.expireAfterDays() > 0
                && account.suspendedSince() != null) {
            transitions.replace(workspaceId, accountId, TransitionKind.AUTO_EXPIRE,
                    account.suspendedSince().plus(Duration.ofDays(settings.expireAfterDays())), null,
                    account.version());
            cancelled.remove(TransitionKind.AUTO_EXPIRE);
        }
        transitions.cancel(workspaceId, accountId, cancelled);
    }

    /**
     * The workspace's settings from its facts of {@code version}: stored unless older than those known, and if they
     * differ, every account's automatic transitions derived again (the facts are announced again at each start of
     * invite-service: unchanged settings cost one row's update, not a pass over the accounts).
     */
    public void settingsChanged(String workspaceId, AutomaticSuspension settings, Instant version) {
        Optional<Known> known = jdbc.sql("""
                SELECT suspend_after_days, expire_after_days, warn_days_before, version
                FROM scheduler.workspace_policy WHERE workspace_id = ? FOR UPDATE""")
                .param(workspaceId)
                .query((rs, n) -> new Known(new AutomaticSuspension(rs.getInt(1), rs.getInt(2), rs.getInt(3)),
                        rs.getTimestamp(4).toInstant()))
                .optional();
        if (known.isPresent() && known.get().version().isAfter(version)) {
            return;
        }
        jdbc.sql("""
                INSERT INTO scheduler.workspace_policy (workspace_id, suspend_after_days, expire_after_days,
                    warn_days_before, version)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id) DO UPDATE SET suspend_after_days = excluded.suspend_after_days,
                    expire_after_days = excluded.expire_after_days, warn_days_before = excluded.warn_days_before,
                    version = excluded.version""")
                .params(workspaceId, settings.suspendAfterDays(), settings.expireAfterDays(), settings.warnDaysBefore(),
                        Timestamp.from(version))
                .update();
        AutomaticSuspension before = known.map(Known::settings).orElse(AutomaticSuspension.OFF);
        if (!before.equals(settings)) {
            recomputeWorkspace(workspaceId, settings, version);
        }
    }

    private record Known(AutomaticSuspension settings, Instant version) {
    }

    private void recomputeWorkspace(String workspaceId, AutomaticSuspension settings, Instant version) {
        Timestamp at = Timestamp.from(version);
        jdbc.sql("DELETE FROM scheduler.due_transition WHERE workspace_id = ? AND kind IN " + AUTOMATIC_KINDS)
                .param(workspaceId).update();
        if (settings.suspendAfterDays() > 0) {
            jdbc.sql("INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version)"
                            + " SELECT workspace_id, account_id, 'AUTO_SUSPEND', " + IDLE_SINCE
                            + " + make_interval(days => ?), ? FROM scheduler.account_schedule WHERE " + FOLLOWS
                            + " AND status = 'ACTIVE' AND " + IDLE_SINCE + " IS NOT NULL")
                    .params(settings.suspendAfterDays(), at, workspaceId).update();
        }
        if (settings.suspendAfterDays() > 0 && settings.warnDaysBefore() > 0) {
            jdbc.sql("INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version, target_at)"
                            + " SELECT workspace_id, account_id, 'SUSPENSION_WARNING', suspend_at"
                            + " - make_interval(days => ?), ?, suspend_at FROM (SELECT workspace_id, account_id, "
                            + IDLE_SINCE + " + make_interval(days => ?) AS suspend_at"
                            + " FROM scheduler.account_schedule WHERE " + FOLLOWS + " AND status = 'ACTIVE') a"
                            + " WHERE suspend_at > ?")
                    .params(settings.warnDaysBefore(), at, settings.suspendAfterDays(), workspaceId,
                            Timestamp.from(clock.instant()))
                    .update();
        }
        if (settings.expireAfterDays() > 0) {
            jdbc.sql("INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version)"
                            + " SELECT workspace_id, account_id, 'AUTO_EXPIRE', suspended_since"
                            + " + make_interval(days => ?), ? FROM scheduler.account_schedule WHERE " + FOLLOWS
                            + " AND status = 'INACTIVE' AND suspended_since IS NOT NULL")
                    .params(settings.expireAfterDays(), at, workspaceId).update();
        }
    }
}
