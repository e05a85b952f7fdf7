package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.AllowedValues;
import java.util.List;

/** Command {@code account.invite-users.v1}: invite addresses (up to the plan's limit) with the same access. */
@JsonClassDescription("Invite addresses (up to the plan's limit) with the same access. The outcome is one "
        + "invitation.changed.v1 per address or account.request-rejected.v1.")
public record InviteUsers(
        List<String> emails,
        Boolean admin,
        @AllowedValues(Permission.class) String permission,
        List<String> buckets,
        @AllowedValues(MailLanguage.class) String mailLanguage) implements AccountCommand {

    @Override
    public String subject() {
        return emails == null || emails.isEmpty() ? "invitation" : emails.get(0);
    }
}
