package io.roster.adminaccess;

import java.security.MessageDigest;
import java.util.Optional;

/**
 * Admin access keys are tokens {@code rk_<id>.<secret>}; only the SHA-256 of the secret is stored (a fast hash
 * suits a 256-bit random secret). A token is checked by hashing its secret and comparing digests in constant time.
 */
final class AdminKeyTokens {

    /** Longer tokens are refused unread: issued ones are far shorter. */
    static final int MAX_LENGTH = 200;

    private AdminKeyTokens() {
    }

    /** The admin of a valid, unrevoked token; empty for anything else (missing, malformed, unknown, wrong secret). */
    static Optional<AdminKey> verify(String token, AdminKeyLookup keys) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String keyId = token.substring(0, dot);
        byte[] presented = SecretHashes.sha256(token.substring(dot + 1));
        return keys.activeKey(keyId)
                .filter(key -> MessageDigest.isEqual(key.secretSha256(), presented))
                .map(key -> new AdminKey(keyId, key.workspaceId()));
    }
}
