package io.roster.adminaccess;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The admin a request was let in for: the key id it presented (the actor of the changes it makes) and the key's
 * workspace, which is the workspace of the path.
 */
public record AdminKey(String keyId, String workspaceId) {

    private static final String ATTRIBUTE = AdminKey.class.getName();

    /** The admin of a request that passed the key check; empty for requests the check does not guard. */
    public static Optional<AdminKey> of(HttpServletRequest request) {
        return Optional.ofNullable((AdminKey) request.getAttribute(ATTRIBUTE));
    }

    void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }
}
