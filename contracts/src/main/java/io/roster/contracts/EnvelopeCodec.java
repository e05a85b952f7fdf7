package io.roster.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON on the wire: {@code {"eventId", "type", "occurredAt", "workspaceId", "requestId", "actor", "payload"}}.
 * The type name picks the payload record; no Java class name is ever written. Thread-safe.
 */
public final class EnvelopeCodec {

    private static final Set<String> ENVELOPE_FIELDS =
            Set.of("eventId", "type", "occurredAt", "workspaceId", "requestId", "actor", "payload");

    private final JsonMapper mapper;
    private final ObjectReader strictReader;
    private final ObjectReader tolerantReader;

    public EnvelopeCodec() {
        this.mapper = JsonMapper.builder()
                .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
        this.strictReader = mapper.reader().with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.tolerantReader = mapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public JsonMapper mapper() {
        return mapper;
    }

    public byte[] write(Envelope<?> envelope) {
        return mapper.writeValueAsBytes(envelope);
    }

    public String writeString(Envelope<?> envelope) {
        return new String(write(envelope), StandardCharsets.UTF_8);
    }

    public Envelope<Payload> read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidMessageException naming what is wrong, for the dead-letter headers */
    public Envelope<Payload> read(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidMessageException("empty record value");
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidMessageException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new InvalidMessageException("not a JSON object");
        }
        for (Iterator<String> names = object.propertyNames().iterator(); names.hasNext();) {
            String name = names.next();
            if (!ENVELOPE_FIELDS.contains(name)) {
                throw new InvalidMessageException("unknown envelope field '" + name + "'");
            }
        }
        String typeName = text(object, "type");
        MessageType type = MessageType.byName(typeName)
                .orElseThrow(() -> new InvalidMessageException("unknown message type '" + typeName + "'"));
        UUID eventId = parse(object, "eventId", UUID::fromString);
        Instant occurredAt = parse(object, "occurredAt", Instant::parse);
        String workspaceId = text(object, "workspaceId");
        String requestId = text(object, "requestId");
        JsonNode payloadNode = object.get("payload");
        if (payloadNode == null || !payloadNode.isObject()) {
            throw new InvalidMessageException("missing or non-object 'payload'");
        }
        try {
            Actor actor = object.hasNonNull("actor") ? tolerantReader.treeToValue(object.get("actor"), Actor.class) : null;
            ObjectReader reader = type.isCommand() ? strictReader : tolerantReader;
            Payload payload = reader.treeToValue(payloadNode, type.payloadClass());
            return new Envelope<>(eventId, typeName, occurredAt, workspaceId, requestId, actor, payload);
        } catch (JacksonException e) {
            throw new InvalidMessageException("payload does not match " + typeName + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String text(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isString() || node.asString().isBlank()) {
            throw new InvalidMessageException("missing or non-text '" + field + "'");
        }
        return node.asString();
    }

    private static <T> T parse(ObjectNode object, String field, java.util.function.Function<String, T> parser) {
        String value = text(object, field);
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new InvalidMessageException("malformed '" + field + "': " + value, e);
        }
    }
}
