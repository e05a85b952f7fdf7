package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Command {@code account.suspend.v1}; the outcome is {@code account.status-changed.v1} or a rejection. */
@JsonClassDescription("Suspend an account (status INACTIVE, sign-in refused). The outcome is "
        + "account.status-changed.v1 or account.request-rejected.v1.")
public record SuspendAccount(String accountId, String reason) implements AccountCommand {

    @Override
    public String subject() {
        return accountId;
    }
}
