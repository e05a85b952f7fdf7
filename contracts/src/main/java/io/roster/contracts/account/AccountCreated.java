package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.Payload;
import java.time.Instant;
import java.util.List;

/** Event {@code account.created.v1}: what the mailer, the scheduler and the activity log need of a new account. */
@JsonClassDescription("An account was created: what the mailer, the scheduler and the activity log need of a new "
        + "account.")
public record AccountCreated(
        String accountId,
        AccountType accountType,
        String login,
        String email,
        String firstName,
        String lastName,
        AccountStatus status,
        MailLanguage mailLanguage,
        boolean creationNotification,
        String ownerAccountId,
        Instant suspensionAt,
        ExpirationMode expirationMode,
        boolean preventAutomaticSuspension,
        boolean admin,
        Permission permission,
        List<String> buckets) implements Payload {

    @Override
    public String subject() {
        return accountId;
    }
}
