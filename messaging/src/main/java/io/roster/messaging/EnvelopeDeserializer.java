package io.roster.messaging;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.Payload;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Roster JSON. Throws {@link io.roster.contracts.InvalidMessageException} on anything undecodable; wrapped
 * in spring-kafka's ErrorHandlingDeserializer, that sends the record to the dead-letter topic with the reason.
 */
public class EnvelopeDeserializer implements Deserializer<Envelope<Payload>> {

    private final EnvelopeCodec codec;

    public EnvelopeDeserializer(EnvelopeCodec codec) {
        this.codec = codec;
    }

    @Override
    public Envelope<Payload> deserialize(String topic, byte[] data) {
        return codec.read(data);
    }
}
