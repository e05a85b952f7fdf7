package io.roster.contracts.access;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.Payload;
import java.time.Instant;

/** Event {@code access-key.revoked.v1}: the key stops working everywhere once this is applied. */
@JsonClassDescription("A workspace admin access key was revoked: every service refuses it once it has seen this.")
public record AccessKeyRevoked(String keyId, Instant revokedAt) implements Payload {

    @Override
    public String subject() {
        return keyId;
    }
}
