package io.roster.adminaccess;

import java.util.Optional;

/**
 * Where a service finds the admin access keys it accepts: invite-service in the keys it issues, every other service
 * in its {@link AccessKeyReplica}. It runs on every admin request, so one query at most.
 */
@FunctionalInterface
public interface AdminKeyLookup {

    /** The key with this id if it exists and is not revoked; empty otherwise. */
    Optional<ActiveKey> activeKey(String keyId);

    /**
     * A key that may be used: its workspace and the SHA-256 of its secret (all that is ever stored of it).
     *
     * @param secretSha256 the 32-byte digest of the secret's UTF-8 bytes
     */
    record ActiveKey(String workspaceId, byte[] secretSha256) {
    }
}
