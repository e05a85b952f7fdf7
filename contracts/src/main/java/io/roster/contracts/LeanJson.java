package io.roster.contracts;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The checks a {@link PayloadReader} reads with, each as strict as the codec's binding of a record component (no
 * value coerced into another JSON type, {@link StrictJson}): a value of any other shape throws, which ends the lean
 * reading and leaves the record to the codec.
 */
public final class LeanJson {

    private LeanJson() {
    }

    /**
     * The fields seen so far with this one's bit added: a field named twice throws (the codec's tree keeps the last,
     * a lean reader does not guess).
     */
    public static long once(long seen, int bit) {
        long mask = 1L << bit;
        if ((seen & mask) != 0) {
            throw new IllegalArgumentException("named twice");
        }
        return seen | mask;
    }

    /** A JSON string's text. */
    public static String text(JsonParser parser, JsonToken value) {
        if (value != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("not text");
        }
        return parser.getString();
    }

    /** Text or null, as the codec binds a {@code String} component. */
    public static String textOrNull(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_NULL ? null : text(parser, value);
    }

    /** {@code true}, {@code false} or null, as the codec binds a {@code Boolean} component. */
    public static Boolean booleanOrNull(JsonToken value) {
        return switch (value) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /** A JSON integer within an {@code int}'s range, or null, as the codec binds an {@code Integer} component. */
    public static Integer integerOrNull(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            throw new IllegalArgumentException("not an int");
        }
        return parser.getIntValue();
    }

    /** A list of texts (no null among them), or null, as the codec binds a {@code List<String>} component. */
    public static List<String> textsOrNull(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("not a list");
        }
        List<String> texts = new ArrayList<>();
        for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
            texts.add(text(parser, element));
        }
        return texts;
    }
}
