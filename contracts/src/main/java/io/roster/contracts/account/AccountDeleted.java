package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.Payload;

/**
 * Event {@code account.deleted.v1}: personal data is erased; {@code pseudonymousId} is what the activity log
 * keeps in place of the person.
 */
@JsonClassDescription("An account was deleted and its personal data erased; pseudonymousId is what the activity log "
        + "keeps in place of the person.")
public record AccountDeleted(String accountId, String pseudonymousId) implements Payload {

    @Override
    public String subject() {
        return accountId;
    }
}
