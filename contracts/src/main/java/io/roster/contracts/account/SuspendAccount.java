package io.roster.contracts.account;

/** Command {@code account.suspend.v1}; the outcome is {@code account.status-changed.v1}Suspend or a rejection. */
public record SuspendAccount(String accountId, String reason) implements AccountCommand {

    @Override
    public String subject() {
        return accountId;
    }
}
