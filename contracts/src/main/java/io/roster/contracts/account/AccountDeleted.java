package io.roster.contracts.account;

import io.roster.contracts.Payload;

/**
 * Event {@code account.deleted.v1}: personal data is erased; {@code pseudonymousId} is what the activity log
 * keeps in place of the person.
 */
public record AccountDeleted(String accountId, String pseudonymousId) implements Payload {

    @Override
    public String subject() {
        return accountId;
    }
}
