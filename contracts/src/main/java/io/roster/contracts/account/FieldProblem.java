package io.roster.contracts.account;

/**
 * One reason a request is refused.
 *
 * @param field the field at fault (camelCase, as in the command), or null when no single field is
 * @param code a stable machine-readable code such as {@code required}, {@code invalid_value}, {@code duplicate}
 * @param message a sentence for a person
 */
public record FieldProblem(String field, String code, String message) {
}
