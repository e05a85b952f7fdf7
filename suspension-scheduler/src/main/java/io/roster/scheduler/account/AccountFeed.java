package io.roster.scheduler.account;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.AccountUpdated;
import io.roster.contracts.account.ExpirationMode;
import io.roster.messaging.Inbox;
import io.roster.scheduler.transition.DueTransitions;
import io.roster.scheduler.transition.TransitionBatch;
import io.roster.scheduler.transition.TransitionKind;
import io.roster.scheduler.transition.TransitionWrites;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Applies account events to what the scheduler knows of each account, and to its pending transitions, inside the
 * caller's transaction. An event older than the account's version (its latest event's {@code occurredAt}) changes
 * nothing, nor does one of that instant already applied (the row keeps their ids): events may arrive late, and twice —
 * a poll redelivered after its commit, before its offsets, changes nothing and re-creates no swept transition. No inbox
 * row is written for them: the account's row, locked and rewritten anyway, tells a redelivery from a new event.
 * <p>
 * SUSPENSION_DATE: set on creation or by an update, it becomes a due transition at that instant (already past: due
 * at once); changed, the transition moves; removed, it is cancelled; closed or deleted, every pending transition of
 * the account is. A status change alone schedules nothing, so an account reactivated after its date fell is not
 * suspended again by that old date. Whether the account is still ACTIVE when the date falls is invite-service's to
 * decide (its state machine refuses to suspend an INACTIVE account).
 * <p>
 * Automatic suspension and expiry ({@link AutomaticTransitions}) are derived again from the account's whole state
 * whenever an event changes what they depend on: its creation, its status, its EXPIRATION_MODE or "prevent automatic
 * suspension". The workspace's settings are read under a shared lock taken right after the account's, so that a
 * change of them, which recomputes the whole workspace, is ordered with this event.
 */
@Component
public class AccountFeed {

    private static final Logger log = LoggerFactory.getLogger(AccountFeed.class);
    static final String SUSPENSION_DATE_FIELD = "suspensionDate";

    /**
     * The inbox's consumer name the account events were recorded under until V7 (and invitation events still are):
     * asked for the events of a row from before.
     */
    public static final String INBOX_CONSUMER = "suspension-scheduler.account-events";

    private final AccountSchedules accounts;
    private final DueTransitions transitions;
    private final AutomaticTransitions automatic;
    private final Inbox inbox;

    AccountFeed(AccountSchedules accounts, DueTransitions transitions, AutomaticTransitions automatic,
            @Qualifier("schedulerInbox") Inbox inbox) {
        this.accounts = accounts;
        this.transitions = transitions;
        this.automatic = automatic;
        this.inbox = inbox;
    }

    /** Whether the scheduler cares about this payload at all. */
    public static boolean concerns(Payload payload) {
        return payload instanceof AccountCreated || payload instanceof AccountUpdated
                || payload instanceof AccountStatusChanged || payload instanceof AccountDeleted;
    }

    /** One event, in the caller's transaction. */
    public void apply(Envelope<Payload> event) {
        applyAll(List.of(event));
    }

    /**
     * A poll's events, in their order, in the caller's transaction, each as if applied on its own — in a few
     * statements for the whole poll rather than four or more per event: the poll's accounts locked (made if unknown)
     * together, each workspace's settings read once, the accounts' new states saved together, and the changes to
     * their transitions gathered and written together ({@link TransitionBatch}). A million suspensions falling at
     * once come back as a million status changes, which competed for the cores with the sweep and invite-service.
     * The same event twice in the poll, or again after it was applied, changes nothing.
     */
    public void applyAll(List<Envelope<Payload>> events) {
        if (events.isEmpty()) {
            return;
        }
        List<AccountSchedules.Key> keys = new ArrayList<>(events.size());
        for (Envelope<Payload> event : events) {
            keys.add(new AccountSchedules.Key(event.workspaceId(), event.payload().subject()));
        }
        // made if unknown, so that a sign-in of the account arriving meanwhile (another topic) waits for this event
        // instead of being overwritten by it
        AccountSchedules.Locked locked = accounts.lockOrCreateAll(keys);
        Map<AccountSchedules.Key, AccountSchedule> known = locked.states();
        Map<AccountSchedules.Key, Instant> onTheInbox = fromTheInbox(events, keys, known);
        Map<String, AutomaticTransitions.Policy> policies = new HashMap<>();
        Map<AccountSchedules.Key, AccountSchedule> changed = new HashMap<>();
        TransitionBatch writes = transitions.batch();
        for (int i = 0; i < events.size(); i++) {
            Envelope<Payload> event = events.get(i);
            AccountSchedules.Key key = keys.get(i);
            AutomaticTransitions.Policy policy = policies.computeIfAbsent(key.workspaceId(), automatic::settingsOf);
            AccountSchedule before = known.get(key);
            AccountSchedule next = apply(event, before, policy, writes);
            if (next != null) {
                known.put(key, next);
                changed.put(key, next);
            }
        }
        onTheInbox.forEach((key, version) -> {
            AccountSchedule next = changed.get(key);
            if (next != null && next.version().equals(version)) {
                changed.put(key, next.withEventsAtVersion(null)); // still the inbox's, which has this poll's events
            }
        });
        accounts.saveAll(locked, changed);
        writes.flush();
    }

    /**
     * The rows from before V7 among {@code known} (their events were recorded in the inbox, not in the row), with the
     * poll's events of their version's instant that the inbox has seen counted as applied: those events are looked up
     * and recorded there, as before V7, in one statement. Such a row stays the inbox's until its version moves on.
     * Returns their versions as read.
     */
    private Map<AccountSchedules.Key, Instant> fromTheInbox(List<Envelope<Payload>> events,
            List<AccountSchedules.Key> keys, Map<AccountSchedules.Key, AccountSchedule> known) {
        Map<AccountSchedules.Key, Instant> legacy = new HashMap<>();
        Set<UUID> atTheirVersion = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            AccountSchedule account = known.get(keys.get(i));
            if (account.eventsAtVersion() == null) {
                legacy.put(keys.get(i), account.version());
                if (versionOf(events.get(i)).equals(account.version())) {
                    atTheirVersion.add(events.get(i).eventId());
                }
            }
        }
        if (legacy.isEmpty()) {
            return legacy;
        }
        Set<UUID> seenBefore = new HashSet<>(atTheirVersion);
        if (!atTheirVersion.isEmpty()) {
            seenBefore.removeAll(inbox.firstDeliveries(INBOX_CONSUMER, atTheirVersion));
        }
        Map<AccountSchedules.Key, List<UUID>> applied = new HashMap<>();
        legacy.keySet().forEach(key -> applied.put(key, new ArrayList<>()));
        for (int i = 0; i < events.size(); i++) {
            List<UUID> ids = applied.get(keys.get(i));
            UUID id = events.get(i).eventId();
            if (ids != null && seenBefore.contains(id) && !ids.contains(id)) {
                ids.add(id);
            }
        }
        applied.forEach((key, ids) -> known.put(key, known.get(key).withEventsAtVersion(ids)));
        return legacy;
    }

    /**
     * The event's {@code occurredAt} to the microsecond, as PostgreSQL keeps the version: compared with the version
     * read back, an instant with nanoseconds would never be "the same instant" again, and its redelivery would pass
     * for a newer event.
     */
    static Instant versionOf(Envelope<Payload> event) {
        return event.occurredAt().truncatedTo(ChronoUnit.MICROS);
    }

    /** The account's state after {@code event}, its transitions changed through {@code writes}; null if unchanged. */
    private AccountSchedule apply(Envelope<Payload> event, AccountSchedule known, AutomaticTransitions.Policy policy,
            TransitionWrites writes) {
        String workspaceId = event.workspaceId();
        String accountId = event.payload().subject();
        Instant version = versionOf(event);
        if (!known.accepts(version, event.eventId())) {
            log.debug("{} {} of {}/{} at {}, older than the schedule's version {} or applied already: ignored",
                    event.type(), event.eventId(), workspaceId, accountId, version, known.version());
            return null;
        }
        AccountSchedule next;
        if (event.payload() instanceof AccountCreated created) {
            next = created(workspaceId, known, created, version, writes);
        } else if (event.payload() instanceof AccountUpdated updated) {
            next = updated(workspaceId, known, updated, version, writes);
        } else if (event.payload() instanceof AccountStatusChanged changed) {
            next = statusChanged(workspaceId, known, changed, version, writes);
        } else if (event.payload() instanceof AccountDeleted deleted) {
            next = closed(workspaceId, deleted.accountId(), known, KnownStatus.DELETED, version, writes);
        } else {
            return null;
        }
        if (automatic.dependsOnTheChange(known, next)) {
            automatic.recompute(workspaceId, accountId, next, policy, writes);
        }
        return next.applying(event.eventId(), known);
    }

    private AccountSchedule created(String workspaceId, AccountSchedule known, AccountCreated created,
            Instant version, TransitionWrites writes) {
        KnownStatus status = KnownStatus.valueOf(created.status().name());
        // a sign-in may have been heard of before the creation: it is kept
        AccountSchedule account = new AccountSchedule(status, created.suspensionAt(),
                created.expirationMode() == null ? ExpirationMode.DEFAULT : created.expirationMode(),
                created.preventAutomaticSuspension(), version, known.eventsAtVersion(),
                status == KnownStatus.ACTIVE ? version : null, status == KnownStatus.INACTIVE ? version : null,
                known.lastSignInAt());
        suspensionDate(workspaceId, created.accountId(), account, version, writes);
        return account;
    }

    private AccountSchedule updated(String workspaceId, AccountSchedule known, AccountUpdated updated,
            Instant version, TransitionWrites writes) {
        List<String> fields = updated.changedFields() == null ? List.of() : updated.changedFields();
        AccountUpdated.NewValues values = updated.newValues();
        AccountSchedule account = known.withVersion(version);
        if (values == null) {
            if (fields.contains(SUSPENSION_DATE_FIELD)) {
                // An event from before the values travelled: the new date is unknown, so the schedule stays.
                log.warn("account.updated.v1 of {}/{} changed the suspension date without its value: schedule kept",
                        workspaceId, updated.accountId());
            }
            return account;
        }
        if (fields.contains("expirationMode") || fields.contains("preventAutomaticSuspension")) {
            account = account.withExpiration(
                    fields.contains("expirationMode") && values.expirationMode() != null ? values.expirationMode()
                            : account.expirationMode(),
                    fields.contains("preventAutomaticSuspension") && values.preventAutomaticSuspension() != null
                            ? values.preventAutomaticSuspension() : account.preventAutomaticSuspension(),
                    version);
        }
        if (fields.contains(SUSPENSION_DATE_FIELD)) {
            // absent from newValues while named in changedFields: the date was removed
            account = account.withSuspensionAt(values.suspensionAt(), version);
            suspensionDate(workspaceId, updated.accountId(), account, version, writes);
        }
        return account;
    }

    private AccountSchedule statusChanged(String workspaceId, AccountSchedule known, AccountStatusChanged changed,
            Instant version, TransitionWrites writes) {
        KnownStatus status = KnownStatus.valueOf(changed.to().name());
        if (status.isFinal()) {
            return closed(workspaceId, changed.accountId(), known, status, version, writes);
        }
        return known.withStatus(status, version, version);
    }

    private AccountSchedule closed(String workspaceId, String accountId, AccountSchedule known, KnownStatus status,
            Instant version, TransitionWrites writes) {
        writes.cancelAll(workspaceId, accountId);
        return known.withStatus(status, version, version);
    }

    /** The account's suspension-date transition as its date now says: at that instant, or none. */
    private void suspensionDate(String workspaceId, String accountId, AccountSchedule account, Instant version,
            TransitionWrites writes) {
        if (account.suspensionAt() == null || account.status().isFinal()) {
            writes.cancel(workspaceId, accountId, TransitionKind.SUSPENSION_DATE);
        } else {
            writes.schedule(workspaceId, accountId, TransitionKind.SUSPENSION_DATE, account.suspensionAt(),
                    version);
        }
    }
}
