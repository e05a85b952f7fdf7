package io.roster.contracts.account;

/**
 * One reason a request is refused.
 *
 * @param field the field at fault (camelCase, as in the command), or null when no single field is; at most
 *     {@link #QUOTED_MAX} characters, cut beyond
 * @param code a stable machine-readable code such as {@code required}, {@code invalid_value}, {@code duplicate}
 * @param message a sentence for a person; at most {@link #MESSAGE_MAX} characters, cut beyond
 */
public record FieldProblem(String field, String code, String message) {

    /** How much of an offending value a message quotes (see {@link #quote}). */
    public static final int QUOTED_MAX = 200;
    /**
     * The longest message kept whole: a rejection travels as one Kafka record, and a message repeating a value of
     * a million characters made it one the producer refuses. {@link #quote} keeps a quoted value short; this
     * bounds a message that quotes one without it.
     */
    public static final int MESSAGE_MAX = 1000;

    public FieldProblem {
        // A field name is the sender's too: an unknown field of a million characters is named in its rejection.
        field = cut(field, QUOTED_MAX);
        message = cut(message, MESSAGE_MAX);
    }

    /**
     * An offending value as a message quotes it: {@code 'value'}, or when longer than {@link #QUOTED_MAX}, its
     * beginning and its length — {@code 'abc…' (1200000 characters)}.
     */
    public static String quote(Object value) {
        String text = String.valueOf(value);
        return text.length() <= QUOTED_MAX ? "'" + text + "'"
                : "'" + beginning(text, QUOTED_MAX) + "…' (" + text.length() + " characters)";
    }

    /** {@code text} when at most {@code max} characters, else its beginning, "…" and its length. */
    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text
                : beginning(text, max) + "… (" + text.length() + " characters)";
    }

    /** The first {@code max} characters, never half a surrogate pair. */
    private static String beginning(String text, int max) {
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }
}
