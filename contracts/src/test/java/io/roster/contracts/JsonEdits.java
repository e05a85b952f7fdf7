package io.roster.contracts;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A message's JSON with one top-level field set or removed: the variants the readers' tests compare readings on. */
final class JsonEdits {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonEdits() {
    }

    /** {@code json} with {@code field} set to the JSON {@code value}. */
    static String with(String json, String field, String value) {
        ObjectNode message = (ObjectNode) MAPPER.readTree(json);
        message.set(field, MAPPER.readTree(value));
        return MAPPER.writeValueAsString(message);
    }

    /** {@code json} without {@code field}. */
    static String without(String json, String field) {
        ObjectNode message = (ObjectNode) MAPPER.readTree(json);
        message.remove(field);
        return MAPPER.writeValueAsString(message);
    }
}
