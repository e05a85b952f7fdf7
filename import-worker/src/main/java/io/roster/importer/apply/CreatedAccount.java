package io.roster.importer.apply;

import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * What import-worker uses of an {@code account.created.v1}: the seven fields of the projection, read from the
 * record's bytes by the account events' own reader (see {@code AccountEventsDeserializer}) instead of the whole
 * {@link AccountCreated} (its sixteen fields, a list and an instant, ~6 µs and most of the listener's allocation a
 * row). It keeps the payload's JSON as received ({@link #received}): written again — a poll that failed handing a
 * record to the dead-letter topic — it is that JSON, whole, not these seven fields.
 *
 * @param received the payload's JSON as it came, or null for one made from a decoded {@link AccountCreated}
 */
@JsonSerialize(using = CreatedAccount.AsReceived.class)
public record CreatedAccount(String accountId, AccountType accountType, String login, String email, String firstName,
        String lastName, AccountStatus status, ReceivedJson received) implements Payload {

    /** The projection's fields of an event decoded whole (a caller that has one, tests). */
    public static CreatedAccount of(AccountCreated c) {
        return new CreatedAccount(c.accountId(), c.accountType(), c.login(), c.email(), c.firstName(), c.lastName(),
                c.status(), null);
    }

    /** The creation a payload tells, lean or whole; null for any other payload. */
    public static CreatedAccount from(Payload payload) {
        if (payload instanceof CreatedAccount lean) {
            return lean;
        }
        return payload instanceof AccountCreated whole ? of(whole) : null;
    }

    /** Whether the payload is an account's creation, lean or whole. */
    public static boolean isCreation(Payload payload) {
        return payload instanceof CreatedAccount || payload instanceof AccountCreated;
    }

    @Override
    public String subject() {
        return accountId;
    }

    /** A slice of a record's bytes: the payload's JSON object, kept without a copy (the record's array is new). */
    public record ReceivedJson(byte[] bytes, int from, int to) {

        public String text() {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
    }

    /** The payload as received, or (for one made from a whole event) its seven fields. */
    public static final class AsReceived extends ValueSerializer<CreatedAccount> {

        @Override
        public void serialize(CreatedAccount value, JsonGenerator gen, SerializationContext context) {
            if (value.received() != null) {
                gen.writeRawValue(value.received().text());
                return;
            }
            gen.writeStartObject();
            gen.writeStringProperty("accountId", value.accountId());
            gen.writeStringProperty("accountType", value.accountType() == null ? null : value.accountType().name());
            gen.writeStringProperty("login", value.login());
            gen.writeStringProperty("email", value.email());
            gen.writeStringProperty("firstName", value.firstName());
            gen.writeStringProperty("lastName", value.lastName());
            gen.writeStringProperty("status", value.status() == null ? null : value.status().name());
            gen.writeEndObject();
        }
    }
}
