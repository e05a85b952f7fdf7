package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/**
 * Command {@code account.suspend.v1}; the outcome is {@code account.status-changed.v1} or a rejection.
 * <p>
 * A suspension the scheduler decided carries its premise, what it knew when it queued the command, so that
 * invite-service refuses it when the premise no longer holds by the time it arrives (a sign-in or a reactivation in
 * between, a suspension date changed): {@code idleSince} for an automatic suspension, {@code suspensionDate} and
 * {@code scheduledFrom} for a suspension date. An admin's suspension carries none (all three optional).
 *
 * @param idleSince automatic suspension: the account has had no sign-in, and has been ACTIVE, since this instant
 * @param suspensionDate suspension date: the account's SUSPENSION_DATE the suspension was scheduled from
 * @param scheduledFrom suspension date: when that date was set (the account event the scheduler took it from)
 */
@JsonClassDescription("Suspend an account (status INACTIVE, sign-in refused). The outcome is "
        + "account.status-changed.v1 or account.request-rejected.v1. The scheduler's suspensions carry their premise "
        + "(idleSince, or suspensionDate and scheduledFrom) and are refused with code premise_changed when it no "
        + "longer holds; an admin's carry none.")
public record SuspendAccount(
        String accountId,
        String reason,
        @JsonPropertyDescription("Automatic suspension: no sign-in, and ACTIVE, since this instant. Refused if the "
                + "account signed in or became ACTIVE after it.")
        Instant idleSince,
        @JsonPropertyDescription("Suspension date: the account's suspension date (as an instant) the suspension was "
                + "scheduled from. Refused if the account's date is no longer this one, or if the account became "
                + "ACTIVE after both this date and scheduledFrom (reactivated after the date fell).")
        Instant suspensionDate,
        @JsonPropertyDescription("Suspension date: when the date was set (the occurredAt of the account event that "
                + "carried it).")
        Instant scheduledFrom) implements AccountCommand {

    /** An admin's suspension: no premise. */
    public SuspendAccount(String accountId, String reason) {
        this(accountId, reason, null, null, null);
    }

    /** The scheduler's automatic suspension of an account idle since {@code idleSince}. */
    public static SuspendAccount idleSince(String accountId, String reason, Instant idleSince) {
        return new SuspendAccount(accountId, reason, idleSince, null, null);
    }

    /** The scheduler's suspension at the account's {@code suspensionDate}, set at {@code scheduledFrom}. */
    public static SuspendAccount atSuspensionDate(String accountId, String reason, Instant suspensionDate,
            Instant scheduledFrom) {
        return new SuspendAccount(accountId, reason, null, suspensionDate, scheduledFrom);
    }

    @Override
    public String subject() {
        return accountId;
    }
}
