package io.roster.invite.access;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer secrets (access-key secrets, invitation and session tokens): 256 random bits, URL-safe. The database keeps
 * only their {@link io.roster.adminaccess.SecretHashes#sha256 SHA-256}, the form the admin-key check compares.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
