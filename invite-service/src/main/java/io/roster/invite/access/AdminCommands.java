package io.roster.invite.access;

import io.roster.adminaccess.AdminKey;
import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.invite.http.RequestRejectedException;
import io.roster.invite.pipeline.CommandPipeline;
import io.roster.invite.pipeline.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * An admin's HTTP request as the command it is: the same envelope a Kafka producer would send, with the admin's
 * key as actor, the client IP, and the {@code Idempotency-Key} (or a fresh id) as request id; run through the
 * pipeline as the same command on Kafka would be, its refusal thrown as the HTTP problem it is.
 */
@Component
public final class AdminCommands {

    private final CommandPipeline pipeline;

    AdminCommands(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Runs the command; throws {@link RequestRejectedException} (or a conflict for a refused replay) if refused. */
    public Outcome run(Envelope<Payload> command, String idempotencyKey) {
        Outcome outcome = assignsRequestId(idempotencyKey) ? pipeline.answerNew(command) : pipeline.answer(command);
        if (!outcome.accepted()) {
            throw RequestRejectedException.of(outcome.problems(), outcome.repeated()
                    ? RequestRejectedException.Repetition.REPLAY : RequestRejectedException.Repetition.FIRST_TIME,
                    command.requestId());
        }
        return outcome;
    }

    /** {@link #run} for a command made of an admin's request. */
    public Outcome run(String workspaceId, String idempotencyKey, Payload payload, HttpServletRequest request) {
        return run(of(workspaceId, idempotencyKey, payload, request), idempotencyKey);
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
