package io.roster.importer.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.InvalidMessageException;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.ExpirationMode;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.account.Permission;
import io.roster.importer.apply.CreatedAccount;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AccountEventsDeserializerTest {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private final AccountEventsDeserializer deserializer = new AccountEventsDeserializer(CODEC);

    @Test
    void theGoldenCreationIsReadLeanWithTheCodecsEnvelopeAndTheProjectionsFields() {
        Envelope<Payload> whole = GoldenSamples.envelope(MessageType.ACCOUNT_CREATED);
        Envelope<Payload> lean = read(GoldenSamples.json(MessageType.ACCOUNT_CREATED));

        assertThat(lean.payload()).isInstanceOf(CreatedAccount.class);
        assertSameEnvelope(lean, whole);
        assertThat(lean.payload()).usingRecursiveComparison().ignoringFields("received")
                .isEqualTo(CreatedAccount.of((AccountCreated) whole.payload()));
    }

    @Test
    void aLeanCreationWrittenAgainForADeadLetterIsTheWholeEventAsReceived() {
        Envelope<Payload> lean = read(GoldenSamples.json(MessageType.ACCOUNT_CREATED));

        Envelope<Payload> again = CODEC.read(CODEC.write(lean));

        assertThat(again).isEqualTo(GoldenSamples.envelope(MessageType.ACCOUNT_CREATED));
    }

    @Test
    void aCreationAsRosterWritesItKeepsItsNullsAndEveryOtherFieldForTheDeadLetter() {
        AccountCreated contact = new AccountCreated(UUID.randomUUID().toString(), AccountType.CONTACT, null,
                "Partner@Example.com", "Pat \"P\" Ünal", null, AccountStatus.ACTIVE, MailLanguage.EN, false,
                "owner-1", null, ExpirationMode.DEFAULT, false, false, Permission.READ_ONLY, List.of("a", "b"));
        Envelope<Payload> written = Envelope.of("ws-1", UUID.randomUUID().toString(),
                new Actor(Actor.Kind.ADMIN, "key-1", "10.0.0.1"), contact);

        Envelope<Payload> lean = read(CODEC.writeString(written));

        assertThat(lean.payload()).usingRecursiveComparison().ignoringFields("received")
                .isEqualTo(CreatedAccount.of(contact));
        assertSameEnvelope(lean, written);
        assertThat(CODEC.read(CODEC.write(lean))).isEqualTo(written);
    }

    @Test
    void everyOtherGoldenEventOfTheTopicIsTheCodecsReading() {
        for (MessageType type : MessageType.values()) {
            if (type == MessageType.ACCOUNT_CREATED || !Topics.ACCOUNT_EVENTS.equals(type.topic())) {
                continue;
            }
            assertThat(read(GoldenSamples.json(type))).as(type.typeName())
                    .isEqualTo(GoldenSamples.envelope(type));
        }
    }

    @Test
    void aCreationOfAnotherShapeIsTheCodecsReading() {
        ObjectNode golden = (ObjectNode) CODEC.mapper().readTree(GoldenSamples.json(MessageType.ACCOUNT_CREATED));
        // the payload before the type: the codec reads it whole
        ObjectNode payloadFirst = CODEC.mapper().createObjectNode();
        payloadFirst.set("payload", golden.remove("payload"));
        payloadFirst.setAll(golden);

        Envelope<Payload> read = read(payloadFirst.toString());

        assertThat(read.payload()).isInstanceOf(AccountCreated.class);
        assertThat(read).isEqualTo(GoldenSamples.envelope(MessageType.ACCOUNT_CREATED));
    }

    @Test
    void aCreationWithoutItsStatusIsTheCodecsReading() {
        String noStatus = GoldenSamples.json(MessageType.ACCOUNT_CREATED).replace("\"status\": \"ACTIVE\",", "");

        assertThat(read(noStatus).payload()).isInstanceOfSatisfying(AccountCreated.class,
                created -> assertThat(created.status()).isNull());
    }

    @Test
    void aCreationTheCodecRefusesIsRefusedWithTheCodecsReason() {
        String golden = GoldenSamples.json(MessageType.ACCOUNT_CREATED);
        for (String refused : List.of(
                golden.replace("\"USER\"", "\"ROBOT\""),
                golden.replace("\"UPSTREAM\"", "\"ROBOT\""),
                golden.replace("\"UPSTREAM\"", "[]"),
                golden.replace("\"ACTIVE\"", "7"),
                golden.replace("\"ada.lovelace\",", "[\"ada.lovelace\"],"),
                golden.replace("\"workspaceId\": \"acme\"", "\"workspaceId\": \" \""),
                golden.replace("\"requestId\"", "\"requestId\": \"x\", \"tenant\": \"y\", \"other\""),
                golden.replace("\"eventId\": \"6a9d7d0f-7ef5-46c7-9d8d-55b8c1f97c8d\"", "\"eventId\": \"nope\""),
                golden.replace("\"occurredAt\": \"2026-11-23T09:00:00Z\"", "\"occurredAt\": \"yesterday\""))) {
            String reason = reasonOfCodec(refused);
            assertThatThrownBy(() -> read(refused)).as(refused).isInstanceOf(InvalidMessageException.class)
                    .hasMessage(reason);
        }
    }

    @Test
    void aFieldTheProjectionDoesNotUseIsNotChecked() {
        String odd = GoldenSamples.json(MessageType.ACCOUNT_CREATED).replace("[\"reports\"]", "5");

        assertThat(read(odd).payload()).isInstanceOfSatisfying(CreatedAccount.class,
                created -> assertThat(created.login()).isEqualTo("ada.lovelace"));
    }

    @Test
    void anEmptyRecordIsRefusedAsTheCodecRefusesIt() {
        assertThatThrownBy(() -> deserializer.deserialize(Topics.ACCOUNT_EVENTS, null))
                .isInstanceOf(InvalidMessageException.class).hasMessage("empty record value");
        assertThatThrownBy(() -> deserializer.deserialize(Topics.ACCOUNT_EVENTS, new byte[0]))
                .isInstanceOf(InvalidMessageException.class).hasMessage("empty record value");
    }

    private Envelope<Payload> read(String json) {
        return deserializer.deserialize(Topics.ACCOUNT_EVENTS, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String reasonOfCodec(String json) {
        try {
            CODEC.read(json);
        } catch (InvalidMessageException e) {
            return e.getMessage();
        }
        throw new AssertionError("the codec reads " + json);
    }

    private static void assertSameEnvelope(Envelope<Payload> lean, Envelope<Payload> whole) {
        assertThat(lean.eventId()).isEqualTo(whole.eventId());
        assertThat(lean.type()).isEqualTo(whole.type());
        assertThat(lean.occurredAt()).isEqualTo(whole.occurredAt());
        assertThat(lean.workspaceId()).isEqualTo(whole.workspaceId());
        assertThat(lean.requestId()).isEqualTo(whole.requestId());
        assertThat(lean.actor()).isEqualTo(whole.actor());
    }
}
