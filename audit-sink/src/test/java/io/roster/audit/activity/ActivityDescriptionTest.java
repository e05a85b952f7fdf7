package io.roster.audit.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.contracts.Topics;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every event type in contracts reads as something in the activity log: a new type without a description fails here. */
class ActivityDescriptionTest {

    private static List<MessageType> loggedTypes() {
        return Arrays.stream(MessageType.values())
                .filter(t -> !t.isCommand() && !Topics.COMPACTED.contains(t.topic())).toList();
    }

    @Test
    void everyEventTypeHasADescription() {
        assertThat(loggedTypes()).isNotEmpty().allSatisfy(type -> {
            ActivityDescription d = ActivityDescription.of(GoldenSamples.envelope(type));
            assertThat(d).as("ActivityDescription of %s (add one in audit-sink's ActivityDescription)",
                    type.typeName()).isNotNull();
            assertThat(d.action()).as("activity code of %s", type.typeName()).matches("[A-Z][A-Z0-9_]*");
            assertThat(d.summary()).as("text of %s", type.typeName()).isNotBlank();
        });
    }

    @Test
    void everyEventTopicIsConsumed() {
        assertThat(ActivityTopics.names()).containsExactlyInAnyOrderElementsOf(
                loggedTypes().stream().map(MessageType::topic).distinct().toList());
        assertThat(ActivityTopics.names()).contains(Topics.ACCOUNT_EVENTS, Topics.ACTIVITY)
                .doesNotContain(Topics.ACCESS_KEYS, Topics.WORKSPACES, Topics.ACCOUNT_REQUESTS);
    }

    @Test
    void theAutomaticSuspensionReadsInTheLog() {
        ActivityDescription warned = ActivityDescription.of(GoldenSamples.envelope(MessageType.ACCOUNT_SUSPENSION_WARNED));
        assertThat(warned.action()).isEqualTo("ACCOUNT_SUSPENSION_WARNED");
        assertThat(warned.accountId()).isEqualTo("8f14e45f-ceea-467f-a0e6-1e2c3d4b5a69");
        assertThat(warned.summary()).isEqualTo("warned by mail (fr) of the automatic suspension due at 2026-11-30T09:00:00Z");
        assertThat(ActivityDescription.of(GoldenSamples.envelope(MessageType.WORKSPACE_SETTINGS_CHANGED)).summary())
                .contains("; automatic suspension after 90 d without sign-in (warned 7 d before), expiry after 30 d"
                        + " suspended; changed: idleTimeoutPolicy, idleTimeoutMinutes, concurrentSessions,"
                        + " automaticSuspension");
    }
}
