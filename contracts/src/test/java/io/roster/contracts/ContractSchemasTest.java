package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import io.roster.contracts.account.MailLanguage;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of each message type — the contract published to upstream systems — is generated from the
 * records (victools jsonschema-generator) and must equal the committed
 * {@code src/main/resources/schemas/<type>.schema.json}. After a deliberate change of a record, rewrite the files
 * with {@code -Droster.contracts.write-schemas=true}.
 */
class ContractSchemasTest {

    static final Path SCHEMAS = Path.of("src/main/resources/schemas");
    static final String WRITE_PROPERTY = "roster.contracts.write-schemas";
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void committedSchemaIsTheGeneratedOne(MessageType type) throws IOException {
        String generated = render(type);
        Path file = SCHEMAS.resolve(fileName(type));
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            Files.createDirectories(SCHEMAS);
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(file).as("schema file; regenerate with -D" + WRITE_PROPERTY + "=true").exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s differs from the records; regenerate with -D%s=true", file, WRITE_PROPERTY)
                .isEqualTo(generated);
    }

    @Test
    void thereIsNoSchemaForATypeThatIsNotRegistered() throws IOException {
        List<String> expected = Arrays.stream(MessageType.values()).map(ContractSchemasTest::fileName).toList();
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void generationIsStable() {
        for (MessageType type : MessageType.values()) {
            assertThat(render(type)).isEqualTo(render(type));
        }
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void describesTheWholeMessage(MessageType type) {
        ObjectNode schema = schema(type);
        assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("title").asString()).isEqualTo(type.typeName());
        assertThat(schema.get("description").asString()).isNotBlank().doesNotContain("io.roster");
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.get("required").valueStream().map(JsonNode::asString))
                .containsExactly("eventId", "type", "occurredAt", "workspaceId", "requestId", "payload");
        JsonNode properties = schema.get("properties");
        assertThat(properties.get("type").get("const").asString()).isEqualTo(type.typeName());
        assertThat(properties.get("eventId").get("format").asString()).isEqualTo("uuid");
        assertThat(properties.get("occurredAt").get("format").asString()).isEqualTo("date-time");

        JsonNode payload = properties.get("payload");
        assertThat(payload.get("type").asString()).isEqualTo("object");
        assertThat(payload.get("properties").propertyNames())
                .containsExactlyElementsOf(Arrays.stream(type.payloadClass().getRecordComponents())
                        .map(RecordComponent::getName).toList());
        if (type.isCommand()) {
            assertThat(payload.get("additionalProperties").asBoolean(true)).as("commands are strict").isFalse();
        } else {
            assertThat(payload.findValues("additionalProperties")).as("events are read tolerantly").isEmpty();
            if (schema.has("$defs")) {
                assertThat(schema.get("$defs").findValues("additionalProperties")).isEmpty();
            }
        }
    }

    @Test
    void allowedValuesBecomeEnumsAndMailLanguagesAreTheirCodes() {
        JsonNode user = schema(MessageType.CREATE_USER).get("properties").get("payload").get("properties");
        assertThat(enumOf(user.get("mailLanguage")))
                .containsExactly("en", "fr", "de", "nl", "es", "it", "pt-br", "zh-cn", "ja", "th");
        assertThat(enumOf(user.get("status"))).containsExactly("ACTIVE", "INACTIVE", "CLOSED");
        assertThat(enumOf(user.get("permission"))).containsExactly("READ_ONLY", "WRITE_ONLY", "READ_WRITE");
        assertThat(enumOf(user.get("tfa"))).containsExactly("TOTP", "NONE", "SMS", "FIDO2");
        assertThat(enumOf(user.get("visibilityScope"))).containsExactly("PUBLIC", "PRIVATE");
        assertThat(enumOf(user.get("expirationMode"))).containsExactly("DEFAULT", "DISABLED");
        assertThat(user.get("login").has("enum")).isFalse();

        JsonNode created = schema(MessageType.ACCOUNT_CREATED).get("properties").get("payload").get("properties");
        assertThat(enumOf(created.get("mailLanguage"))).as("enum-typed event field")
                .containsExactly("en", "fr", "de", "nl", "es", "it", "pt-br", "zh-cn", "ja", "th");
        assertThat(enumOf(created.get("accountType"))).containsExactly("USER", "CONTACT");
        assertThat(created.get("suspensionAt").get("format").asString()).isEqualTo("date-time");
    }

    private static List<String> enumOf(JsonNode property) {
        assertThat(property.has("enum")).as("enum in %s", property).isTrue();
        return property.get("enum").valueStream().map(JsonNode::asString).toList();
    }

    /** How a type's records are keyed (see Payload.key). */
    private static String key(MessageType type) {
        return type == MessageType.WORKSPACE_FACTS ? "workspaceId" : "workspaceId/subject";
    }

    static String fileName(MessageType type) {
        return type.typeName() + ".schema.json";
    }

    /** Pretty-printed, with a trailing newline: the committed file's exact content. */
    static String render(MessageType type) {
        return MAPPER.writeValueAsString(schema(type)) + "\n";
    }

    /** The schema of a whole message of this type: the envelope, with this type's payload. */
    static ObjectNode schema(MessageType type) {
        ObjectNode payload = payloadSchema(type);
        String purpose = payload.has("description") ? payload.remove("description").asString() : "";

        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://roster.io/schemas/" + fileName(type));
        root.put("title", type.typeName());
        root.put("description", (purpose + (type.isCommand()
                ? " Command on " + type.topic() + ", keyed workspaceId/subject; unknown payload fields are refused."
                : " Event on " + type.topic() + ", keyed " + key(type) + "; readers ignore unknown payload"
                        + " fields.")).strip());
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        properties.putObject("eventId").put("description", "Unique id of this message; consumers deduplicate on it.")
                .put("type", "string").put("format", "uuid");
        properties.putObject("type").put("description", "The stable versioned type name, never a Java class name.")
                .put("const", type.typeName());
        properties.putObject("occurredAt").put("description", "When it happened (UTC instant).")
                .put("type", "string").put("format", "date-time");
        properties.putObject("workspaceId").put("description", "The tenant.").put("type", "string")
                .put("minLength", 1);
        properties.putObject("requestId").put("description",
                "Id of the request this message answers or belongs to, for correlation.")
                .put("type", "string").put("minLength", 1);
        ObjectNode actor = properties.putObject("actor");
        actor.put("description", "Who caused the message; clientIp is set when the action came over HTTP.");
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
        JsonNode definitions = payload.remove("$defs");
        if (definitions != null) {
            root.set("$defs", definitions);
        }
        return root;
    }

    private static ObjectNode payloadSchema(MessageType type) {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                .without(Option.SCHEMA_VERSION_INDICATOR);
        if (type.isCommand()) {
            builder.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
        }
        builder.forFields().withEnumResolver(field -> {
            AllowedValues allowed = field.getAnnotationConsideringFieldAndGetter(AllowedValues.class);
            if (allowed == null) {
                return null;
            }
            return Arrays.stream(allowed.value().getEnumConstants()).map(ContractSchemasTest::wireName).toList();
        });
        builder.forTypesInGeneral()
                .withStringFormatResolver(scope -> scope.getType().getErasedType() == Instant.class ? "date-time"
                        : scope.getType().getErasedType() == UUID.class ? "uuid" : null)
                .withPropertySorter(Comparator.<MemberScope<?, ?>>comparingInt(ContractSchemasTest::declarationIndex)
                        .thenComparing(MemberScope::getSchemaPropertyName));
        return new SchemaGenerator(builder.build()).generateSchema(type.payloadClass());
    }

    /** Properties in the record's declaration order: the order of the templates' columns and of the samples. */
    private static int declarationIndex(MemberScope<?, ?> member) {
        RecordComponent[] components = member.getDeclaringType().getErasedType().getRecordComponents();
        if (components != null) {
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(member.getDeclaredName())) {
                    return i;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    /** How a constant travels: its {@code @JsonValue} code for mail languages, its name otherwise. */
    private static String wireName(Enum<?> constant) {
        return constant instanceof MailLanguage language ? language.code() : constant.name();
    }
}
