package io.roster.adminaccess;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request the key check turned away, with its problem+json answer. */
class AdminKeyRejectedException extends ErrorResponseException {

    private AdminKeyRejectedException(HttpStatus status, String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
        // The problem types of the services' other answers: the status in words (unauthorized, not-found).
        getBody().setType(java.net.URI.create("https://roster.io/problems/"
                + status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-')));
    }

    /** No key, or one that is unknown, revoked or has the wrong secret: 401, and how to authenticate. */
    static AdminKeyRejectedException withoutValidKey() {
        AdminKeyRejectedException rejected = new AdminKeyRejectedException(HttpStatus.UNAUTHORIZED,
                "an admin access key is required: Authorization: Bearer <key id>.<secret>");
        rejected.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"roster\"");
        return rejected;
    }

    /** A valid key of another workspace: 404, as if the workspace did not exist, so no tenant learns of another. */
    static AdminKeyRejectedException otherWorkspace(String workspaceId) {
        return new AdminKeyRejectedException(HttpStatus.NOT_FOUND, "no workspace '" + workspaceId + "'");
    }
}
