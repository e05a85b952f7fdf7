package io.roster.contracts.access;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.account.AccountCommand;

/**
 * Command {@code access-key.revoke.v1}; the outcome is {@code access-key.revoked.v1} or a rejection. There is no
 * command to issue a key: its secret would travel on a topic.
 */
@JsonClassDescription("Revoke a workspace admin access key. The outcome is access-key.revoked.v1 or "
        + "account.request-rejected.v1. Keys are issued over HTTP only: a secret never travels on a topic.")
public record RevokeAccessKey(String keyId) implements AccountCommand {

    @Override
    public String subject() {
        return keyId;
    }
}
