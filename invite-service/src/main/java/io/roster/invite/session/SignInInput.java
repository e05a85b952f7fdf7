package io.roster.invite.session;

import io.roster.contracts.account.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a sign-in's workspace id and login may be before anything is looked up or written: no control characters
 * (PostgreSQL refuses NUL in text, which made a 500) and no longer than any stored one can be — workspace ids
 * have at most 63 characters, logins at most 128 (AccountValidator). A 60,000-character login used to be stored
 * in the lockout table; now it is refused before any write. These rules are public, so refusing by them tells
 * nothing about which workspaces or logins exist.
 */
final class SignInInput {

    static final int WORKSPACE_ID_MAX = 63;
    static final int LOGIN_MAX = 128;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    private SignInInput() {
    }

    static List<FieldProblem> problems(String workspaceId, String login) {
        List<FieldProblem> problems = new ArrayList<>(2);
        check(problems, "workspaceId", workspaceId, WORKSPACE_ID_MAX);
        check(problems, "login", login, LOGIN_MAX);
        return problems;
    }

    private static void check(List<FieldProblem> problems, String field, String value, int max) {
        if (CONTROL.matcher(value).find()) {
            problems.add(new FieldProblem(field, "control_character", "must not contain control characters"));
        } else if (value.length() > max) {
            problems.add(new FieldProblem(field, "too_long", "must be at most " + max + " characters"));
        }
    }
}
