package io.roster.contracts;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectReader;

/**
 * A consumer's lean reading of the message types it reads most: the envelope walked as the codec's one-pass reading
 * walks it, the payload read by the consumer's own {@link PayloadReader} for its type. Answers null for every other
 * type and for any record it does not take as it is, which the consumer then hands to the codec ({@link
 * EnvelopeCodec#read}): the codec's answer — the envelope, or the reason it is refused, for a rejection or the
 * dead letter — stays the reference.
 *
 * <p>It takes the shape every Roster writer gives a message: each envelope field once, {@code type} before {@code
 * payload}, no other field, nothing after; the envelope's fields checked as the codec checks them, the actor's as
 * its tolerant reader binds them. The parsers have no duplicate detection (Jackson's keeps a hash set per JSON
 * object: 1.6 KB a record): a field named twice is caught by {@link LeanJson#once}, here and in the payload readers.
 * Thread-safe.
 */
public final class LeanEnvelopeReader {

    private final ObjectReader parsers;
    private final Map<MessageType, PayloadReader<?>> readers;

    /** @param readers the payload reader of each type read lean; every other type is left to the codec */
    public LeanEnvelopeReader(EnvelopeCodec codec, Map<MessageType, ? extends PayloadReader<?>> readers) {
        this.parsers = codec.mapper().reader().without(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.readers = readers.isEmpty() ? Map.of() : new EnumMap<>(readers);
    }

    /** The envelope, or null when the codec must read the record (another type, anything unusual). */
    public Envelope<Payload> read(byte[] json) {
        if (json == null || json.length == 0) {
            return null;
        }
        try (JsonParser parser = parsers.createParser(json)) {
            return envelope(parser, json);
        } catch (RuntimeException anythingUnusual) {
            // Jackson's, UUID's or Instant's refusal, an enum's unknown name, a field twice: the codec says what it is
            return null;
        }
    }

    private Envelope<Payload> envelope(JsonParser parser, byte[] json) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String eventId = null; // parsed last: a record of another type is left before any parsing
        String type = null;
        PayloadReader<?> reader = null;
        String occurredAt = null;
        String workspaceId = null;
        String requestId = null;
        Actor actor = null;
        Payload payload = null;
        long seen = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "eventId" -> {
                    seen = LeanJson.once(seen, 0);
                    eventId = envelopeText(parser, value);
                }
                case "type" -> {
                    seen = LeanJson.once(seen, 1);
                    type = envelopeText(parser, value);
                    reader = MessageType.byName(type).map(readers::get).orElse(null);
                    if (reader == null) {
                        return null;
                    }
                }
                case "occurredAt" -> {
                    seen = LeanJson.once(seen, 2);
                    occurredAt = envelopeText(parser, value);
                }
                case "workspaceId" -> {
                    seen = LeanJson.once(seen, 3);
                    workspaceId = envelopeText(parser, value);
                }
                case "requestId" -> {
                    seen = LeanJson.once(seen, 4);
                    requestId = envelopeText(parser, value);
                }
                case "actor" -> {
                    seen = LeanJson.once(seen, 5);
                    actor = value == JsonToken.VALUE_NULL ? null : actor(parser, value);
                }
                case "payload" -> {
                    seen = LeanJson.once(seen, 6);
                    if (reader == null || value != JsonToken.START_OBJECT) {
                        return null;
                    }
                    payload = reader.read(parser, json);
                    if (payload == null || !parser.hasToken(JsonToken.END_OBJECT)) {
                        return null;
                    }
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
        return new Envelope<>(UUID.fromString(eventId), type, Instants.parse(occurredAt), workspaceId, requestId, actor,
                payload);
    }

    /**
     * The actor as the codec's tolerant reader binds it (its three fields, any other skipped), by hand: binding it
     * through Jackson made a deserialization context a record.
     */
    private static Actor actor(JsonParser parser, JsonToken value) {
        if (value != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("not an object");
        }
        Actor.Kind kind = null;
        String id = null;
        String clientIp = null;
        long seen = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken field = parser.nextToken();
            switch (name) {
                case "kind" -> {
                    seen = LeanJson.once(seen, 0);
                    kind = field == JsonToken.VALUE_NULL ? null : Actor.Kind.valueOf(LeanJson.text(parser, field));
                }
                case "id" -> {
                    seen = LeanJson.once(seen, 1);
                    id = LeanJson.textOrNull(parser, field);
                }
                case "clientIp" -> {
                    seen = LeanJson.once(seen, 2);
                    clientIp = LeanJson.textOrNull(parser, field);
                }
                default -> parser.skipChildren();
            }
        }
        if (!parser.hasToken(JsonToken.END_OBJECT)) {
            throw new IllegalArgumentException("not an object");
        }
        return new Actor(kind, id, clientIp);
    }

    /** An envelope field's text, not blank, as the codec asks. */
    private static String envelopeText(JsonParser parser, JsonToken value) {
        String text = LeanJson.text(parser, value);
        if (text.isBlank()) {
            throw new IllegalArgumentException("blank");
        }
        return text;
    }
}
