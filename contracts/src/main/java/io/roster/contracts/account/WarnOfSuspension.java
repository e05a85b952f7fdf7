package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/**
 * Command {@code account.warn-suspension.v1}, sent by the scheduler the workspace's {@code warnDaysBefore} days
 * before an automatic suspension: invite-service mails the account's owner, in the account's language, once per
 * suspension ({@code suspendAt}); the outcome is {@code account.suspension-warned.v1} or a rejection.
 */
@JsonClassDescription("Warn an account's owner, by mail in the account's language, that the account will be suspended "
        + "automatically at suspendAt unless they sign in before (sent by the scheduler). One mail per suspendAt: the "
        + "same warning again mails nothing. The outcome is account.suspension-warned.v1 or account.request-rejected.v1 "
        + "(no such account, not ACTIVE, already warned of that suspension, or premise_changed: signed in or reactivated "
        + "after idleSince).")
public record WarnOfSuspension(
        String accountId,
        @JsonPropertyDescription("When the automatic suspension falls, if the account is not signed in before")
        Instant suspendAt,
        @JsonPropertyDescription("The premise: no sign-in, and ACTIVE, since this instant (optional). Refused if the "
                + "account signed in or became ACTIVE after it: its suspension has moved.")
        Instant idleSince) implements AccountCommand {

    /** A warning without its premise (as before idleSince travelled). */
    public WarnOfSuspension(String accountId, Instant suspendAt) {
        this(accountId, suspendAt, null);
    }

    @Override
    public String subject() {
        return accountId;
    }
}
