package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Command {@code account.close.v1}; the outcome is {@code account.status-changed.v1} or a rejection. */
@JsonClassDescription("Close (cancel) an account (status CLOSED). The outcome is account.status-changed.v1 or "
        + "account.request-rejected.v1.")
public record CloseAccount(String accountId, String reason) implements AccountCommand {

    @Override
    public String subject() {
        return accountId;
    }
}
