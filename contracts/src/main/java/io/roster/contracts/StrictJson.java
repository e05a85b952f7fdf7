package io.roster.contracts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON read as strictly as the published JSON Schemas: no value is coerced into another JSON type ({@code "true"}
 * or {@code 1} is not a boolean, {@code 1} not a text, {@code "1"} or {@code 1.5} not a whole number, a number not
 * an enum constant or a date-time). The Kafka codec ({@link EnvelopeCodec}) and the services' HTTP bodies read
 * with it, so a request refused on one channel is refused on the other.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** Configures {@code builder} to coerce nothing; returns it. Unknown properties are the caller's choice. */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                // Jackson's defaults turn "true" and 1 into Booleans, 1.5 into 1, numbers into text and a number
                // into an enum constant: all of them are values the schemas refuse.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.OtherScalar, other -> other
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .addModule(new SimpleModule("roster-strict-instant").addDeserializer(Instant.class,
                        new StrictInstantDeserializer()));
    }

    /**
     * Instants as the schemas have them: RFC 3339 text only. Jackson's own reads numbers as epoch seconds and
     * ignores the coercion settings.
     */
    private static final class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {

        StrictInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getString();
            try {
                return Instants.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an RFC 3339 date-time");
            }
        }
    }
}
