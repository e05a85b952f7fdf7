package io.roster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.InvalidMessageException;
import io.roster.contracts.MalformedCommand;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.FieldProblem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A command its sender can correct is handed on to be answered; anything else undecodable is thrown. */
class EnvelopeDeserializerTest {

    private final EnvelopeDeserializer deserializer = new EnvelopeDeserializer(new EnvelopeCodec());

    private static byte[] message(String type, String payload) {
        return ("{\"eventId\": \"1b4e28ba-2fa1-41d2-883f-0016d3cca427\", \"type\": \"" + type + "\","
                + " \"occurredAt\": \"2026-11-23T09:00:00Z\", \"workspaceId\": \"acme\", \"requestId\": \"r-1\","
                + " \"payload\": " + payload + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCommandWithAFieldOfTheWrongTypeComesWithItsProblemsToBeAnswered() {
        Envelope<Payload> command = deserializer.deserialize(Topics.ACCOUNT_REQUESTS,
                message("account.suspend.v1", "{\"accountId\": \"8f14e45f-ceea-467f-a0e6-1e2c3d4b5a69\","
                        + " \"reason\": 42}"));

        assertThat(command.type()).isEqualTo("account.suspend.v1");
        assertThat(command.requestId()).isEqualTo("r-1");
        assertThat(command.payload()).isEqualTo(new MalformedCommand("8f14e45f-ceea-467f-a0e6-1e2c3d4b5a69",
                java.util.List.of(new FieldProblem("reason", "invalid_type",
                        "must be text (a JSON string), not an integer"))));
    }

    @Test
    void anEventWithAFieldOfTheWrongTypeAndAnUnreadableEnvelopeAreThrown() {
        assertThatThrownBy(() -> deserializer.deserialize(Topics.ACCOUNT_EVENTS, message("account.deleted.v1",
                "{\"accountId\": 7, \"pseudonymousId\": \"deleted-1\"}")))
                .isExactlyInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("payload does not match account.deleted.v1: in accountId: ");
        assertThatThrownBy(() -> deserializer.deserialize(Topics.ACCOUNT_REQUESTS,
                "{\"type\": \"account.suspend.v1\"}".getBytes(StandardCharsets.UTF_8)))
                .isExactlyInstanceOf(InvalidMessageException.class).hasMessage("missing or non-text 'eventId'");
    }
}
