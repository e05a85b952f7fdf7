package io.roster.messaging;

import java.util.regex.Pattern;

/** Schema names come from configuration and end up in SQL text: allow plain identifiers only. */
final class SqlNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private SqlNames() {
    }

    static String qualified(String schema, String table) {
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        return schema + "." + table;
    }
}
