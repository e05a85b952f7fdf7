package io.roster.contracts.account;

/** Command {@code account.close.v1}; the outcome is {@code account.status-changed.v1}Close or a rejection. */
public record CloseAccount(String accountId, String reason) implements AccountCommand {

    @Override
    public String subject() {
        return accountId;
    }
}
