package io.roster.contracts;

import io.roster.contracts.account.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The envelope fields a receiver stores and repeats in every answer — the workspace id and the request id —
 * checked before anything looks them up. A schema-valid command may carry NUL in either, which PostgreSQL refuses
 * in text: the lookup failed, was retried for seconds, and the command went to the dead-letter topic unanswered.
 * Such a command is answered instead, under its {@link #printable printable} ids.
 */
public final class EnvelopeCheck {

    /** Longer ids than this are no one's: workspace ids have at most 63 characters, request ids are UUIDs or alike. */
    public static final int ID_MAX = 200;

    private EnvelopeCheck() {
    }

    /** Every problem of the envelope's workspace id and request id; empty when both can be stored as they are. */
    public static List<FieldProblem> problems(Envelope<?> envelope) {
        List<FieldProblem> problems = new ArrayList<>(2);
        check(problems, "workspaceId", envelope.workspaceId());
        check(problems, "requestId", envelope.requestId());
        return problems;
    }

    private static void check(List<FieldProblem> problems, String field, String value) {
        if (value.isBlank()) {
            problems.add(new FieldProblem(field, "required", "is required"));
        } else if (hasControlCharacter(value)) {
            problems.add(new FieldProblem(field, "control_character",
                    "must not contain control characters (NUL, CR, LF…); this answer repeats it with each replaced"
                            + " by U+FFFD"));
        } else if (value.length() > ID_MAX) {
            problems.add(new FieldProblem(field, "too_long", "must be at most " + ID_MAX + " characters; this answer"
                    + " repeats its first " + ID_MAX));
        }
    }

    /**
     * The envelope with its workspace id and request id fit to be stored and repeated: each control character
     * replaced by U+FFFD, cut to {@link #ID_MAX} characters. Its answer carries these, so the sender correlates by
     * the request id as it would print.
     */
    public static <P extends Payload> Envelope<P> printable(Envelope<P> envelope) {
        return new Envelope<>(envelope.eventId(), envelope.type(), envelope.occurredAt(),
                printable(envelope.workspaceId()), printable(envelope.requestId()), envelope.actor(),
                envelope.payload());
    }

    /** A value fit to be stored and repeated: control characters replaced by U+FFFD, at most {@link #ID_MAX} long. */
    public static String printable(String value) {
        if (value == null) {
            return null;
        }
        String cut = value.length() > ID_MAX ? value.substring(0, ID_MAX) : value;
        if (!hasControlCharacter(cut)) {
            return cut;
        }
        StringBuilder out = new StringBuilder(cut.length());
        cut.chars().forEach(c -> out.append(isControl((char) c) ? '\uFFFD' : (char) c));
        return out.toString();
    }

    static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isControl(char c) {
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
    }
}
