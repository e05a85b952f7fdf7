package io.roster.adminaccess;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The form a bearer secret is stored in: its SHA-256 (a fast hash suits 256-bit random secrets; passwords get
 * BCrypt). One function for every service, so that a key stored by the service that issues it is the key the
 * check of {@link AdminKeyTokens} finds.
 */
public final class SecretHashes {

    private SecretHashes() {
    }

    /** The SHA-256 of the secret's UTF-8 bytes. */
    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform has SHA-256 (java.security.MessageDigest's required algorithms).
            throw new IllegalStateException(e);
        }
    }
}
