package io.roster.invite.web;

import io.roster.adminaccess.AdminKey;
import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.UUID;

/**
 * An admin's HTTP request as the command it is: the same envelope a Kafka producer would send, with the admin's
 * key as actor, the client IP, and the {@code Idempotency-Key} (or a fresh id) as request id.
 */
public final class AdminCommands {

    private AdminCommands() {
    }

    public static Envelope<Payload> of(String workspaceId, String idempotencyKey, Payload payload,
            HttpServletRequest request) {
        String requestId = assignsRequestId(idempotencyKey) ? "http-" + UUID.randomUUID() : idempotencyKey.strip();
        return new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(), Instant.now(), workspaceId,
                requestId, new Actor(Actor.Kind.ADMIN, AdminKey.of(request).map(AdminKey::keyId).orElse(null),
                        request.getRemoteAddr()),
                payload);
    }

    /** Whether {@link #of} assigns a new request id (no {@code Idempotency-Key}), which no earlier request has. */
    public static boolean assignsRequestId(String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank();
    }
}
