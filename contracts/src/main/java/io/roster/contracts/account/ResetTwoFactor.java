package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Command {@code account.reset-two-factor.v1}: a lost phone or security key; the user's next sign-in enrolls anew. */
@JsonClassDescription("Reset a user's TOTP enrollment or remove their security keys, so that their next sign-in "
        + "enrolls anew. The outcome is account.updated.v1 (changedFields totpEnrollment or securityKeys) or "
        + "account.request-rejected.v1.")
public record ResetTwoFactor(
        String accountId,
        @JsonPropertyDescription("TOTP or FIDO2: the factor to reset") String method) implements AccountCommand {

    @Override
    public String subject() {
        return accountId;
    }
}
