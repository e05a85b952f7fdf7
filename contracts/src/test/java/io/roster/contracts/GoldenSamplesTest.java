package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.Application;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.InviteUsers;
import io.roster.contracts.account.WorkspaceRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every message type has a golden sample ({@code samples/<type>.json}, shipped in the test-jar) that validates
 * against its committed JSON Schema, decodes into its payload record and encodes back to the same JSON.
 */
class GoldenSamplesTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final JsonMapper mapper = JsonMapper.builder().build();

    /** The committed schema as shipped in the main jar. */
    static Schema schema(MessageType type) {
        String path = "/schemas/" + type.typeName() + ".schema.json";
        try (InputStream in = EnvelopeCodec.class.getResourceAsStream(path)) {
            assertThat(in).as("schema %s on the classpath", path).isNotNull();
            return SCHEMAS.getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyTypeHasASample(MessageType type) {
        assertThat(GoldenSamples.class.getResource("/samples/" + type.typeName() + ".json")).isNotNull();
        assertThat(GoldenSamples.json(type)).endsWith("\n");
    }

    @Test
    void thereIsNoSampleForATypeThatIsNotRegistered() throws IOException {
        List<String> expected = Arrays.stream(MessageType.values()).map(t -> t.typeName() + ".json").toList();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/samples"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void theSampleValidatesAgainstItsSchema(MessageType type) {
        List<Error> errors = schema(type).validate(GoldenSamples.json(type), InputFormat.JSON);
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void theSampleParsesIntoItsRecordAndWritesBackTheSame(MessageType type) {
        String json = GoldenSamples.json(type);
        Envelope<Payload> envelope = codec.read(json);

        assertThat(envelope.type()).isEqualTo(type.typeName());
        assertThat(envelope.workspaceId()).isEqualTo("acme");
        assertThat(envelope.payload()).isInstanceOf(type.payloadClass());
        assertThat(MessageType.of(envelope.payload())).isEqualTo(type);
        assertThat(mapper.readTree(codec.write(envelope))).isEqualTo(mapper.readTree(json));
        assertThat(GoldenSamples.envelope(type)).isEqualTo(envelope);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void whatTheCodecWritesValidatesAgainstTheSchema(MessageType type) {
        List<Error> errors = schema(type).validate(codec.writeString(GoldenSamples.envelope(type)), InputFormat.JSON);
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void noJavaClassNameTravels(MessageType type) {
        String written = codec.writeString(GoldenSamples.envelope(type));
        assertThat(written).doesNotContain("io.roster", "@class", "java.");
        assertThat(GoldenSamples.json(type)).doesNotContain("io.roster", "@class", "java.");
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void theKeyIsWorkspaceAndSubject(MessageType type) {
        Envelope<Payload> envelope = GoldenSamples.envelope(type);
        // Workspace facts are state on a compacted topic: one record per workspace, keyed by its id alone.
        String expected = type == MessageType.WORKSPACE_FACTS ? "acme" : "acme/" + envelope.payload().subject();
        assertThat(envelope.key()).isEqualTo(expected).doesNotContain("null");
    }

    /** The schema and the codec agree: commands refuse an unknown payload field, events accept it. */
    @ParameterizedTest
    @EnumSource(MessageType.class)
    void schemaAndCodecAgreeOnUnknownPayloadFields(MessageType type) {
        ObjectNode message = (ObjectNode) mapper.readTree(GoldenSamples.json(type));
        ((ObjectNode) message.get("payload")).put("addedLater", "x");
        String json = mapper.writeValueAsString(message);

        List<Error> errors = schema(type).validate(json, InputFormat.JSON);
        if (type.isCommand()) {
            assertThat(errors).extracting(Error::getKeyword).containsExactly("additionalProperties");
            assertThatThrownBy(() -> codec.read(json)).isInstanceOf(InvalidMessageException.class)
                    .hasMessageContaining("addedLater");
        } else {
            assertThat(errors).isEmpty();
            assertThat(codec.read(json).payload()).isEqualTo(GoldenSamples.envelope(type).payload());
        }
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void schemaAndCodecBothRefuseABrokenEnvelope(MessageType type) {
        for (String broken : List.of(
                replace(type, "eventId", "not-a-uuid"),
                replace(type, "occurredAt", "yesterday"),
                replace(type, "type", "account.unknown.v1"),
                without(type, "requestId"),
                with(type, "unexpected", "x"))) {
            assertThat(schema(type).validate(broken, InputFormat.JSON)).as(broken).isNotEmpty();
            assertThatThrownBy(() -> codec.read(broken)).as(broken).isInstanceOf(InvalidMessageException.class);
        }
    }

    @Test
    void theSchemaRefusesAValueOutsideTheAllowedOnes() {
        ObjectNode message = (ObjectNode) mapper.readTree(GoldenSamples.json(MessageType.CREATE_USER));
        ((ObjectNode) message.get("payload")).put("mailLanguage", "EN_GB").put("permission", "ALL");
        List<Error> errors = schema(MessageType.CREATE_USER).validate(mapper.writeValueAsString(message),
                InputFormat.JSON);
        assertThat(errors).extracting(Error::getKeyword).containsExactly("enum", "enum");
    }

    /** The command samples are not only well-formed but acceptable requests. */
    @Test
    void theCommandSamplesPassTheAccountRules() {
        Envelope<Payload> user = GoldenSamples.envelope(MessageType.CREATE_USER);
        WorkspaceRules everything = new WorkspaceRules(EnumSet.allOf(Application.class), ZoneId.of("Europe/Paris"),
                user.occurredAt());
        assertThat(AccountValidator.validateUser((CreateUser) user.payload(), everything).problems()).isEmpty();
        CreateContact contact = (CreateContact) GoldenSamples.envelope(MessageType.CREATE_CONTACT).payload();
        assertThat(AccountValidator.validateContact(contact, everything).problems()).isEmpty();
        InviteUsers invitation = (InviteUsers) GoldenSamples.envelope(MessageType.INVITE_USERS).payload();
        assertThat(AccountValidator.validateInvitation(invitation, 10).problems()).isEmpty();
    }

    private String replace(MessageType type, String field, String value) {
        return with(type, field, value);
    }

    private String with(MessageType type, String field, String value) {
        ObjectNode message = (ObjectNode) mapper.readTree(GoldenSamples.json(type));
        message.put(field, value);
        return mapper.writeValueAsString(message);
    }

    private String without(MessageType type, String field) {
        ObjectNode message = (ObjectNode) mapper.readTree(GoldenSamples.json(type));
        JsonNode removed = message.remove(field);
        assertThat(removed).isNotNull();
        return mapper.writeValueAsString(message);
    }
}
