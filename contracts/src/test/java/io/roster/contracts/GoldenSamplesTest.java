package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

class GoldenSamplesTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final JsonMapper mapper = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyTypeHasASampleThatParsesIntoItsRecordAndWritesBackTheSame(MessageType type) {
        String json = GoldenSamples.json(type);
        Envelope<Payload> envelope = codec.read(json);

        assertThat(envelope.type()).isEqualTo(type.typeName());
        assertThat(envelope.payload()).isInstanceOf(type.payloadClass());
        assertThat(MessageType.of(envelope.payload())).isEqualTo(type);
        assertThat(mapper.readTree(codec.write(envelope))).isEqualTo(mapper.readTree(json));
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void noJavaClassNameTravels(MessageType type) {
        String written = codec.writeString(GoldenSamples.envelope(type));
        assertThat(written).doesNotContain("io.roster", "@class", "java.");
        assertThat(GoldenSamples.json(type)).doesNotContain("io.roster", "@class");
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void theKeyIsWorkspaceAndSubject(MessageType type) {
        Envelope<Payload> envelope = GoldenSamples.envelope(type);
        assertThat(envelope.key()).isEqualTo("acme/" + envelope.payload().subject()).doesNotContain("null");
    }
}
