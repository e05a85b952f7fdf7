package io.roster.contracts;

/** The body of a message; each implementation is registered in {@link MessageType}. */
public interface Payload {

    /**
     * What the message is about inside its workspace (an account id, or the login of an account not created
     * yet). The Kafka key is {@code workspaceId/subject}, so one account's messages stay in order.
     */
    String subject();

    /**
     * The Kafka record key of a message of this payload in {@code workspaceId}: {@code workspaceId/subject}, so one
     * account's messages stay on one partition, in order. State on a compacted topic may key by less.
     */
    default String key(String workspaceId) {
        return workspaceId + "/" + subject();
    }
}
