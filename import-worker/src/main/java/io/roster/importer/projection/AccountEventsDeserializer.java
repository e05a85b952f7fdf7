package io.roster.importer.projection;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.LeanEnvelopeReader;
import io.roster.contracts.LeanJson;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import io.roster.importer.apply.CreatedAccount;
import io.roster.messaging.EnvelopeDeserializer;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * {@code roster.account.events} as import-worker reads them: an {@code account.created.v1} — nearly every record
 * of an import's answers — read lean ({@link LeanEnvelopeReader}, the envelope walked as the codec walks it) into a
 * {@link CreatedAccount} (the seven fields the projection uses; the others are skipped, not bound: no instant, list
 * or enum of theirs made for nothing); every other record, and any creation the lean reading does not take as it
 * is, through the codec ({@link EnvelopeDeserializer}), whose answer — the envelope, or the reason it is refused, for
 * the dead letter — is the reference.
 *
 * <p>In the payload, the projection's fields must have their JSON types (text, or null where the schema allows it;
 * the enums by name), each once, and {@code accountId}, {@code accountType} and {@code status} be there, else the
 * codec reads the record. The fields it skips are not checked: an event invite-service published is projected even
 * if one of them would not bind — those are the mailer's and the scheduler's to refuse.
 */
public final class AccountEventsDeserializer implements Deserializer<Envelope<Payload>> {

    private final EnvelopeDeserializer values;

    public AccountEventsDeserializer(EnvelopeCodec codec) {
        this.values = new EnvelopeDeserializer(codec, new LeanEnvelopeReader(codec,
                Map.of(MessageType.ACCOUNT_CREATED, (parser, json) -> created(parser, json))));
    }

    @Override
    public Envelope<Payload> deserialize(String topic, byte[] data) {
        return values.deserialize(topic, data);
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
        long seen = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "accountId" -> {
                    seen = LeanJson.once(seen, 0);
                    accountId = LeanJson.text(parser, value);
                }
                case "accountType" -> {
                    seen = LeanJson.once(seen, 1);
                    accountType = AccountType.valueOf(LeanJson.text(parser, value));
                }
                case "login" -> {
                    seen = LeanJson.once(seen, 2);
                    login = LeanJson.textOrNull(parser, value);
                }
                case "email" -> {
                    seen = LeanJson.once(seen, 3);
                    email = LeanJson.textOrNull(parser, value);
                }
                case "firstName" -> {
                    seen = LeanJson.once(seen, 4);
                    firstName = LeanJson.textOrNull(parser, value);
                }
                case "lastName" -> {
                    seen = LeanJson.once(seen, 5);
                    lastName = LeanJson.textOrNull(parser, value);
                }
                case "status" -> {
                    seen = LeanJson.once(seen, 6);
                    status = AccountStatus.valueOf(LeanJson.text(parser, value));
                }
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
}
