package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The codec's one-pass reading answers exactly as its tree reading: the same envelope for every golden sample and
 * for every variant of them, broken or not, or the same exception with the same message (and, for a command, the
 * same problems and the same partial command). The fast path answers the usual shape itself and leaves the rest to
 * the tree.
 */
class StreamingEnvelopeReaderTest {

    private static final List<String> VALUES = List.of("null", "42", "1.5", "60.0", "10000000000", "true", "\"\"",
            "\" \"", "\"x\"", "\"USER\"", "\"2026-11-23T09:00:00Z\"", "[]", "[\"x\", 7]", "[\"x\"]", "{}",
            "{\"kind\": \"USER\"}");
    private static final List<String> ENVELOPE_FIELDS = List.of("eventId", "type", "occurredAt", "workspaceId",
            "requestId", "actor", "payload");

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final JsonMapper mapper = JsonMapper.builder().build();

    /** What a reading gave: the envelope, or the exception's class, message, problems and partial command. */
    private record Outcome(Envelope<Payload> envelope, Class<?> refusal, String message, Envelope<Payload> command) {
    }

    private static Outcome outcome(Reading reading, String json) {
        try {
            return new Outcome(reading.read(json.getBytes(StandardCharsets.UTF_8)), null, null, null);
        } catch (InvalidPayloadException e) {
            return new Outcome(null, e.getClass(), e.getMessage(), e.command());
        } catch (RuntimeException e) {
            return new Outcome(null, e.getClass(), e.getMessage(), null);
        }
    }

    private interface Reading {
        Envelope<Payload> read(byte[] json);
    }

    private void sameAsTheTree(String json) {
        Outcome tree = outcome(codec::readThroughTree, json);
        assertThat(outcome(codec::read, json)).as(json).isEqualTo(tree);
        Envelope<Payload> fast = codec.readInOnePass(json.getBytes(StandardCharsets.UTF_8));
        if (fast != null) {
            assertThat(fast).as("the fast path answered %s", json).isEqualTo(tree.envelope());
        }
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void theFastPathReadsEveryGoldenSampleAsTheTreeDoes(MessageType type) {
        byte[] json = GoldenSamples.json(type).getBytes(StandardCharsets.UTF_8);

        Envelope<Payload> fast = codec.readInOnePass(json);

        assertThat(fast).as("the usual shape takes the fast path").isNotNull()
                .isEqualTo(codec.readThroughTree(json)).isEqualTo(codec.read(json));
        assertThat(codec.readInOnePass(codec.write(fast))).as("what the codec writes").isEqualTo(fast);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void theCodecWritesTheTypeBeforeThePayload(MessageType type) {
        String written = codec.writeString(GoldenSamples.envelope(type));
        assertThat(written.indexOf("\"type\"")).isNotNegative().isLessThan(written.indexOf("\"payload\""));
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void aPayloadBeforeItsTypeIsLeftToTheTreeAndReadTheSame(MessageType type) {
        ObjectNode sample = (ObjectNode) mapper.readTree(GoldenSamples.json(type));
        ObjectNode reordered = mapper.createObjectNode();
        reordered.set("payload", sample.get("payload"));
        sample.properties().forEach(e -> reordered.set(e.getKey(), e.getValue()));
        String json = mapper.writeValueAsString(reordered);

        assertThat(codec.readInOnePass(json.getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(codec.read(json)).isEqualTo(GoldenSamples.envelope(type));
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyEnvelopeFieldBrokenOrMovedIsAnsweredAsTheTreeDoes(MessageType type) {
        String sample = GoldenSamples.json(type);
        for (String field : ENVELOPE_FIELDS) {
            sameAsTheTree(JsonEdits.without(sample, field));
            for (String value : VALUES) {
                sameAsTheTree(JsonEdits.with(sample, field, value));
            }
            // the field again, at the end: the tree keeps the last
            sameAsTheTree(sample.substring(0, sample.lastIndexOf('}')) + ", \"" + field + "\": "
                    + mapper.writeValueAsString(mapper.readTree(sample).get(field)) + "}");
        }
        sameAsTheTree(JsonEdits.with(sample, "unexpected", "\"x\""));
        sameAsTheTree(JsonEdits.with(sample, "payload", "{\"addedLater\": {\"x\": [1]}}"));
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyPayloadFieldOfAnyJsonTypeIsAnsweredAsTheTreeDoes(MessageType type) {
        String sample = GoldenSamples.json(type);
        JsonNode payload = mapper.readTree(sample).get("payload");
        for (Iterator<String> names = payload.propertyNames().iterator(); names.hasNext();) {
            String field = names.next();
            ObjectNode without = (ObjectNode) mapper.readTree(sample);
            ((ObjectNode) without.get("payload")).remove(field);
            sameAsTheTree(mapper.writeValueAsString(without));
            for (String value : VALUES) {
                ObjectNode changed = (ObjectNode) mapper.readTree(sample);
                ((ObjectNode) changed.get("payload")).set(field, mapper.readTree(value));
                sameAsTheTree(mapper.writeValueAsString(changed));
            }
            // the field twice in the payload
            String json = mapper.writeValueAsString(mapper.readTree(sample));
            int at = json.indexOf("\"payload\":{") + "\"payload\":{".length();
            sameAsTheTree(json.substring(0, at) + "\"" + field + "\":" + mapper.writeValueAsString(payload.get(field))
                    + "," + json.substring(at));
        }
        ObjectNode unknown = (ObjectNode) mapper.readTree(sample);
        ((ObjectNode) unknown.get("payload")).put("addedLater", "x");
        sameAsTheTree(mapper.writeValueAsString(unknown));
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void brokenJsonIsAnsweredAsTheTreeDoes(MessageType type) {
        String sample = GoldenSamples.json(type);
        for (String json : List.of(sample.substring(0, sample.length() / 2), sample + " x", sample + "{}",
                sample + "[", "[" + sample + "]", sample.replace("\"payload\"", "payload"), "\"" + sample + "\"",
                sample.replace("{", "{ /* c */ "))) {
            sameAsTheTree(json);
        }
    }

    @Test
    void textsOfEveryKindInTheEnvelopeAreAnsweredAsTheTreeDoes() {
        String sample = GoldenSamples.json(MessageType.ACTIVITY_RECORDED);
        Map<String, List<String>> values = Map.of(
                "eventId", List.of("\"BF42C25E-C34A-4B1C-82D2-A0AD16E4C1D2\"", "\"1-2-3-4-5\"", "\"bf42c25e\"",
                        "\"bf42c25e-c34a-4b1c-82d2-a0ad16e4c1d2x\""),
                "occurredAt", List.of("\"2026-11-23T09:00:00.5Z\"", "\"2026-11-23T09:00:00.123456789Z\"",
                        "\"2026-11-23T09:00:00.1234567891Z\"", "\"2026-11-23t09:00:00z\"", "\"2026-02-29T00:00:00Z\"",
                        "\"2024-02-29T00:00:00Z\"", "\"2026-11-23T09:00:00+01:00\"", "\"2026-12-31T23:59:60Z\"",
                        "\"2026-11-23T24:00:00Z\"", "\"2026-11-23T09:00Z\"", "\"2026-11-23T09:00:00.Z\"",
                        "\"+12026-11-23T09:00:00Z\"", "\"0000-01-01T00:00:00Z\""),
                "type", List.of("\"account.created.v1\"", "\"ACTIVITY.RECORDED.V1\"", "\"import.completed.v1\""),
                "actor", List.of("{\"kind\": \"ROBOT\"}", "{\"kind\": \"USER\", \"extra\": 1}",
                        "{\"kind\": \"USER\", \"kind\": \"ADMIN\"}", "[{\"kind\": \"USER\"}]"),
                "workspaceId", List.of("\"\\u0000\"", "\"\\t\"", "\"é\""));
        List<String> variants = new ArrayList<>();
        values.forEach((field, texts) -> texts.forEach(v -> variants.add(JsonEdits.with(sample, field, v))));
        variants.add(sample.replace("\"actor\": {", "\"actor\": {\"clientIp\": null, "));
        variants.forEach(this::sameAsTheTree);
    }
}
