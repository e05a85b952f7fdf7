package io.roster.contracts.account;

import java.util.List;
import java.util.Optional;

/**
 * The two import templates — Users and Contacts — with their columns in the template's order, and the way back
 * from a {@link FieldProblem} of {@link AccountValidator} (or of a rejection) to the column the admin filled in.
 */
public enum AccountTemplate {
    USERS(CreateUser.class, List.of(UserTemplateColumn.values())),
    CONTACTS(CreateContact.class, List.of(ContactTemplateColumn.values()));

    private final Class<? extends AccountCommand> command;
    private final List<TemplateColumn> columns;

    AccountTemplate(Class<? extends AccountCommand> command, List<TemplateColumn> columns) {
        this.command = command;
        this.columns = columns;
    }

    /** The command one row of the template becomes. */
    public Class<? extends AccountCommand> command() {
        return command;
    }

    public List<TemplateColumn> columns() {
        return columns;
    }

    /** The column with this header, as in the template ({@code SAVE_SPACE_MAX}). */
    public Optional<TemplateColumn> column(String key) {
        return columns.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    /**
     * The column feeding a command field — {@code saveSpaceMax}, or {@code emails[2]} for an element of a list —
     * empty for a field no column feeds (admin, permission, buckets are granted outside the template) and for a
     * problem of the whole request (a null field).
     */
    public Optional<TemplateColumn> columnOf(String field) {
        if (field == null) {
            return Optional.empty();
        }
        int index = field.indexOf('[');
        String name = index < 0 ? field : field.substring(0, index);
        return columns.stream().filter(c -> c.field().filter(name::equals).isPresent()).findFirst();
    }

    public Optional<TemplateColumn> columnOf(FieldProblem problem) {
        return columnOf(problem.field());
    }
}
