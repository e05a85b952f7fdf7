package io.roster.contracts.account;

/** Command {@code account.delete.v1} (only a disabled account); the outcome is {@code account.deleted.v1} or a rejection. */
public record DeleteAccount(String accountId, String reason) implements AccountCommand {

    @Override
    public String subject() {
        return accountId;
    }
}
