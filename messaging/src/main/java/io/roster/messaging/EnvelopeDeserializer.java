package io.roster.messaging;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.InvalidPayloadException;
import io.roster.contracts.Payload;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Roster JSON. Throws {@link io.roster.contracts.InvalidMessageException} on anything undecodable; wrapped
 * in spring-kafka's ErrorHandlingDeserializer, that sends the record to the dead-letter topic with the reason.
 * A command whose envelope is readable but whose payload is not (a field of the wrong type) is handed on with a
 * {@link io.roster.contracts.MalformedCommand} payload instead: its sender is answered with a rejection naming the
 * fields, as for any other mistake it can correct.
 */
public class EnvelopeDeserializer implements Deserializer<Envelope<Payload>> {

    private final EnvelopeCodec codec;

    public EnvelopeDeserializer(EnvelopeCodec codec) {
        this.codec = codec;
    }

    @Override
    public Envelope<Payload> deserialize(String topic, byte[] data) {
        try {
            return codec.read(data);
        } catch (InvalidPayloadException e) {
            return e.command();
        }
    }
}
