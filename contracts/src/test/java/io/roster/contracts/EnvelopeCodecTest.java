package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.activity.ActivityRecorded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Each way a record can be undecodable raises {@link InvalidMessageException} saying what is wrong. */
class EnvelopeCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final String createUser = GoldenSamples.json(MessageType.CREATE_USER);
    private final String created = GoldenSamples.json(MessageType.ACCOUNT_CREATED);

    private AbstractThrowableAssert<?, ? extends Throwable> reading(String json) {
        return assertThatThrownBy(() -> codec.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidMessageException.class);
    }

    /** Replaces exactly one occurrence, so a test cannot pass because its edit silently did nothing. */
    private static String edit(String json, String target, String replacement) {
        assertThat(json).containsOnlyOnce(target);
        return json.replace(target, replacement);
    }

    @Test
    void emptyBytes() {
        assertThatThrownBy(() -> codec.read(new byte[0])).isInstanceOf(InvalidMessageException.class)
                .hasMessage("empty record value");
        assertThatThrownBy(() -> codec.read((byte[]) null)).isInstanceOf(InvalidMessageException.class)
                .hasMessage("empty record value");
    }

    @Test
    void notJson() {
        reading("{not json").hasMessageStartingWith("not valid JSON: ");
        reading("account.create-user.v1").hasMessageStartingWith("not valid JSON: ");
    }

    @Test
    void notAnObject() {
        reading("[1, 2]").hasMessage("not a JSON object");
        reading("\"text\"").hasMessage("not a JSON object");
        reading("null").hasMessage("not a JSON object");
    }

    @Test
    void unknownType() {
        reading(edit(createUser, "\"account.create-user.v1\"", "\"account.create-robot.v1\""))
                .hasMessage("unknown message type 'account.create-robot.v1'");
        reading(edit(createUser, "\"account.create-user.v1\"", "\"io.roster.contracts.account.CreateUser\""))
                .hasMessage("unknown message type 'io.roster.contracts.account.CreateUser'");
    }

    @Test
    void missingType() {
        reading(edit(createUser, "\"type\": \"account.create-user.v1\",", ""))
                .hasMessage("missing or non-text 'type'");
    }

    @Test
    void missingEventId() {
        reading(edit(createUser, "\"eventId\": \"1b4e28ba-2fa1-41d2-883f-0016d3cca427\",", ""))
                .hasMessage("missing or non-text 'eventId'");
        reading(edit(createUser, "\"1b4e28ba-2fa1-41d2-883f-0016d3cca427\"", "42"))
                .hasMessage("missing or non-text 'eventId'");
    }

    @Test
    void malformedEventId() {
        reading(edit(createUser, "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "not-a-uuid"))
                .hasMessage("malformed 'eventId': not-a-uuid");
    }

    @Test
    void malformedOccurredAt() {
        reading(edit(createUser, "2026-11-23T09:00:00Z", "yesterday"))
                .hasMessage("malformed 'occurredAt': yesterday");
        reading(edit(createUser, "2026-11-23T09:00:00Z", "2026-11-23 09:00"))
                .hasMessage("malformed 'occurredAt': 2026-11-23 09:00");
    }

    @Test
    void blankWorkspaceOrRequestId() {
        reading(edit(createUser, "\"workspaceId\": \"acme\"", "\"workspaceId\": \" \""))
                .hasMessage("missing or non-text 'workspaceId'");
        reading(edit(createUser, "\"requestId\": \"hr-onboarding-0001\",", ""))
                .hasMessage("missing or non-text 'requestId'");
    }

    @Test
    void missingOrNonObjectPayload() {
        String withoutPayload = createUser.substring(0, createUser.indexOf(",\n  \"payload\"")) + "\n}\n";
        reading(withoutPayload).hasMessage("missing or non-object 'payload'");
        reading(withoutPayload.replace("\n}\n", ", \"payload\": [] }")).hasMessage("missing or non-object 'payload'");
    }

    @Test
    void unknownEnvelopeField() {
        reading(edit(createUser, "\"eventId\"", "\"eventID\"")).hasMessage("unknown envelope field 'eventID'");
        reading(edit(created, "\"actor\"", "\"@class\": \"x\", \"actor\""))
                .as("events are tolerant in their payload only").hasMessage("unknown envelope field '@class'");
    }

    @Test
    void unknownFieldInACommandPayloadIsRefused() {
        reading(edit(createUser, "\"login\":", "\"nickname\": \"x\", \"login\":"))
                .hasMessageStartingWith("payload does not match account.create-user.v1: ")
                .hasMessageContaining("nickname");
    }

    @Test
    void unknownFieldInAnEventPayloadIsIgnored() {
        Envelope<Payload> event = codec.read(edit(created, "\"accountId\":",
                "\"addedInV1_1\": {\"nested\": [1, 2]}, \"accountId\":"));
        assertThat(event.payload()).isEqualTo(GoldenSamples.envelope(MessageType.ACCOUNT_CREATED).payload());
        assertThat(((AccountCreated) event.payload()).login()).isEqualTo("ada.lovelace");
    }

    @Test
    void wrongJsonTypeForABooleanField() {
        reading(edit(createUser, "\"creationNotification\": true", "\"creationNotification\": \"perhaps\""))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessage("payload does not match account.create-user.v1: creationNotification must be true or"
                        + " false, not text");
        reading(edit(createUser, "\"admin\": false", "\"admin\": [false]"))
                .hasMessageStartingWith("payload does not match account.create-user.v1: ");
        reading(edit(created, "\"admin\": false", "\"admin\": {\"value\": false}"))
                .as("tolerance of events is about unknown fields, not wrong types")
                .hasMessageStartingWith("payload does not match account.created.v1: ");
    }

    @Test
    void wrongJsonTypeForAListOrTextField() {
        reading(edit(createUser, "\"buckets\": [\"reports\"]", "\"buckets\": \"reports\""))
                .hasMessageStartingWith("payload does not match account.create-user.v1: ");
        reading(edit(createUser, "\"login\": \"ada.lovelace\"", "\"login\": {\"first\": \"ada\"}"))
                .hasMessageStartingWith("payload does not match account.create-user.v1: ");
    }

    @Test
    void unknownEnumValueInAnEvent() {
        reading(edit(created, "\"accountType\": \"USER\"", "\"accountType\": \"ROBOT\""))
                .hasMessageStartingWith("payload does not match account.created.v1: ");
    }

    @Test
    void theKeyIsWorkspaceAndSubject() {
        Envelope<CreateUser> request = Envelope.of("acme", "r-1", Actor.system("test"),
                (CreateUser) GoldenSamples.envelope(MessageType.CREATE_USER).payload());
        assertThat(request.key()).isEqualTo("acme/ada.lovelace");
        Envelope<Payload> event = GoldenSamples.envelope(MessageType.ACCOUNT_CREATED);
        assertThat(event.key()).isEqualTo("acme/8f14e45f-ceea-467f-a0e6-1e2c3d4b5a69");
        Envelope<ActivityRecorded> failedSignIn = Envelope.of("globex", "r-2", null,
                new ActivityRecorded("SIGN_IN_FAILED", null, "grace.hopper", "bad password"));
        assertThat(failedSignIn.key()).isEqualTo("globex/grace.hopper");
    }

    @Test
    void ofStampsTheRegisteredTypeAFreshIdAndNow() {
        Instant before = Instant.now();
        Envelope<Payload> a = Envelope.of("acme", "r-1", null, GoldenSamples.envelope(MessageType.CLOSE_ACCOUNT)
                .payload());
        Envelope<Payload> b = Envelope.of("acme", "r-1", null, a.payload());
        assertThat(a.type()).isEqualTo("account.close.v1");
        assertThat(a.eventId()).isNotEqualTo(b.eventId());
        assertThat(a.occurredAt()).isBetween(before, Instant.now());
    }

    @Test
    void aMessageWrittenIsReadBackEqualAndOmitsNulls() {
        Envelope<Payload> envelope = new Envelope<>(UUID.fromString("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"),
                "activity.recorded.v1", Instant.parse("2026-11-23T09:00:00Z"), "acme", "r-9", null,
                new ActivityRecorded("LOG_EXPORTED", "8f14e45f-ceea-467f-a0e6-1e2c3d4b5a69", null, null));
        String json = codec.writeString(envelope);
        assertThat(json).doesNotContain("null", "actor", "\"login\"");
        assertThat(codec.read(json)).isEqualTo(envelope);
        for (MessageType type : MessageType.values()) {
            Envelope<Payload> sample = GoldenSamples.envelope(type);
            assertThat(codec.read(codec.write(sample))).isEqualTo(sample);
        }
    }
}
