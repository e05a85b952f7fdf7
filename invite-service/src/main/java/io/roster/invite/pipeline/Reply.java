package io.roster.invite.pipeline;

/** How the outcome of a command reaches its sender. */
public enum Reply {
    /**
     * A Kafka command: its sender reads the outcome on {@code roster.account.events}, so a rejection is published and
     * logged like an acceptance, and a redelivery is answered from the log.
     */
    AS_EVENTS,
    /**
     * An HTTP request: the caller gets the outcome in the response, so a rejection writes nothing (its transaction is
     * rolled back) and the client may send the request again, corrected, with the same id.
     */
    IN_RESPONSE
}
