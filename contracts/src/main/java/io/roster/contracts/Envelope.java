package io.roster.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What every Roster message carries, whatever its topic.
 *
 * @param eventId unique id of this message; consumers deduplicate on it
 * @param type stable versioned type name such as {@code account.created.v1}, never a Java class name
 * @param occurredAt when it happened
 * @param workspaceId the tenant
 * @param requestId the id of the request this message answers or belongs to, for correlation
 * @param actor who caused it
 * @param payload the type-specific body
 */
public record Envelope<P extends Payload>(UUID eventId, String type, Instant occurredAt, String workspaceId,
        String requestId, Actor actor, P payload) {

    public Envelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(payload, "payload");
    }

    /** A new message of the payload's registered type. */
    public static <P extends Payload> Envelope<P> of(String workspaceId, String requestId, Actor actor, P payload) {
        return new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(), Instant.now(), workspaceId,
                requestId, actor, payload);
    }

    /**
     * The message answering this one (a command's outcome): a new event id and the event's registered type, with
     * the same workspace, request id — for correlation — and actor.
     */
    public <E extends Payload> Envelope<E> answer(E event, Instant at) {
        return new Envelope<>(UUID.randomUUID(), MessageType.of(event).typeName(), at, workspaceId, requestId, actor,
                event);
    }

    /** The Kafka record key: keeps one account's messages on one partition, in order (see {@link Payload#key}). */
    public String key() {
        return payload.key(workspaceId);
    }
}
