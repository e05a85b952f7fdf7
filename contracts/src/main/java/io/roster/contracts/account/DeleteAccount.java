package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** Command {@code account.delete.v1} (only a disabled account); the outcome is {@code account.deleted.v1} or a rejection. */
@JsonClassDescription("Delete an account and erase its personal data; only a disabled account can be deleted. The "
        + "outcome is account.deleted.v1 or account.request-rejected.v1.")
public record DeleteAccount(String accountId, String reason) implements AccountCommand {

    @Override
    public String subject() {
        return accountId;
    }
}
