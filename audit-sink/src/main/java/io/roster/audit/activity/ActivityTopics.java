package io.roster.audit.activity;

import io.roster.contracts.MessageType;
import io.roster.contracts.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The topics whose events the activity log records. The batch listener reads every topic of an event type in
 * contracts but the compacted ones: a new event topic is consumed without a change here. The two compacted topics
 * have listeners of their own: {@code roster.access-keys} in a consumer group of its own (the key replica reads it in
 * the service's group), {@code roster.workspaces} by the workspace facts listener, which records only what changed
 * (the facts are republished at every start-up). A new compacted topic needs a listener: ActivityDescriptionTest
 * fails until {@link #all} has it.
 */
public final class ActivityTopics {

    private ActivityTopics() {
    }

    /** The batch listener's topics. */
    public static String[] names() {
        return Arrays.stream(MessageType.values()).filter(t -> !t.isCommand())
                .map(MessageType::topic).filter(topic -> !Topics.COMPACTED.contains(topic))
                .distinct().sorted().toArray(String[]::new);
    }

    /** Every topic recorded, by whichever listener. */
    static List<String> all() {
        return Stream.concat(Arrays.stream(names()), Stream.of(Topics.ACCESS_KEYS, Topics.WORKSPACES)).toList();
    }
}
