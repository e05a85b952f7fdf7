package io.roster.contracts;

/** The body of a message; each implementation is registered in {@link MessageType}. */
public interface Payload {

    /**
     * What the message is about inside its workspace (an account id, or the login of an account not created
     * yet). The Kafka key is {@code workspaceId/subject}, so one account's messages stay in order.
     */
    String subject();
}
