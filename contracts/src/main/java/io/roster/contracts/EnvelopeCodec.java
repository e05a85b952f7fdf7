package io.roster.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.roster.contracts.account.FieldProblem;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON on the wire: {@code {"eventId", "type", "occurredAt", "workspaceId", "requestId", "actor", "payload"}}.
 * The type name picks the payload record; no Java class name is ever written. Thread-safe.
 *
 * <p>Reading is as strict as the published JSON Schemas ({@link StrictJson}: no value is coerced into another JSON
 * type), so a message the schema refuses is refused here too, whoever reads it.
 */
public final class EnvelopeCodec {

    private static final Set<String> ENVELOPE_FIELDS =
            Set.of("eventId", "type", "occurredAt", "workspaceId", "requestId", "actor", "payload");
    /** Echoed names are cut to this length: a rejection never repeats unbounded input. */
    private static final int ECHOED_NAME_MAX = 64;

    private final JsonMapper mapper;
    private final ObjectReader strictReader;
    private final ObjectReader tolerantReader;
    private final StreamingEnvelopeReader streaming;

    public EnvelopeCodec() {
        this.mapper = StrictJson.configure(JsonMapper.builder()
                .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL)))
                // the same JSON and the same records as Jackson's own serializer and creators, for less CPU: see each
                .addModule(InstantText.module())
                .addModule(new SimpleModule("roster-record-creators").setValueInstantiators(new RecordCreators()))
                .build();
        this.strictReader = mapper.reader().with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.tolerantReader = mapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.streaming = new StreamingEnvelopeReader(strictReader, tolerantReader);
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

    /**
     * Reads a record in one pass when it has the usual shape ({@link StreamingEnvelopeReader}); any other record,
     * including every one that is refused, is read through a tree of its JSON, which names what is wrong.
     *
     * @throws InvalidPayloadException for a command whose envelope is readable but whose payload is not: it
     *     carries the command with every field at fault, so the sender can be answered
     * @throws InvalidMessageException naming what is wrong, for the dead-letter headers
     */
    public Envelope<Payload> read(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidMessageException("empty record value");
        }
        Envelope<Payload> usual = readInOnePass(json);
        return usual != null ? usual : readThroughTree(json);
    }

    /** The fast path alone: the envelope, or null when the record is left to {@link #readThroughTree}. */
    Envelope<Payload> readInOnePass(byte[] json) {
        return streaming.read(json);
    }

    /** The reference reading: {@link #read}'s answer for every record the fast path leaves to it. */
    Envelope<Payload> readThroughTree(byte[] json) {
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
                throw new InvalidMessageException("unknown envelope field '" + abbreviate(name) + "'");
            }
        }
        String typeName = text(object, "type");
        MessageType type = MessageType.byName(typeName)
                .orElseThrow(() -> new InvalidMessageException("unknown message type '" + abbreviate(typeName) + "'"));
        UUID eventId = parse(object, "eventId", UUID::fromString);
        Instant occurredAt = parse(object, "occurredAt", Instants::parse);
        String workspaceId = text(object, "workspaceId");
        String requestId = text(object, "requestId");
        JsonNode payloadNode = object.get("payload");
        if (payloadNode == null || !payloadNode.isObject()) {
            throw new InvalidMessageException("missing or non-object 'payload'");
        }
        Actor actor;
        try {
            actor = object.hasNonNull("actor") ? tolerantReader.treeToValue(object.get("actor"), Actor.class) : null;
        } catch (JacksonException e) {
            throw new InvalidMessageException("malformed 'actor': " + e.getOriginalMessage(), e);
        }
        if (!type.isCommand()) {
            try {
                return new Envelope<>(eventId, typeName, occurredAt, workspaceId, requestId, actor,
                        tolerantReader.treeToValue(payloadNode, type.payloadClass()));
            } catch (JacksonException e) {
                throw new InvalidMessageException("payload does not match " + typeName + ": " + fieldOf(e)
                        + e.getOriginalMessage(), e);
            }
        }
        PayloadReading reading = readCommandPayload(type, (ObjectNode) payloadNode);
        if (reading.problems.isEmpty()) {
            return new Envelope<>(eventId, typeName, occurredAt, workspaceId, requestId, actor, reading.payload);
        }
        throw new InvalidPayloadException(new Envelope<>(eventId, typeName, occurredAt, workspaceId, requestId,
                actor, new MalformedCommand(reading.payload.subject(), reading.problems)), reading.problems,
                reading.firstFailure);
    }

    private record PayloadReading(Payload payload, List<FieldProblem> problems, JacksonException firstFailure) {
    }

    /**
     * Reads a command's payload, collecting a problem for each field at fault rather than stopping at the first:
     * the faulty field is left out and the rest read again, so the rejection lists them all and the readable
     * fields still tell what the command was about.
     */
    private PayloadReading readCommandPayload(MessageType type, ObjectNode payloadNode) {
        ObjectNode remaining = payloadNode;
        List<FieldProblem> problems = new ArrayList<>();
        JacksonException firstFailure = null;
        while (true) {
            try {
                return new PayloadReading(strictReader.treeToValue(remaining, type.payloadClass()), problems,
                        firstFailure);
            } catch (JacksonException e) {
                String field = topLevelField(e);
                if (field == null || !remaining.has(field)) {
                    // Not a field's fault (cannot happen with the records as they are): the record is unreadable.
                    throw new InvalidMessageException("payload does not match " + type.typeName() + ": "
                            + e.getOriginalMessage(), e);
                }
                problems.add(problem(type, field, e, remaining.get(field)));
                if (remaining == payloadNode) {
                    remaining = payloadNode.deepCopy();
                }
                remaining.remove(field);
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
    }

    private static String topLevelField(JacksonException e) {
        List<JacksonException.Reference> path = e.getPath();
        return path.isEmpty() ? null : path.get(0).getPropertyName();
    }

    /** {@code "in buckets[0]: "}, or nothing when Jackson did not say where. */
    private static String fieldOf(JacksonException e) {
        String path = path(e);
        return path.isEmpty() ? "" : "in " + path + ": ";
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(abbreviate(reference.getPropertyName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static FieldProblem problem(MessageType type, String field, JacksonException e, JsonNode value) {
        String name = path(e);
        if (e instanceof UnrecognizedPropertyException) {
            return new FieldProblem(name, "unknown_field", "is not a field of " + type.typeName());
        }
        String expected = expectedType(type, field);
        if (e instanceof InputCoercionException) {
            return new FieldProblem(name, "out_of_range", "must be " + expected + "; this number is too large");
        }
        JsonNode found = value;
        if (!name.equals(field) && value.isArray()) {
            int index = e.getPath().size() > 1 ? e.getPath().get(1).getIndex() : -1;
            found = index >= 0 && index < value.size() ? value.get(index) : value;
            expected = "text";
        }
        return new FieldProblem(name, "invalid_type", "must be " + expected + ", not " + kind(found));
    }

    /** What the schema asks for: the JSON type of the record component, in words. */
    private static String expectedType(MessageType type, String field) {
        for (RecordComponent component : type.payloadClass().getRecordComponents()) {
            if (component.getName().equals(field)) {
                return describe(component.getGenericType());
            }
        }
        return "absent";
    }

    private static String describe(Type type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number (a JSON integer, not text)";
        }
        if (type == Long.class || type == long.class) {
            return "a whole number (a JSON integer, not text)";
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return "a list of " + describePlural(list.getActualTypeArguments()[0]);
        }
        return "text (a JSON string)";
    }

    private static String describePlural(Type element) {
        return element == String.class ? "texts" : "values";
    }

    private static String kind(JsonNode node) {
        if (node == null) {
            return "absent";
        }
        return switch (node.getNodeType()) {
            case STRING -> "text";
            case BOOLEAN -> "a boolean";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal number";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= ECHOED_NAME_MAX ? text : text.substring(0, ECHOED_NAME_MAX) + "…";
    }

    private static String text(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isString() || node.asString().isBlank()) {
            throw new InvalidMessageException("missing or non-text '" + field + "'");
        }
        return node.asString();
    }

    private static <T> T parse(ObjectNode object, String field, Function<String, T> parser) {
        String value = text(object, field);
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new InvalidMessageException("malformed '" + field + "': " + abbreviate(value), e);
        }
    }
}
