package io.roster.messaging;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Writes envelopes as Roster JSON and adds the type as a header, so tools can filter without parsing. */
public class EnvelopeSerializer implements Serializer<Envelope<?>> {

    public static final String TYPE_HEADER = "roster-type";

    private final EnvelopeCodec codec;

    public EnvelopeSerializer(EnvelopeCodec codec) {
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, Envelope<?> data) {
        return data == null ? null : codec.write(data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Envelope<?> data) {
        if (data != null) {
            headers.remove(TYPE_HEADER);
            headers.add(TYPE_HEADER, data.type().getBytes(StandardCharsets.UTF_8));
        }
        return serialize(topic, data);
    }
}
