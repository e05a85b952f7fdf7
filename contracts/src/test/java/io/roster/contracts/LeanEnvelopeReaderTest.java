package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.AccountCommandReaders;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.CreateUser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The create-user and create-contact commands read lean ({@link AccountCommandReaders} on a {@link
 * LeanEnvelopeReader}) answer as the codec does: the golden samples and what the codec writes are taken, equal to the
 * codec's envelope; every variant of them, broken or not, is either taken equal to the codec's envelope or left to the
 * codec (null) — never taken where the codec refuses, so refusals and dead-letter reasons stay the codec's.
 */
class LeanEnvelopeReaderTest {

    private static final List<String> VALUES = List.of("null", "42", "-1", "1.5", "60.0", "10000000000", "true",
            "false", "\"\"", "\" \"", "\"x\"", "\"USER\"", "\"2026-11-23T09:00:00Z\"", "[]", "[\"x\", 7]", "[\"x\"]",
            "[\"x\", null]", "[[\"x\"]]", "{}", "{\"kind\": \"USER\"}", "\"\\u0000\\t é 😀\"");
    private static final List<String> ENVELOPE_FIELDS = List.of("eventId", "type", "occurredAt", "workspaceId",
            "requestId", "actor", "payload");
    private static final List<MessageType> LEAN = List.of(MessageType.CREATE_USER, MessageType.CREATE_CONTACT);

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final LeanEnvelopeReader lean = new LeanEnvelopeReader(codec, AccountCommandReaders.creations());
    private final JsonMapper mapper = JsonMapper.builder().build();

    /** Taken equal to the codec's envelope, or left to the codec; returns whether it was taken. */
    private boolean sameAsTheCodecOrLeft(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Envelope<Payload> read = lean.read(bytes);
        if (read != null) {
            assertThat(read).as("taken lean: %s", json).isEqualTo(codec.read(bytes));
        }
        return read != null;
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void theCreationsAreReadLeanAndEveryOtherTypeIsLeftToTheCodec(MessageType type) {
        byte[] json = GoldenSamples.json(type).getBytes(StandardCharsets.UTF_8);

        Envelope<Payload> read = lean.read(json);

        if (LEAN.contains(type)) {
            assertThat(read).isNotNull().isEqualTo(codec.read(json));
            assertThat(lean.read(codec.write(read))).as("what the codec writes").isEqualTo(read);
        } else {
            assertThat(read).isNull();
        }
    }

    @Test
    void everyFieldSetAndEveryFieldLeftOutIsReadAsTheCodecReadsIt() {
        CreateUser user = new CreateUser("l", "e@x.example", "F", "L", "ACTIVE", "fr", "1 GB", "2 GB", "PUBLIC", true,
                "C", "D", "Fn", "TOTP", "City", "Addr", "75001", "France", "+33 6", "Bio", "31/12/2099/18:00", true,
                "DEFAULT", true, false, true, "READ_ONLY", List.of("a-b", "c.d"), 1440);
        CreateUser nothing = new CreateUser(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        CreateContact contact = new CreateContact("owner", "O", "W", "l", "e@x.example", "F", "L", "ACTIVE", "fr",
                "PRIVATE", false, "C", "D", "Fn", "NONE", "City", "Addr", "75001", "France", "+33 6", "Bio",
                "31/12/2099/18:00", false);
        CreateContact noContact = new CreateContact(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
        for (Payload payload : List.of(user, nothing, contact, noContact)) {
            byte[] json = codec.write(Envelope.of("acme", "r-1", new Actor(Actor.Kind.IMPORT, "i", "10.0.0.1"),
                    payload));
            assertThat(lean.read(json)).isNotNull().isEqualTo(codec.read(json));
            assertThat(lean.read(json).payload()).isEqualTo(payload);
        }
    }

    @Test
    void everyEnvelopeFieldBrokenOrMovedIsTakenAsTheCodecTakesItOrLeftToIt() {
        for (MessageType type : LEAN) {
            String sample = GoldenSamples.json(type);
            for (String field : ENVELOPE_FIELDS) {
                // every field but the actor is required
                assertThat(sameAsTheCodecOrLeft(JsonEdits.without(sample, field)))
                        .isEqualTo(field.equals("actor"));
                for (String value : VALUES) {
                    sameAsTheCodecOrLeft(JsonEdits.with(sample, field, value));
                }
                // the field again, at the end: the codec's tree keeps the last, the lean reading leaves it
                assertThat(sameAsTheCodecOrLeft(sample.substring(0, sample.lastIndexOf('}')) + ", \"" + field
                        + "\": " + mapper.writeValueAsString(mapper.readTree(sample).get(field)) + "}")).isFalse();
            }
            assertThat(sameAsTheCodecOrLeft(JsonEdits.with(sample, "unexpected", "\"x\""))).isFalse();
            for (String actor : List.of("{\"kind\": \"ROBOT\"}", "{\"kind\": \"USER\", \"extra\": {\"a\": [1]}}",
                    "{\"kind\": \"USER\", \"kind\": \"ADMIN\"}", "[{\"kind\": \"USER\"}]", "{\"kind\": null}",
                    "{\"id\": 7}", "{\"clientIp\": \"::1\", \"id\": null}")) {
                sameAsTheCodecOrLeft(JsonEdits.with(sample, "actor", actor));
            }
        }
    }

    @Test
    void everyPayloadFieldOfAnyJsonTypeIsTakenAsTheCodecTakesItOrLeftToIt() {
        for (MessageType type : LEAN) {
            String sample = GoldenSamples.json(type);
            JsonNode payload = mapper.readTree(sample).get("payload");
            List<String> taken = new ArrayList<>();
            for (Iterator<String> names = payload.propertyNames().iterator(); names.hasNext();) {
                String field = names.next();
                ObjectNode without = (ObjectNode) mapper.readTree(sample);
                ((ObjectNode) without.get("payload")).remove(field);
                assertThat(sameAsTheCodecOrLeft(mapper.writeValueAsString(without))).as(field).isTrue();
                for (String value : VALUES) {
                    ObjectNode changed = (ObjectNode) mapper.readTree(sample);
                    ((ObjectNode) changed.get("payload")).set(field, mapper.readTree(value));
                    if (sameAsTheCodecOrLeft(mapper.writeValueAsString(changed))) {
                        taken.add(field + "=" + value);
                    }
                }
                // the field twice in the payload
                String json = mapper.writeValueAsString(mapper.readTree(sample));
                int at = json.indexOf("\"payload\":{") + "\"payload\":{".length();
                assertThat(sameAsTheCodecOrLeft(json.substring(0, at) + "\"" + field + "\":"
                        + mapper.writeValueAsString(payload.get(field)) + "," + json.substring(at))).isFalse();
            }
            assertThat(taken).as("each field's null is taken").contains("email=null", "status=null");
            ObjectNode unknown = (ObjectNode) mapper.readTree(sample);
            ((ObjectNode) unknown.get("payload")).put("addedLater", "x");
            assertThat(sameAsTheCodecOrLeft(mapper.writeValueAsString(unknown))).isFalse();
        }
    }

    @Test
    void brokenJsonIsLeftToTheCodec() {
        for (MessageType type : LEAN) {
            String sample = GoldenSamples.json(type);
            for (String json : List.of(sample.substring(0, sample.length() / 2), sample + " x", sample + "{}",
                    sample + "[", "[" + sample + "]", sample.replace("\"payload\"", "payload"),
                    "\"" + sample + "\"", sample.replace("{", "{ /* c */ "), "", "null")) {
                assertThat(sameAsTheCodecOrLeft(json)).as(json).isFalse();
            }
        }
        assertThat(lean.read(null)).isNull();
    }
}
