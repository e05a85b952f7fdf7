package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roster.contracts.account.AccountCreated;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final String createUser = GoldenSamples.json(MessageType.CREATE_USER);
    private final String created = GoldenSamples.json(MessageType.ACCOUNT_CREATED);

    private void rejects(String json, String reason) {
        assertThatThrownBy(() -> codec.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining(reason);
    }

    @Test
    void undecodableInputIsRejectedWithASpecificReason() {
        assertThatThrownBy(() -> codec.read(new byte[0])).isInstanceOf(InvalidMessageException.class)
                .hasMessage("empty record value");
        rejects("{not json", "not valid JSON");
        rejects("[1, 2]", "not a JSON object");
        rejects(createUser.replace("account.create-user.v1", "account.create-robot.v1"),
                "unknown message type 'account.create-robot.v1'");
        rejects(createUser.replace("\"eventId\"", "\"eventID\""), "unknown envelope field 'eventID'");
        rejects(createUser.replace("\"eventId\": \"1b4e28ba-2fa1-41d2-883f-0016d3cca427\",", ""),
                "missing or non-text 'eventId'");
        rejects(createUser.replace("2026-11-23T09:00:00Z", "yesterday"), "malformed 'occurredAt'");
        rejects(createUser.replace("\"workspaceId\": \"acme\"", "\"workspaceId\": \"\""),
                "missing or non-text 'workspaceId'");
        rejects(createUser.replace("\"creationNotification\": true", "\"creationNotification\": \"perhaps\""),
                "payload does not match account.create-user.v1");
    }

    @Test
    void commandsAreReadStrictlyAndEventsTolerantly() {
        rejects(createUser.replace("\"login\":", "\"nickname\": \"x\", \"login\":"),
                "payload does not match account.create-user.v1");
        Envelope<Payload> event = codec.read(created.replace("\"accountId\":", "\"addedInV1_1\": 1, \"accountId\":"));
        assertThat(((AccountCreated) event.payload()).login()).isEqualTo("ada.lovelace");
    }

    @Test
    void aMessageWrittenIsReadBackEqual() {
        Envelope<Payload> envelope = GoldenSamples.envelope(MessageType.ACCOUNT_CREATED);
        assertThat(codec.read(codec.write(envelope))).isEqualTo(envelope);
    }
}
