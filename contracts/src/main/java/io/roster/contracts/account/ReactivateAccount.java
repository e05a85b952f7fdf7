package io.roster.contracts.account;

/** Command {@code account.reactivate.v1}; the outcome is {@code account.status-changed.v1}Reactivate or a rejection. */
public record ReactivateAccount(String accountId, String reason) implements AccountCommand {

    @Override
    public String subject() {
        return accountId;
    }
}
