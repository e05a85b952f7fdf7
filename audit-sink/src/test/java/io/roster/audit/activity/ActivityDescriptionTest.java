package io.roster.audit.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.Payload;
import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.access.AccessKeyRevoked;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.contracts.MessageType;
import io.roster.contracts.Topics;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every event type in contracts reads as something in the activity log: a new type without a description fails here. */
class ActivityDescriptionTest {

    private static List<MessageType> loggedTypes() {
        return Arrays.stream(MessageType.values())
                .filter(t -> !t.isCommand()).toList();
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
        assertThat(ActivityTopics.all()).containsExactlyInAnyOrderElementsOf(
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
        WorkspaceFacts facts = (WorkspaceFacts) GoldenSamples.envelope(MessageType.WORKSPACE_FACTS).payload();
        WorkspaceFacts off = new WorkspaceFacts(facts.name(), facts.plan(), facts.licenceCount(), facts.timeZone(),
                facts.applications(), facts.tfaModes(), facts.idleTimeoutPolicy(), facts.idleTimeoutMinutes(),
                facts.concurrentSessions(), facts.usersMayChangeConcurrentSessions());
        assertThat(ActivityDescription.workspace(off, facts).summary()).endsWith("changed: automatic suspension off"
                + " -> after 90 d without sign-in (warned 7 d before), expiry after 30 d suspended");
    }

    @Test
    void workspaceFactsReadAsWhatChangedAndNothingWhenTheyAreRepublishedUnchanged() {
        WorkspaceFacts facts = (WorkspaceFacts) GoldenSamples.envelope(MessageType.WORKSPACE_FACTS).payload();
        assertThat(ActivityDescription.workspace(null, facts)).satisfies(d -> {
            assertThat(d.action()).isEqualTo("WORKSPACE_REGISTERED");
            assertThat(d.summary()).contains(facts.name(), facts.timeZone(), facts.licenceCount() + " licences");
        });
        assertThat(ActivityDescription.workspace(facts, facts)).isNull();
        WorkspaceFacts more = new WorkspaceFacts(facts.name(), facts.plan(), facts.licenceCount() + 5,
                "Asia/Tokyo", facts.applications(), facts.tfaModes(), facts.idleTimeoutPolicy(),
                facts.idleTimeoutMinutes(), facts.concurrentSessions(), facts.usersMayChangeConcurrentSessions(),
                facts.automaticSuspension());
        assertThat(ActivityDescription.workspace(facts, more)).satisfies(d -> {
            assertThat(d.action()).isEqualTo("WORKSPACE_CHANGED");
            assertThat(d.summary()).isEqualTo("workspace " + facts.name() + " changed: licences "
                    + facts.licenceCount() + " -> " + (facts.licenceCount() + 5) + "; time zone " + facts.timeZone()
                    + " -> Asia/Tokyo");
        });
    }

    @Test
    void accessKeysReadWithTheirNameAndIdNeverTheirSecret() {
        AccessKeyIssued issued = new AccessKeyIssued("rk_0123", "payroll sync", "ab".repeat(32),
                java.time.Instant.parse("2026-12-01T10:00:00Z"));
        ActivityDescription d = ActivityDescription.of(envelope(issued));
        assertThat(d.action()).isEqualTo("ACCESS_KEY_ISSUED");
        assertThat(d.summary()).isEqualTo("admin access key payroll sync (rk_0123) issued").doesNotContain("abab");
        assertThat(ActivityDescription.of(envelope(new AccessKeyRevoked("rk_0123",
                java.time.Instant.parse("2026-12-02T10:00:00Z")))))
                .isEqualTo(new ActivityDescription("ACCESS_KEY_REVOKED", null, "admin access key rk_0123 revoked"));
    }

    @Test
    void everyKindOfActorIsRecordedWithItsIdAndAddress() {
        // the actors: admin key, user, upstream system, import, scheduler (and audit-sink itself)
        assertThat(Actor.Kind.values()).extracting(Enum::name).containsExactlyInAnyOrder("ADMIN", "USER",
                "UPSTREAM", "IMPORT", "SCHEDULER", "SYSTEM");
        for (Actor.Kind kind : Actor.Kind.values()) {
            Envelope<Payload> sample = GoldenSamples.envelope(MessageType.ACTIVITY_RECORDED);
            Envelope<Payload> event = new Envelope<>(sample.eventId(), sample.type(), sample.occurredAt(),
                    sample.workspaceId(), sample.requestId(), new Actor(kind, kind + "-1", "192.0.2.9"),
                    sample.payload());
            ActivityRow row = ActivityRow.of(event, ActivityDescription.of(event), new EnvelopeCodec());
            assertThat(List.of(row.actorKind(), row.actorId(), row.clientIp()))
                    .containsExactly(kind.name(), kind + "-1", "192.0.2.9");
        }
    }

    private static Envelope<Payload> envelope(Payload payload) {
        return new Envelope<>(java.util.UUID.randomUUID(), MessageType.of(payload).typeName(),
                java.time.Instant.now(), "ws-1", "req-1", Actor.system("invite-service"), payload);
    }
}
