package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.Payload;

/** Event {@code account.status-changed.v1}: suspended, disabled, reactivated or closed. */
@JsonClassDescription("An account was suspended, disabled, reactivated or closed.")
public record AccountStatusChanged(String accountId, AccountStatus from, AccountStatus to, String reason)
        implements Payload {

    @Override
    public String subject() {
        return accountId;
    }
}
