package io.roster.contracts.account;

import io.roster.contracts.Payload;

/** Event {@code account.status-changed.v1}: suspended, disabled, reactivated or closed. */
public record AccountStatusChanged(String accountId, AccountStatus from, AccountStatus to, String reason)
        implements Payload {

    @Override
    public String subject() {
        return accountId;
    }
}
