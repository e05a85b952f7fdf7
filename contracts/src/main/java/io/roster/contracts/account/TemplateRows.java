package io.roster.contracts.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place a row of an import template, its cells as the admin typed them, becomes the create command of
 * {@link AccountTemplate#command()}. Only what a command field cannot hold as text is converted here (YES / NO
 * into booleans); every other rule — sizes with units, dd/mm/yyyy/hh:mm dates, enumerations — stays in
 * {@link AccountValidator}, which checks the command next. CREATION_DATE is ignored: Roster fills it in.
 */
public final class TemplateRows {

    private TemplateRows() {
    }

    /**
     * A row as a command, and the cells that could not even be put into one (their fields are null in it).
     *
     * @param problems named by command field, as {@link AccountValidator}'s are, so
     *     {@link AccountTemplate#columnOf(FieldProblem)} finds their column
     */
    public record Conversion(AccountCommand command, List<FieldProblem> problems) {
    }

    /** A row's cells, looked up by column: {@code null} for a blank one. */
    @FunctionalInterface
    public interface Cells {
        String text(TemplateColumn column);
    }

    public static Conversion toCommand(AccountTemplate template, Map<? extends TemplateColumn, String> cells) {
        return toCommand(template, cells::get);
    }

    /**
     * @param cells the row's cells, however the caller keeps them (an importer keeps each row's in an array by
     *     {@link TemplateColumn#ordinal()}, rather than a map per row)
     */
    public static Conversion toCommand(AccountTemplate template, Cells cells) {
        Converter c = new Converter(cells);
        AccountCommand command = switch (template) {
            case USERS -> new CreateUser(c.text(UserTemplateColumn.LOGIN), c.text(UserTemplateColumn.EMAIL),
                    c.text(UserTemplateColumn.FIRSTNAME), c.text(UserTemplateColumn.LASTNAME),
                    c.text(UserTemplateColumn.STATUS), c.text(UserTemplateColumn.MAIL_LANGUAGE),
                    c.text(UserTemplateColumn.SHARE_SPACE_MAX), c.text(UserTemplateColumn.SAVE_SPACE_MAX),
                    c.text(UserTemplateColumn.VISIBILITY_SCOPE), c.yesNo(UserTemplateColumn.MODIFICATION_PREVENTION),
                    c.text(UserTemplateColumn.COMPANY), c.text(UserTemplateColumn.COMPANY_DEPARTMENT),
                    c.text(UserTemplateColumn.FUNCTION), c.text(UserTemplateColumn.TFA),
                    c.text(UserTemplateColumn.CITY), c.text(UserTemplateColumn.ADDRESS),
                    c.text(UserTemplateColumn.ZIPCODE), c.text(UserTemplateColumn.COUNTRY),
                    c.text(UserTemplateColumn.PHONE), c.text(UserTemplateColumn.BIOGRAPHY),
                    c.text(UserTemplateColumn.SUSPENSION_DATE), c.yesNo(UserTemplateColumn.CREATION_NOTIFICATION),
                    c.text(UserTemplateColumn.EXPIRATION_MODE), c.yesNo(UserTemplateColumn.RESTRICTED_RIGHTS),
                    null, null, null, null);
            case CONTACTS -> new CreateContact(c.text(ContactTemplateColumn.OWNER_LOGIN),
                    c.text(ContactTemplateColumn.OWNER_FIRSTNAME), c.text(ContactTemplateColumn.OWNER_LASTNAME),
                    c.text(ContactTemplateColumn.LOGIN), c.text(ContactTemplateColumn.EMAIL),
                    c.text(ContactTemplateColumn.FIRSTNAME), c.text(ContactTemplateColumn.LASTNAME),
                    c.text(ContactTemplateColumn.STATUS), c.text(ContactTemplateColumn.MAIL_LANGUAGE),
                    c.text(ContactTemplateColumn.VISIBILITY_SCOPE),
                    c.yesNo(ContactTemplateColumn.MODIFICATION_PREVENTION), c.text(ContactTemplateColumn.COMPANY),
                    c.text(ContactTemplateColumn.COMPANY_DEPARTMENT), c.text(ContactTemplateColumn.FUNCTION),
                    c.text(ContactTemplateColumn.TFA), c.text(ContactTemplateColumn.CITY),
                    c.text(ContactTemplateColumn.ADDRESS), c.text(ContactTemplateColumn.ZIPCODE),
                    c.text(ContactTemplateColumn.COUNTRY), c.text(ContactTemplateColumn.PHONE),
                    c.text(ContactTemplateColumn.BIOGRAPHY), c.text(ContactTemplateColumn.SUSPENSION_DATE),
                    c.yesNo(ContactTemplateColumn.CREATION_NOTIFICATION));
        };
        return new Conversion(command, c.problems == null ? List.of() : List.copyOf(c.problems));
    }

    /** A YES / NO cell as a boolean; blank is null (the command's default). */
    public static Boolean yesNo(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "YES" -> Boolean.TRUE;
            case "NO" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not YES or NO: " + FieldProblem.quote(text.strip()));
        };
    }

    /** Reads the cells into command fields, collecting the problems (none, for nearly every row: no list then). */
    private static final class Converter {

        private final Cells cells;
        private List<FieldProblem> problems;

        Converter(Cells cells) {
            this.cells = cells;
        }

        String text(TemplateColumn column) {
            String value = cells.text(column);
            return value == null || value.isBlank() ? null : value;
        }

        Boolean yesNo(TemplateColumn column) {
            String value = cells.text(column);
            try {
                return TemplateRows.yesNo(value);
            } catch (IllegalArgumentException e) {
                if (problems == null) {
                    problems = new ArrayList<>();
                }
                problems.add(new FieldProblem(column.field().orElseThrow(), "invalid_value",
                        "must be YES or NO (was " + FieldProblem.quote(value.strip()) + ")"));
                return null;
            }
        }
    }
}
