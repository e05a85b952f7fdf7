package io.roster.contracts.access;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.Payload;
import java.time.Instant;

/**
 * Event {@code access-key.issued.v1}: a workspace admin access key exists. Carries the SHA-256 of the secret so
 * that other services can check the key themselves; never the secret.
 *
 * @param keyId the part of the token before the dot ({@code rk_…})
 * @param secretSha256 the SHA-256 of the part after the dot, lowercase hex
 */
@JsonClassDescription("A workspace admin access key was issued. secretSha256 is the lowercase hex SHA-256 of the "
        + "part of the token after the dot, so other services can check the key themselves; the secret never "
        + "travels.")
public record AccessKeyIssued(String keyId, String name, String secretSha256, Instant createdAt) implements Payload {

    @Override
    public String subject() {
        return keyId;
    }
}
