package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.Payload;
import java.time.Instant;

/**
 * Event {@code account.suspension-warned.v1}: the warning mail of an automatic suspension was queued for the
 * account's owner, in {@code mailLanguage}.
 */
@JsonClassDescription("The owner of an account was mailed (in mailLanguage) that it will be suspended automatically "
        + "at suspendAt unless they sign in before.")
public record AccountSuspensionWarned(String accountId, Instant suspendAt, MailLanguage mailLanguage)
        implements Payload {

    @Override
    public String subject() {
        return accountId;
    }
}
