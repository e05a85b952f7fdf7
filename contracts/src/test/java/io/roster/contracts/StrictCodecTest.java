package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.networknt.schema.InputFormat;
import io.roster.contracts.account.FieldProblem;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The codec is as strict as the published schemas: no scalar is coerced into another JSON type. A command with a
 * value of the wrong type is refused with the field named (so the sender can be answered); an event likewise, as
 * an undecodable record.
 */
class StrictCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final String createUser = GoldenSamples.json(MessageType.CREATE_USER);

    private static String edit(String json, String target, String replacement) {
        assertThat(json).containsOnlyOnce(target);
        return json.replace(target, replacement);
    }

    private InvalidPayloadException refusedCommand(String json) {
        InvalidPayloadException refused = catchThrowableOfType(InvalidPayloadException.class, () -> codec.read(json));
        assertThat(refused).as("refused: %s", json).isNotNull();
        return refused;
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            creationNotification | "true"            | invalid_type | must be true or false, not text
            creationNotification | 1                 | invalid_type | must be true or false, not an integer
            creationNotification | "1"               | invalid_type | must be true or false, not text
            admin                | 0                 | invalid_type | must be true or false, not an integer
            idleTimeoutMinutes   | 1.5               | invalid_type | must be a whole number (a JSON integer, not text), not a decimal number
            idleTimeoutMinutes   | "60"              | invalid_type | must be a whole number (a JSON integer, not text), not text
            idleTimeoutMinutes   | ""                | invalid_type | must be a whole number (a JSON integer, not text), not text
            login                | 12                | invalid_type | must be text (a JSON string), not an integer
            zipcode              | 75001             | invalid_type | must be text (a JSON string), not an integer
            phone                | 1.5               | invalid_type | must be text (a JSON string), not a decimal number
            status               | true              | invalid_type | must be text (a JSON string), not a boolean
            company              | ["Acme"]          | invalid_type | must be text (a JSON string), not a list
            company              | {"name": "Acme"}  | invalid_type | must be text (a JSON string), not an object
            buckets              | "reports"         | invalid_type | must be a list of texts, not text
            """)
    void aValueOfTheWrongJsonTypeIsRefusedNamingTheField(String field, String value, String code, String message) {
        String json = replaceValue(createUser, field, value);
        assertThat(GoldenSamplesTest.schema(MessageType.CREATE_USER).validate(json, InputFormat.JSON))
                .as("the schema refuses it too").isNotEmpty();

        InvalidPayloadException refused = refusedCommand(json);

        assertThat(refused.problems()).containsExactly(new FieldProblem(field, code, message));
        assertThat(refused).isInstanceOf(InvalidMessageException.class)
                .hasMessage("payload does not match account.create-user.v1: " + field + " " + message);
    }

    /**
     * Two values the schema lets through are refused all the same: a whole number written with a decimal point
     * (JSON Schema's "integer" takes 60.0; Jackson cannot take it without truncating 60.5 as well), and a whole
     * number beyond a 32-bit integer, which no field of the contracts could hold.
     */
    @Test
    void wholeNumbersAreWrittenWithoutADecimalPointAndFitAnInteger() {
        assertThat(refusedCommand(replaceValue(createUser, "idleTimeoutMinutes", "60.0")).problems()).containsExactly(
                new FieldProblem("idleTimeoutMinutes", "invalid_type",
                        "must be a whole number (a JSON integer, not text), not a decimal number"));
        assertThat(refusedCommand(replaceValue(createUser, "idleTimeoutMinutes", "10000000000")).problems())
                .containsExactly(new FieldProblem("idleTimeoutMinutes", "out_of_range",
                        "must be a whole number (a JSON integer, not text); this number is too large"));
    }

    @Test
    void aListElementOfTheWrongTypeIsNamedByItsIndex() {
        InvalidPayloadException refused = refusedCommand(replaceValue(createUser, "buckets", "[\"reports\", 7]"));
        assertThat(refused.problems()).containsExactly(
                new FieldProblem("buckets[1]", "invalid_type", "must be text, not an integer"));
    }

    @Test
    void everyFieldAtFaultIsListedAndTheReadableOnesKeepTheSubjectAndEnvelope() {
        String json = replaceValue(replaceValue(replaceValue(createUser, "admin", "\"yes\""), "email", "42"),
                "restrictedRights", "1");
        json = edit(json, "\"login\":", "\"nickname\": \"ada\", \"login\":");

        InvalidPayloadException refused = refusedCommand(json);

        assertThat(refused.problems()).extracting(FieldProblem::field, FieldProblem::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("nickname", "unknown_field"),
                org.assertj.core.groups.Tuple.tuple("email", "invalid_type"),
                org.assertj.core.groups.Tuple.tuple("restrictedRights", "invalid_type"),
                org.assertj.core.groups.Tuple.tuple("admin", "invalid_type"));
        Envelope<Payload> command = refused.command();
        assertThat(command.payload()).isInstanceOf(MalformedCommand.class);
        Envelope<Payload> sample = GoldenSamples.envelope(MessageType.CREATE_USER);
        assertThat(command.type()).isEqualTo("account.create-user.v1");
        assertThat(command.eventId()).isEqualTo(sample.eventId());
        assertThat(command.workspaceId()).isEqualTo("acme");
        assertThat(command.requestId()).isEqualTo("hr-onboarding-0001");
        assertThat(command.actor()).isEqualTo(sample.actor());
        assertThat(command.payload().subject()).isEqualTo("ada.lovelace");
        assertThat(command.key()).isEqualTo("acme/ada.lovelace");
    }

    @Test
    void anUnknownFieldNameIsEchoedCut() {
        String longName = "x".repeat(10_000);
        InvalidPayloadException refused = refusedCommand(edit(createUser, "\"login\":",
                "\"" + longName + "\": 1, \"login\":"));
        assertThat(refused.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("unknown_field");
            assertThat(p.field()).hasSizeLessThan(70).startsWith("xxxx");
            assertThat(p.message()).isEqualTo("is not a field of account.create-user.v1");
        });
    }

    @Test
    void anEventWithAValueOfTheWrongTypeIsUndecodableNotAnswerable() {
        String created = GoldenSamples.json(MessageType.ACCOUNT_CREATED);
        for (String broken : List.of(
                replaceValue(created, "admin", "\"false\""),
                replaceValue(created, "creationNotification", "1"),
                replaceValue(created, "login", "7"),
                replaceValue(created, "suspensionAt", "1924966800"),
                replaceValue(created, "suspensionAt", "\"1924966800\""),
                replaceValue(created, "accountType", "0"))) {
            assertThat(GoldenSamplesTest.schema(MessageType.ACCOUNT_CREATED).validate(broken, InputFormat.JSON))
                    .as(broken).isNotEmpty();
            assertThatThrownBy(() -> codec.read(broken)).as(broken)
                    .isExactlyInstanceOf(InvalidMessageException.class)
                    .hasMessageStartingWith("payload does not match account.created.v1: in ");
        }
    }

    @Test
    void theGoldenSamplesStillParse() {
        for (MessageType type : MessageType.values()) {
            assertThat(codec.read(GoldenSamples.json(type)).payload()).isInstanceOf(type.payloadClass());
        }
    }

    /** The sample with one payload field's JSON value replaced by {@code value} (raw JSON). */
    static String replaceValue(String json, String field, String value) {
        var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        var message = (tools.jackson.databind.node.ObjectNode) mapper.readTree(json);
        var payload = (tools.jackson.databind.node.ObjectNode) message.get("payload");
        assertThat(payload.has(field)).as("sample has %s", field).isTrue();
        payload.set(field, mapper.readTree(value));
        return mapper.writeValueAsString(message);
    }
}
