package io.roster.invite.workspace;

import io.roster.contracts.account.FieldProblem;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A workspace's name is one line of at most 100 characters, without control characters: it is shown in every
 * invitation mail, where a CR-LF in it added lines of the sender's choosing to the body, and PostgreSQL refuses
 * NUL in text. The same rule holds wherever a name is set: the operator's endpoint and the configured workspaces.
 */
public final class WorkspaceName {

    public static final int MAX = 100;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    private WorkspaceName() {
    }

    /** Every problem of a name given for the field {@code field}; none for an absent name (the id stands in). */
    public static List<FieldProblem> problems(String field, String name) {
        if (name == null) {
            return List.of();
        }
        if (name.isBlank()) {
            return List.of(new FieldProblem(field, "required", "must not be blank (leave it out to use the id)"));
        }
        if (CONTROL.matcher(name).find()) {
            return List.of(new FieldProblem(field, "control_character",
                    "must be one line, without line breaks or control characters"));
        }
        if (name.strip().length() > MAX) {
            return List.of(new FieldProblem(field, "too_long", "must be at most " + MAX + " characters"));
        }
        return List.of();
    }
}
