package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/**
 * Command {@code account.close.v1}; the outcome is {@code account.status-changed.v1} or a rejection.
 *
 * @param suspendedSince automatic expiry: the account has been INACTIVE since this instant (the scheduler's premise;
 *        an admin's closing carries none)
 */
@JsonClassDescription("Close (cancel) an account (status CLOSED). The outcome is account.status-changed.v1 or "
        + "account.request-rejected.v1. The scheduler's automatic expiry carries its premise (suspendedSince) and is "
        + "refused with code premise_changed when it no longer holds; an admin's closing carries none.")
public record CloseAccount(
        String accountId,
        String reason,
        @JsonPropertyDescription("Automatic expiry: INACTIVE since this instant. Refused unless the account is "
                + "INACTIVE and has been since this instant or before (not reactivated, nor suspended again, since).")
        Instant suspendedSince) implements AccountCommand {

    /** An admin's closing: no premise. */
    public CloseAccount(String accountId, String reason) {
        this(accountId, reason, null);
    }

    @Override
    public String subject() {
        return accountId;
    }
}
