package io.roster.scheduler.account;

import io.roster.contracts.account.ExpirationMode;
import java.time.Instant;

/**
 * What the scheduler knows of one account.
 *
 * @param suspensionAt the SUSPENSION_DATE, as the instant invite-service resolved in the workspace's time zone
 * @param version the {@code occurredAt} of the latest event applied: an older one changes nothing
 */
record AccountSchedule(KnownStatus status, Instant suspensionAt, ExpirationMode expirationMode,
        boolean preventAutomaticSuspension, Instant version) {

    /** Nothing known yet: the state a first event (typically the creation) fills in. */
    static AccountSchedule unknown() {
        return new AccountSchedule(KnownStatus.ACTIVE, null, ExpirationMode.DEFAULT, false, Instant.EPOCH);
    }

    /** An event of {@code version} is not older than what is known (a duplicate of the same instant applies again). */
    boolean accepts(Instant eventVersion) {
        return !eventVersion.isBefore(version);
    }

    AccountSchedule withStatus(KnownStatus newStatus, Instant newVersion) {
        return new AccountSchedule(newStatus, suspensionAt, expirationMode, preventAutomaticSuspension, newVersion);
    }

    AccountSchedule withSuspensionAt(Instant date, Instant newVersion) {
        return new AccountSchedule(status, date, expirationMode, preventAutomaticSuspension, newVersion);
    }

    AccountSchedule withExpiration(ExpirationMode mode, boolean prevent, Instant newVersion) {
        return new AccountSchedule(status, suspensionAt, mode, prevent, newVersion);
    }
}
