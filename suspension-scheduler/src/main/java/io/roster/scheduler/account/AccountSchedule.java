package io.roster.scheduler.account;

import io.roster.contracts.account.ExpirationMode;
import java.time.Instant;

/**
 * What the scheduler knows of one account.
 *
 * @param suspensionAt the SUSPENSION_DATE, as the instant invite-service resolved in the workspace's time zone
 * @param version the {@code occurredAt} of the latest account event applied: an older one changes nothing
 * @param activeSince when the account last became ACTIVE (created ACTIVE, or reactivated); null if never known
 * @param suspendedSince when the account last became INACTIVE; null if never known
 * @param lastSignInAt its latest sign-in, from the activity events; it only ever moves forward
 */
record AccountSchedule(KnownStatus status, Instant suspensionAt, ExpirationMode expirationMode,
        boolean preventAutomaticSuspension, Instant version, Instant activeSince, Instant suspendedSince,
        Instant lastSignInAt) {

    /** Nothing known yet: the state a first event (typically the creation) fills in. */
    static AccountSchedule unknown() {
        return new AccountSchedule(KnownStatus.ACTIVE, null, ExpirationMode.DEFAULT, false, Instant.EPOCH, null, null,
                null);
    }

    /** An event of {@code version} is not older than what is known (a duplicate of the same instant applies again). */
    boolean accepts(Instant eventVersion) {
        return !eventVersion.isBefore(version);
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
                active, suspended, lastSignInAt);
    }

    AccountSchedule withVersion(Instant newVersion) {
        return new AccountSchedule(status, suspensionAt, expirationMode, preventAutomaticSuspension, newVersion,
                activeSince, suspendedSince, lastSignInAt);
    }

    AccountSchedule withSuspensionAt(Instant date, Instant newVersion) {
        return new AccountSchedule(status, date, expirationMode, preventAutomaticSuspension, newVersion, activeSince,
                suspendedSince, lastSignInAt);
    }

    AccountSchedule withExpiration(ExpirationMode mode, boolean prevent, Instant newVersion) {
        return new AccountSchedule(status, suspensionAt, mode, prevent, newVersion, activeSince, suspendedSince,
                lastSignInAt);
    }

    AccountSchedule withLastSignIn(Instant signedInAt) {
        return new AccountSchedule(status, suspensionAt, expirationMode, preventAutomaticSuspension, version,
                activeSince, suspendedSince, signedInAt);
    }
}
