package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.Payload;
import java.util.List;

/** Event {@code account.updated.v1}: which fields changed (values stay in invite-service). */
@JsonClassDescription("Fields of an account changed: their names only (the values stay in invite-service).")
public record AccountUpdated(String accountId, List<String> changedFields) implements Payload {

    @Override
    public String subject() {
        return accountId;
    }
}
