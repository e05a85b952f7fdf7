package io.roster.audit.activity;

import io.roster.contracts.MessageType;
import io.roster.contracts.Topics;
import java.util.Arrays;

/**
 * The topics whose events the activity log records: every topic of an event type in contracts, but the compacted
 * ones (they hold state, republished at every start-up, not history). A new event topic is consumed without a change
 * here.
 */
public final class ActivityTopics {

    private ActivityTopics() {
    }

    public static String[] names() {
        return Arrays.stream(MessageType.values()).filter(t -> !t.isCommand())
                .map(MessageType::topic).filter(topic -> !Topics.COMPACTED.contains(topic))
                .distinct().sorted().toArray(String[]::new);
    }
}
