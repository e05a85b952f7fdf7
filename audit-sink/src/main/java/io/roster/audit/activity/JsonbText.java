package io.roster.audit.activity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON written as PostgreSQL's jsonb prints it back ({@code details::text}): the writer hashes an entry's details
 * before they are stored, and the verifier hashes what the database gives back, so both must be the same text. A
 * text in this form is stored and printed back unchanged by jsonb (ChainContentIT checks it on the real database).
 * jsonb's form: an object's keys ordered by their UTF-8 length, then bytewise; {@code ", "} between members and
 * elements, {@code ": "} after a key; strings escaped as {@code escape_json} does (the short escapes, other control
 * characters as a lowercase six-character unicode escape, everything else as it is); numbers as numeric prints them (plain
 * notation, no exponent). NUL, which jsonb refuses, becomes U+FFFD, as in the entries' other texts.
 */
final class JsonbText {

    private JsonbText() {
    }

    /** Reads JSON as it was written: decimals exact, with their trailing zeros. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    /** JSON text (null: null) in jsonb's form. */
    static String ofJson(String json) {
        return json == null ? null : of(JSON.readTree(json));
    }

    static String of(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> object(node, out);
            case ARRAY -> {
                out.append('[');
                boolean first = true;
                for (JsonNode element : node.values()) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    write(element, out);
                }
                out.append(']');
            }
            case STRING -> string(node.stringValue(), out);
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not JSON: a " + node.getNodeType() + " node");
        }
    }

    private record Member(byte[] utf8, String key, JsonNode value) {
    }

    private static void object(JsonNode node, StringBuilder out) {
        List<Member> members = new ArrayList<>(node.size());
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String key = withoutNul(property.getKey());
            members.add(new Member(key.getBytes(StandardCharsets.UTF_8), key, property.getValue()));
        }
        // jsonb's order of keys: shorter first, then bytewise (unsigned)
        members.sort((a, b) -> a.utf8().length != b.utf8().length ? Integer.compare(a.utf8().length,
                b.utf8().length) : Arrays.compareUnsigned(a.utf8(), b.utf8()));
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            string(members.get(i).key(), out);
            out.append(": ");
            write(members.get(i).value(), out);
        }
        out.append('}');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\u0000' -> out.append('\uFFFD');
                default -> {
                    if (c < ' ') {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** As numeric prints it: integers as they are, others in plain notation with their scale (never negative). */
    private static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        BigDecimal decimal = node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.numberValue().toString());
        return (decimal.scale() < 0 ? decimal.setScale(0) : decimal).toPlainString();
    }

    private static String withoutNul(String value) {
        return value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD');
    }
}
