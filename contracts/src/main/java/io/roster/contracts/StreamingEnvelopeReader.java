package io.roster.contracts;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

/**
 * The codec's fast path: an envelope read in one pass over its bytes, its actor and payload bound straight from the
 * parser, with no tree in between. It takes the shape every Roster writer gives a message ({@code type} before
 * {@code payload}, each field once) and answers null for anything else: another order, a duplicate field, a value
 * of the wrong JSON type, a payload that does not bind, trailing content. The codec then reads the record again
 * through the tree, whose answer (the envelope, or the exact reason it is refused) is the reference: whatever this
 * reader returns, the tree reading returns too, equal.
 */
final class StreamingEnvelopeReader {

    /** Parsers that refuse a field named twice: the tree keeps the last one, and this reader does not guess. */
    private final ObjectReader parsers;
    private final ObjectReader actors;
    private final Map<MessageType, ObjectReader> payloads = new EnumMap<>(MessageType.class);

    /**
     * @param strict the reader of command payloads (an unknown field refused)
     * @param tolerant the reader of event payloads and actors (an unknown field ignored)
     */
    StreamingEnvelopeReader(ObjectReader strict, ObjectReader tolerant) {
        this.parsers = tolerant.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        // the payload and the actor are values inside the envelope: what follows them is the envelope's
        ObjectReader commands = strict.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        ObjectReader events = tolerant.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.actors = events.forType(Actor.class);
        for (MessageType type : MessageType.values()) {
            payloads.put(type, (type.isCommand() ? commands : events).forType(type.payloadClass()));
        }
    }

    /** The envelope, or null when the record must be read through the tree. */
    Envelope<Payload> read(byte[] json) {
        try (JsonParser parser = parsers.createParser(json)) {
            return envelope(parser);
        } catch (RuntimeException anythingUnusual) {
            // Jackson's, UUID's or Instant's refusal, a record's own check: the tree reading says what it is
            return null;
        }
    }

    private Envelope<Payload> envelope(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        UUID eventId = null;
        String typeName = null;
        MessageType type = null;
        Instant occurredAt = null;
        String workspaceId = null;
        String requestId = null;
        Actor actor = null;
        Payload payload = null;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "eventId" -> eventId = UUID.fromString(text(parser, value));
                case "type" -> {
                    typeName = text(parser, value);
                    type = MessageType.byName(typeName).orElse(null);
                }
                case "occurredAt" -> occurredAt = Instants.parse(text(parser, value));
                case "workspaceId" -> workspaceId = text(parser, value);
                case "requestId" -> requestId = text(parser, value);
                case "actor" -> actor = value == JsonToken.VALUE_NULL ? null : actors.readValue(parser);
                case "payload" -> {
                    if (type == null || value != JsonToken.START_OBJECT) {
                        return null;
                    }
                    payload = payloads.get(type).readValue(parser);
                }
                default -> {
                    return null;
                }
            }
        }
        if (!parser.hasToken(JsonToken.END_OBJECT) || parser.nextToken() != null) {
            return null;
        }
        if (eventId == null || type == null || occurredAt == null || workspaceId == null || requestId == null
                || payload == null) {
            return null;
        }
        return new Envelope<>(eventId, typeName, occurredAt, workspaceId, requestId, actor, payload);
    }

    /** The text of a string value that is not blank, as the tree reading asks; anything else ends this reading. */
    private static String text(JsonParser parser, JsonToken value) {
        if (value != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("not text");
        }
        String text = parser.getString();
        if (text.isBlank()) {
            throw new IllegalArgumentException("blank");
        }
        return text;
    }
}
