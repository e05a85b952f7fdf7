package io.roster.importer.projection;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.Instants;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import io.roster.importer.apply.CreatedAccount;
import io.roster.messaging.EnvelopeDeserializer;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectReader;

/**
 * {@code roster.account.events} as import-worker reads them: an {@code account.created.v1} — nearly every record
 * of an import's answers — in one pass over its bytes into a {@link CreatedAccount} (the seven fields the projection
 * uses; the others are skipped, not bound: no instant, list or enum of theirs made for nothing); every other record,
 * and any creation this reader does not take as it is, through the codec ({@link EnvelopeDeserializer}), whose
 * answer — the envelope, or the reason it is refused, for the dead letter — is the reference.
 *
 * <p>It takes the shape every Roster writer gives a message, as the codec's own fast path does: each envelope field
 * once, {@code type} before {@code payload}, no other field, nothing after; the envelope's fields checked as the
 * codec checks them (the actor's as its tolerant reader binds them). In the payload, the projection's fields must
 * have their JSON types (text, or null where the schema allows it; the enums by name) and {@code accountId},
 * {@code accountType} and {@code status} be there, else the codec reads the record. The fields it skips are not
 * checked: an event invite-service published is projected even if one of them would not bind — those are the
 * mailer's and the scheduler's to refuse.
 */
public final class AccountEventsDeserializer implements Deserializer<Envelope<Payload>> {

    private static final String CREATED = MessageType.ACCOUNT_CREATED.typeName();

    private final EnvelopeDeserializer codec;
    /** Parsers that refuse a field named twice, like the codec's fast path. */
    private final ObjectReader parsers;

    public AccountEventsDeserializer(EnvelopeCodec codec) {
        this.codec = new EnvelopeDeserializer(codec);
        this.parsers = codec.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    @Override
    public Envelope<Payload> deserialize(String topic, byte[] data) {
        Envelope<Payload> creation = data == null || data.length == 0 ? null : creation(data);
        return creation != null ? creation : codec.deserialize(topic, data);
    }

    /** The creation read lean, or null when the codec must read the record (another type, anything unusual). */
    Envelope<Payload> creation(byte[] json) {
        try (JsonParser parser = parsers.createParser(json)) {
            return envelope(parser, json);
        } catch (RuntimeException anythingUnusual) {
            // Jackson's, UUID's or Instant's refusal, an enum's unknown name: the codec says what it is
            return null;
        }
    }

    private Envelope<Payload> envelope(JsonParser parser, byte[] json) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String eventId = null;
        String type = null;
        String occurredAt = null;
        String workspaceId = null;
        String requestId = null;
        Actor actor = null;
        CreatedAccount payload = null;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "eventId" -> eventId = envelopeText(parser, value);
                case "type" -> {
                    type = envelopeText(parser, value);
                    if (!CREATED.equals(type)) {
                        return null;
                    }
                }
                case "occurredAt" -> occurredAt = envelopeText(parser, value);
                case "workspaceId" -> workspaceId = envelopeText(parser, value);
                case "requestId" -> requestId = envelopeText(parser, value);
                case "actor" -> actor = value == JsonToken.VALUE_NULL ? null : actor(parser, value);
                case "payload" -> {
                    if (type == null || value != JsonToken.START_OBJECT) {
                        return null;
                    }
                    payload = created(parser, json);
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
        return new Envelope<>(UUID.fromString(eventId), type, Instants.parse(occurredAt), workspaceId, requestId,
                actor, payload);
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
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken field = parser.nextToken();
            switch (name) {
                case "kind" -> kind = field == JsonToken.VALUE_NULL ? null : Actor.Kind.valueOf(text(parser, field));
                case "id" -> id = textOrNull(parser, field);
                case "clientIp" -> clientIp = textOrNull(parser, field);
                default -> parser.skipChildren();
            }
        }
        if (!parser.hasToken(JsonToken.END_OBJECT)) {
            throw new IllegalArgumentException("not an object");
        }
        return new Actor(kind, id, clientIp);
    }

    /** The payload's object, from its opening brace (the current token) to its closing one. */
    private static CreatedAccount created(JsonParser parser, byte[] json) {
        int from = (int) parser.currentTokenLocation().getByteOffset();
        String accountId = null;
        AccountType accountType = null;
        String login = null;
        String email = null;
        String firstName = null;
        String lastName = null;
        AccountStatus status = null;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "accountId" -> accountId = text(parser, value);
                case "accountType" -> accountType = AccountType.valueOf(text(parser, value));
                case "login" -> login = textOrNull(parser, value);
                case "email" -> email = textOrNull(parser, value);
                case "firstName" -> firstName = textOrNull(parser, value);
                case "lastName" -> lastName = textOrNull(parser, value);
                case "status" -> status = AccountStatus.valueOf(text(parser, value));
                default -> parser.skipChildren();
            }
        }
        if (!parser.hasToken(JsonToken.END_OBJECT) || accountId == null || accountType == null || status == null) {
            return null;
        }
        int to = (int) parser.currentTokenLocation().getByteOffset() + 1;
        if (from < 0 || json[from] != '{' || to > json.length || json[to - 1] != '}') {
            return null; // the parser did not say where the payload is: never keep a wrong slice
        }
        return new CreatedAccount(accountId, accountType, login, email, firstName, lastName, status,
                new CreatedAccount.ReceivedJson(json, from, to));
    }

    /** An envelope field's text, not blank, as the codec asks. */
    private static String envelopeText(JsonParser parser, JsonToken value) {
        String text = text(parser, value);
        if (text.isBlank()) {
            throw new IllegalArgumentException("blank");
        }
        return text;
    }

    private static String text(JsonParser parser, JsonToken value) {
        if (value != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("not text");
        }
        return parser.getString();
    }

    /** Text or null, as the codec binds a record's String component (no other JSON type coerced). */
    private static String textOrNull(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_NULL ? null : text(parser, value);
    }
}
