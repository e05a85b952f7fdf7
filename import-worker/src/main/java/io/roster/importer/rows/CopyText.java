package io.roster.importer.rows;

/**
 * PostgreSQL's COPY text format: one line per row, fields separated by tabs, {@code \N} for NULL, backslash escapes
 * for the characters that would end a field or a line; arrays as their literal ({@code {"a",NULL}}).
 */
final class CopyText {

    private CopyText() {
    }

    /** Appends one row: its fields in the COPY statement's column order, null for NULL. */
    static void row(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            field(out, fields[i]);
        }
        out.append('\n');
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /** A text array's literal: each element quoted (its quotes and backslashes escaped), NULL for null. */
    static String array(String[] values) {
        StringBuilder literal = new StringBuilder(16 * values.length).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            String value = values[i];
            if (value == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            for (int j = 0; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }
}
