package io.roster.scheduler.account;

import io.roster.contracts.workspace.AutomaticSuspension;
import io.roster.scheduler.transition.DueTransitions;
import io.roster.scheduler.transition.TransitionKind;
import io.roster.scheduler.transition.TransitionWrites;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Automatic suspension and expiry, as the workspace's settings ({@code workspace.facts.v1}) say, for the accounts
 * that follow them (EXPIRATION_MODE DEFAULT, not "prevent automatic suspension", not CLOSED or deleted):
 * <ul>
 * <li>AUTO_SUSPEND: an ACTIVE account is suspended {@code suspendAfterDays} days after it went idle — its latest
 * sign-in, or when it became ACTIVE (creation, reactivation) if that is later or it never signed in;</li>
 * <li>SUSPENSION_WARNING: {@code warnDaysBefore} days before that, its owner is mailed, once per suspension
 * instant; none when the suspension is no longer ahead;</li>
 * <li>AUTO_EXPIRE: an INACTIVE account (suspended automatically or not) is closed {@code expireAfterDays} days after
 * it became INACTIVE.</li>
 * </ul>
 * "N days" are calendar days in the workspace's time zone, as an admin reads them: the same wall-clock time N days
 * later, so a period across a daylight-saving change is 24 h × N plus or minus the hour the clocks moved. A time that
 * does not exist that day (in the spring-forward gap) moves forward by the gap; one that exists twice (the fall-back
 * overlap) is the later of the two, so that no one gets less than the N days. The Java and the set-wise SQL paths
 * compute it alike ({@link #plusDays}; PostgreSQL's {@code AT TIME ZONE} resolves gaps and overlaps the same way).
 * A workspace whose zone is not known yet counts in UTC; its facts bring zone and settings together, and a changed
 * zone derives the workspace's transitions again.
 * <p>
 * Each transition carries its premise ({@code premise_at}, sent with the command): the instant the account has been
 * idle since (AUTO_SUSPEND, SUSPENSION_WARNING) or INACTIVE since (AUTO_EXPIRE). invite-service refuses the command if
 * a sign-in or a status change reached it after that instant, before the command did.
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
    /** {@link #plusDays} in SQL, of an instant expression {@code %1$s} and days {@code ?}, in the zone {@code ?}. */
    private static final String PLUS_DAYS = "(((%1$s) AT TIME ZONE ?) + make_interval(days => ?)) AT TIME ZONE ?";

    private final JdbcClient jdbc;
    private final DueTransitions transitions;
    private final Clock clock;

    AutomaticTransitions(JdbcClient jdbc, DueTransitions transitions, @Qualifier("schedulerClock") Clock clock) {
        this.jdbc = jdbc;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** A workspace's automatic suspension settings and the zone its days are counted in. */
    record Policy(AutomaticSuspension settings, ZoneId zone) {
    }

    /**
     * The workspace's settings and zone, its settings row share-locked until the transaction ends: a change of them
     * waits for the account being recomputed, and the account for the change. A workspace not heard of yet gets its
     * row now (all off, version EPOCH) so that there is a row to lock: otherwise its first facts, arriving meanwhile on
     * their own topic, would derive the workspace's transitions without this account (not committed yet) while this
     * account's event saw no settings — and the account would have none until the settings changed again.
     */
    Policy settingsOf(String workspaceId) {
        Optional<Policy> known = lockedPolicy(workspaceId);
        if (known.isPresent()) {
            return known.get();
        }
        jdbc.sql("""
                INSERT INTO scheduler.workspace_policy (workspace_id, suspend_after_days, expire_after_days,
                    warn_days_before, version)
                VALUES (?, 0, 0, 0, ?) ON CONFLICT (workspace_id) DO NOTHING""")
                .params(workspaceId, Timestamp.from(Instant.EPOCH)).update();
        return lockedPolicy(workspaceId).orElseThrow();
    }

    private Optional<Policy> lockedPolicy(String workspaceId) {
        return jdbc.sql("""
                SELECT p.suspend_after_days, p.expire_after_days, p.warn_days_before, z.time_zone
                FROM scheduler.workspace_policy p
                LEFT JOIN scheduler.workspace_zone z ON z.workspace_id = p.workspace_id
                WHERE p.workspace_id = ? FOR SHARE OF p""")
                .param(workspaceId)
                .query((rs, n) -> new Policy(new AutomaticSuspension(rs.getInt(1), rs.getInt(2), rs.getInt(3)),
                        zone(rs.getString(4))))
                .optional();
    }

    /** The zone days are counted in: the workspace's, or UTC while it is unknown (or unknown to this JVM). */
    static ZoneId zone(String timeZone) {
        if (timeZone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    /**
     * {@code days} calendar days after (or before, negative) {@code instant} in {@code zone}: the same local time,
     * a gap's time moved forward by the gap, an overlap's the later instant — as PostgreSQL's
     * {@code ((t AT TIME ZONE z) + interval) AT TIME ZONE z} resolves them.
     */
    static Instant plusDays(Instant instant, long days, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone).plusDays(days);
        return ZonedDateTime.ofLocal(local, zone, null).withLaterOffsetAtOverlap().toInstant();
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
    void recompute(String workspaceId, String accountId, AccountSchedule account, Policy policy) {
        recompute(workspaceId, accountId, account, policy, transitions);
    }

    /** {@link #recompute} with its changes made through {@code transitions} (a poll's batch). */
    void recompute(String workspaceId, String accountId, AccountSchedule account, Policy policy,
            TransitionWrites transitions) {
        AutomaticSuspension settings = policy.settings();
        EnumSet<TransitionKind> cancelled = EnumSet.of(TransitionKind.AUTO_SUSPEND, TransitionKind.SUSPENSION_WARNING,
                TransitionKind.AUTO_EXPIRE);
        boolean follows = account.followsTheWorkspaceRules();
        Instant idleSince = account.idleSince();
        if (follows && account.status() == KnownStatus.ACTIVE && settings.suspendAfterDays() > 0 && idleSince != null) {
            Instant suspendAt = plusDays(idleSince, settings.suspendAfterDays(), policy.zone());
            transitions.replace(workspaceId, accountId, TransitionKind.AUTO_SUSPEND, suspendAt, null, idleSince,
                    account.version());
            cancelled.remove(TransitionKind.AUTO_SUSPEND);
            if (settings.warnDaysBefore() > 0 && suspendAt.isAfter(clock.instant())) {
                transitions.replace(workspaceId, accountId, TransitionKind.SUSPENSION_WARNING,
                        plusDays(suspendAt, -settings.warnDaysBefore(), policy.zone()), suspendAt, idleSince,
                        account.version());
                cancelled.remove(TransitionKind.SUSPENSION_WARNING);
            }
        }
        if (follows && account.status() == KnownStatus.INACTIVE && settings.expireAfterDays() > 0
                && account.suspendedSince() != null) {
            transitions.replace(workspaceId, accountId, TransitionKind.AUTO_EXPIRE,
                    plusDays(account.suspendedSince(), settings.expireAfterDays(), policy.zone()), null,
                    account.suspendedSince(), account.version());
            cancelled.remove(TransitionKind.AUTO_EXPIRE);
        }
        // Only the kinds these settings enable can be pending (they were read under the workspace's lock, and a change
        // of them deletes every automatic transition of the workspace before deriving them again): the others need no
        // cancel. With the settings off, a status change costs no statement here — a million suspensions come back
        // as a million status changes, whose cancels probed the transitions table three times each for nothing.
        cancelled.retainAll(enabledBy(settings));
        transitions.cancel(workspaceId, accountId, cancelled);
    }

    /** The automatic kinds that can be pending under {@code settings}: those its days enable. */
    static Set<TransitionKind> enabledBy(AutomaticSuspension settings) {
        EnumSet<TransitionKind> enabled = EnumSet.noneOf(TransitionKind.class);
        if (settings.suspendAfterDays() > 0) {
            enabled.add(TransitionKind.AUTO_SUSPEND);
            if (settings.warnDaysBefore() > 0) {
                enabled.add(TransitionKind.SUSPENSION_WARNING);
            }
        }
        if (settings.expireAfterDays() > 0) {
            enabled.add(TransitionKind.AUTO_EXPIRE);
        }
        return enabled;
    }

    /**
     * The workspace's settings and zone from its facts of {@code version}: stored unless older than those known, and
     * if either differs from before ({@code previousZone}), every account's automatic transitions derived again (the
     * facts are announced again at each start of invite-service: unchanged facts cost one row's update, not a pass
     * over the accounts). The first facts of a workspace derive its accounts' transitions whatever events came first.
     */
    public void settingsChanged(String workspaceId, AutomaticSuspension settings, String previousZone, String zone,
            Instant version) {
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
        boolean zoneMoved = !Objects.equals(previousZone, zone) && !settings.equals(AutomaticSuspension.OFF);
        if (!before.equals(settings) || zoneMoved) {
            recomputeWorkspace(workspaceId, settings, zone(zone).getId(), version);
        }
    }

    private record Known(AutomaticSuspension settings, Instant version) {
    }

    private void recomputeWorkspace(String workspaceId, AutomaticSuspension settings, String zone, Instant version) {
        Timestamp at = Timestamp.from(version);
        jdbc.sql("DELETE FROM scheduler.due_transition WHERE workspace_id = ? AND kind IN " + AUTOMATIC_KINDS)
                .param(workspaceId).update();
        if (settings.suspendAfterDays() > 0) {
            jdbc.sql("INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version, premise_at)"
                            + " SELECT workspace_id, account_id, 'AUTO_SUSPEND', " + PLUS_DAYS.formatted(IDLE_SINCE)
                            + ", ?, " + IDLE_SINCE + " FROM scheduler.account_schedule WHERE " + FOLLOWS
                            + " AND status = 'ACTIVE' AND " + IDLE_SINCE + " IS NOT NULL")
                    .params(zone, settings.suspendAfterDays(), zone, at, workspaceId).update();
        }
        if (settings.suspendAfterDays() > 0 && settings.warnDaysBefore() > 0) {
            jdbc.sql("INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version, target_at,"
                            + " premise_at)"
                            + " SELECT workspace_id, account_id, 'SUSPENSION_WARNING', "
                            + PLUS_DAYS.formatted("suspend_at") + ", ?, suspend_at, idle_since"
                            + " FROM (SELECT workspace_id, account_id, " + IDLE_SINCE + " AS idle_since, "
                            + PLUS_DAYS.formatted(IDLE_SINCE) + " AS suspend_at"
                            + " FROM scheduler.account_schedule WHERE " + FOLLOWS + " AND status = 'ACTIVE') a"
                            + " WHERE suspend_at > ?")
                    .params(zone, -settings.warnDaysBefore(), zone, at, zone, settings.suspendAfterDays(), zone,
                            workspaceId, Timestamp.from(clock.instant()))
                    .update();
        }
        if (settings.expireAfterDays() > 0) {
            jdbc.sql("INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version, premise_at)"
                            + " SELECT workspace_id, account_id, 'AUTO_EXPIRE', "
                            + PLUS_DAYS.formatted("suspended_since") + ", ?, suspended_since"
                            + " FROM scheduler.account_schedule WHERE " + FOLLOWS
                            + " AND status = 'INACTIVE' AND suspended_since IS NOT NULL")
                    .params(zone, settings.expireAfterDays(), zone, at, workspaceId).update();
        }
    }
}
