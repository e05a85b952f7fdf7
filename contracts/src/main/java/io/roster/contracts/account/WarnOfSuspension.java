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
        + "(no such account, not ACTIVE, or already warned of that suspension).")
public record WarnOfSuspension(
        String accountId,
        @JsonPropertyDescription("When the automatic suspension falls, if the account is not signed in before")
        Instant suspendAt) implements AccountCommand {

    @Override
    public String subject() {
        return accountId;
    }
}
