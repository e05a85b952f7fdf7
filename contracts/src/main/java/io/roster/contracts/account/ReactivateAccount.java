package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Command {@code account.reactivate.v1}; the outcome is {@code account.status-changed.v1} or a rejection. */
@JsonClassDescription("Reactivate a suspended or disabled account (status ACTIVE). The outcome is "
        + "account.status-changed.v1 or account.request-rejected.v1.")
public record ReactivateAccount(String accountId, String reason) implements AccountCommand {

    @Override
    public String subject() {
        return accountId;
    }
}
