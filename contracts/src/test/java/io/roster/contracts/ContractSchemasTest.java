package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of each message type — the contract published to upstream systems — is generated from the
 * records and must equal the committed file; run with {@code -Droster.contracts.write-schemas=true} to rewrite
 * the files after a deliberate change. Every golden sample must validate against its schema.
 */
class ContractSchemasTest {

    static final Path SCHEMAS = Path.of("src/main/resources/schemas");
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void committedSchemaIsTheGeneratedOne(MessageType type) throws IOException {
        String generated = MAPPER.writeValueAsString(schema(type)) + "\n";
        Path file = SCHEMAS.resolve(type.typeName() + ".schema.json");
        if (Boolean.getBoolean("roster.contracts.write-schemas")) {
            Files.createDirectories(SCHEMAS);
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(file).as("schema file; regenerate with -Droster.contracts.write-schemas=true").exists();
        assertThat(Files.readString(file)).isEqualTo(generated);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void goldenSampleValidatesAgainstTheSchema(MessageType type) throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMAS.resolve(type.typeName() + ".schema.json")), InputFormat.JSON);
        List<Error> errors = schema.validate(GoldenSamples.json(type), InputFormat.JSON);
        assertThat(errors).isEmpty();
    }

    static ObjectNode schema(MessageType type) {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        builder.forFields().withEnumResolver(field -> {
            AllowedValues allowed = field.getAnnotationConsideringFieldAndGetter(AllowedValues.class);
            if (allowed == null) {
                return null;
            }
            return Arrays.stream(allowed.value().getEnumConstants()).map(ContractSchemasTest::wireName).toList();
        });
        builder.forTypesInGeneral().withStringFormatResolver(scope -> scope.getType().getErasedType() == Instant.class
                ? "date-time" : scope.getType().getErasedType() == UUID.class ? "uuid" : null);
        ObjectNode payload = new SchemaGenerator(builder.build()).generateSchema(type.payloadClass());
        if (!type.isCommand()) {
            payload.remove("additionalProperties");
        }

        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://roster.io/schemas/" + type.typeName() + ".schema.json");
        root.put("title", type.typeName());
        root.put("description", (type.isCommand() ? "Command on " : "Event on ") + type.topic()
                + ". Key: workspaceId/subject. " + (type.isCommand()
                        ? "Unknown payload fields are refused; field values are checked by AccountValidator and"
                                + " answered with account.request-rejected.v1."
                        : "Readers ignore unknown payload fields."));
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        properties.putObject("eventId").put("type", "string").put("format", "uuid");
        properties.putObject("type").put("const", type.typeName());
        properties.putObject("occurredAt").put("type", "string").put("format", "date-time");
        properties.putObject("workspaceId").put("type", "string").put("minLength", 1);
        properties.putObject("requestId").put("type", "string").put("minLength", 1);
        ObjectNode actor = properties.putObject("actor");
        actor.put("type", "object");
        ObjectNode actorProperties = actor.putObject("properties");
        ArrayNode kinds = actorProperties.putObject("kind").put("type", "string").putArray("enum");
        Arrays.stream(Actor.Kind.values()).forEach(k -> kinds.add(k.name()));
        actorProperties.putObject("id").put("type", "string");
        actorProperties.putObject("clientIp").put("type", "string");
        actor.put("additionalProperties", false);
        properties.set("payload", payload);
        ArrayNode required = root.putArray("required");
        List.of("eventId", "type", "occurredAt", "workspaceId", "requestId", "payload").forEach(required::add);
        root.put("additionalProperties", false);
        // The generator's "#/$defs/..." references are relative to the document root.
        tools.jackson.databind.JsonNode definitions = payload.remove("$defs");
        if (definitions != null) {
            root.set("$defs", definitions);
        }
        return root;
    }

    private static String wireName(Enum<?> constant) {
        return constant instanceof io.roster.contracts.account.MailLanguage language ? language.code()
                : constant.name();
    }
}
