package io.roster.scheduler.account;

import io.roster.contracts.account.ExpirationMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the scheduler knows of one account.
 *
 * @param suspensionAt the SUSPENSION_DATE, as the instant invite-service resolved in the workspace's time zone
 * @param version the {@code occurredAt} of the latest account event applied: an older one changes nothing
 * @param eventsAtVersion the ids of the events applied at {@code version} (several events of one account can share an
 *     instant): one of them delivered again changes nothing, another event of that instant is applied. Null as read
 *     from a row from before V7, whose events were recorded in the inbox: {@link AccountFeed} asks it first
 * @param activeSince when the account last became ACTIVE (created ACTIVE, or reactivated); null if never known
 * @param suspendedSince when the account last became INACTIVE; null if never known
 * @param lastSignInAt its latest sign-in, from the activity events; it only ever moves forward
 */
record AccountSchedule(KnownStatus status, Instant suspensionAt, ExpirationMode expirationMode,
        boolean preventAutomaticSuspension, Instant version, List<UUID> eventsAtVersion, Instant activeSince,
        Instant suspendedSince, Instant lastSignInAt) {

    /** Nothing known yet: the state a first event (typically the creation) fills in. */
    static AccountSchedule unknown() {
        return new AccountSchedule(KnownStatus.ACTIVE, null, ExpirationMode.DEFAULT, false, Instant.EPOCH, List.of(),
                null, null, null);
    }

    /**
     * Whether the event ({@code eventId} of {@code eventVersion}) is new to this state: later than its version, or of
     * that very instant and not applied yet. An older event, or one delivered again, changes nothing.
     */
    boolean accepts(Instant eventVersion, UUID eventId) {
        return eventVersion.isAfter(version) || eventVersion.equals(version) && !eventsAtVersion.contains(eventId);
    }

    /**
     * This state, computed from {@code before} by the event {@code eventId} (of this state's version), with that
     * event counted among those applied at its instant: added to {@code before}'s if the version did not move, alone
     * if it did.
     */
    AccountSchedule applying(UUID eventId, AccountSchedule before) {
        if (!version.equals(before.version)) {
            return withEventsAtVersion(List.of(eventId));
        }
        List<UUID> ids = new ArrayList<>(before.eventsAtVersion.size() + 1);
        ids.addAll(before.eventsAtVersion);
        ids.add(eventId);
        return withEventsAtVersion(ids);
    }

    /** The same state with {@code ids} as the events applied at its version (a row from before V7: from the inbox). */
    AccountSchedule withEventsAtVersion(List<UUID> ids) {
        return new AccountSchedule(status, suspensionAt, expirationMode, preventAutomaticSuspension, version, ids,
                activeSince, suspendedSince, lastSignInAt);
    }

    /**
     * Since when the account has gone without a sign-in: its latest sign-in, or when it became ACTIVE if that is later
     * (an account reactivated by an admin gets the whole period again) or if it never signed in; null when neither
     * is known.
     */
    Instant idleSince() {
        if (lastSignInAt == null || (activeSince != null && activeSince.isAfter(lastSignInAt))) {
            return activeSince;
        }
        return lastSignInAt;
    }

    /** Whether the workspace's automatic suspension and expiry apply to it (EXPIRATION_MODE DEFAULT, not prevented). */
    boolean followsTheWorkspaceRules() {
        return !status.isFinal() && expirationMode == ExpirationMode.DEFAULT && !preventAutomaticSuspension;
    }

    /** The new status at {@code at}: becoming ACTIVE or INACTIVE starts that period. */
    AccountSchedule withStatus(KnownStatus newStatus, Instant newVersion, Instant at) {
        Instant active = newStatus == KnownStatus.ACTIVE && status != KnownStatus.ACTIVE ? at : activeSince;
        Instant suspended = newStatus == KnownStatus.INACTIVE && status != KnownStatus.INACTIVE ? at : suspendedSince;
        return new AccountSchedule(newStatus, suspensionAt, expirationMode, preventAutomaticSuspension, newVersion,
                eventsAtVersion, active, suspended, lastSignInAt);
    }

    AccountSchedule withVersion(Instant newVersion) {
        return new AccountSchedule(status, suspensionAt, expirationMode, preventAutomaticSuspension, newVersion,
                eventsAtVersion, activeSince, suspendedSince, lastSignInAt);
    }

    AccountSchedule withSuspensionAt(Instant date, Instant newVersion) {
        return new AccountSchedule(status, date, expirationMode, preventAutomaticSuspension, newVersion,
                eventsAtVersion, activeSince, suspendedSince, lastSignInAt);
    }

    AccountSchedule withExpiration(ExpirationMode mode, boolean prevent, Instant newVersion) {
        return new AccountSchedule(status, suspensionAt, mode, prevent, newVersion, eventsAtVersion, activeSince,
                suspendedSince, lastSignInAt);
    }

    AccountSchedule withLastSignIn(Instant signedInAt) {
        return new AccountSchedule(status, suspensionAt, expirationMode, preventAutomaticSuspension, version,
                eventsAtVersion, activeSince, suspendedSince, signedInAt);
    }
}
