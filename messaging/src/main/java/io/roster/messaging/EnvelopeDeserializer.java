package io.roster.messaging;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.InvalidPayloadException;
import io.roster.contracts.LeanEnvelopeReader;
import io.roster.contracts.Payload;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Roster JSON. Throws {@link io.roster.contracts.InvalidMessageException} on anything undecodable; wrapped
 * in spring-kafka's ErrorHandlingDeserializer, that sends the record to the dead-letter topic with the reason.
 * A command whose envelope is readable but whose payload is not (a field of the wrong type) is handed on with a
 * {@link io.roster.contracts.MalformedCommand} payload instead: its sender is answered with a rejection naming the
 * fields, as for any other mistake it can correct.
 *
 * <p>A consumer may read its most frequent types lean ({@link LeanEnvelopeReader}: its own payload readers); any
 * record the lean reading does not take is read by the codec, whose answer or refusal is the reference.
 */
public class EnvelopeDeserializer implements Deserializer<Envelope<Payload>> {

    private final EnvelopeCodec codec;
    private final LeanEnvelopeReader lean;

    /** Every record through the codec. */
    public EnvelopeDeserializer(EnvelopeCodec codec) {
        this.codec = codec;
        this.lean = null; // no record parsed twice
    }

    /** The types {@code lean} reads, lean; every other record, and any it leaves, through the codec. */
    public EnvelopeDeserializer(EnvelopeCodec codec, LeanEnvelopeReader lean) {
        this.codec = codec;
        this.lean = lean;
    }

    @Override
    public Envelope<Payload> deserialize(String topic, byte[] data) {
        Envelope<Payload> read = lean == null ? null : lean.read(data);
        if (read != null) {
            return read;
        }
        try {
            return codec.read(data);
        } catch (InvalidPayloadException e) {
            return e.command();
        }
    }
}
