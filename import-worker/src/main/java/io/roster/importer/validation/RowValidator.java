package io.roster.importer.validation;

import io.roster.contracts.account.AccountCommand;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.TemplateColumn;
import io.roster.contracts.account.TemplateRows;
import io.roster.contracts.account.ValidatedAccount;
import io.roster.contracts.account.WorkspaceRules;
import io.roster.importer.file.CellProblem;
import io.roster.importer.file.FailedRow.RowError;
import io.roster.importer.file.SheetRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules of one row that need no other row: the template's text becomes the create command
 * ({@link TemplateRows}), which {@link AccountValidator} checks with the workspace's rules — the same calls
 * invite-service makes, so no rule has a second copy here. Problems map back to columns with
 * {@link AccountTemplate#columnOf(FieldProblem)}.
 */
public final class RowValidator {

    private RowValidator() {
    }

    public static RowVerdict check(AccountTemplate template, SheetRow row, WorkspaceRules rules) {
        // Nearly every row of a large file is valid and had no cell refused by the reader: no list, set or copy of
        // its cells is made for it (they were most of what a row's check allocated).
        List<RowError> errors = null;
        Set<TemplateColumn> refused = Set.of();
        if (!row.problems().isEmpty()) {
            errors = new ArrayList<>();
            refused = new HashSet<>();
            for (CellProblem problem : row.problems()) {
                refused.add(problem.column());
                errors.add(new RowError(problem.column(), problem.code(), problem.message()));
            }
        }
        // A refused cell is left out of the command (it is blank in the row): its problem is said once, as the
        // reader worded it.
        TemplateRows.Conversion conversion = TemplateRows.toCommand(template, row::cell);
        for (FieldProblem problem : conversion.problems()) {
            errors = add(errors, error(template, problem));
        }
        AccountValidator.Result result = validate(conversion.command(), rules);
        for (FieldProblem problem : result.problems()) {
            RowError error = error(template, problem);
            // the reader already refused this cell; "required" on it would only repeat that
            if (error.column() == null || !refused.contains(error.column())) {
                if (conversion.problems().stream().noneMatch(p -> p.field().equals(problem.field()))) {
                    errors = add(errors, error);
                }
            }
        }
        ValidatedAccount account = result.account();
        String login = account != null ? account.login() : key(cell(row, template, "LOGIN"));
        String email = account != null ? account.email() : key(cell(row, template, "EMAIL"));
        String ownerLogin = null;
        String ownerFirst = null;
        String ownerLast = null;
        if (conversion.command() instanceof CreateContact contact) {
            ownerLogin = account != null ? account.ownerLogin() : key(contact.ownerLogin());
            ownerFirst = blankToNull(contact.ownerFirstName());
            ownerLast = blankToNull(contact.ownerLastName());
        }
        boolean takesLicence = account != null && account.type() == AccountType.USER
                && account.status() != AccountStatus.CLOSED;
        return new RowVerdict(row, login, email, ownerLogin, ownerFirst, ownerLast, takesLicence,
                errors == null ? List.of() : List.copyOf(errors));
    }

    private static List<RowError> add(List<RowError> errors, RowError error) {
        List<RowError> list = errors == null ? new ArrayList<>() : errors;
        list.add(error);
        return list;
    }

    /** The command a stored row becomes when applied: the same conversion as when it was checked. */
    public static AccountCommand command(AccountTemplate template, Map<String, String> cells) {
        Map<TemplateColumn, String> typed = new HashMap<>();
        for (TemplateColumn column : template.columns()) {
            String value = cells.get(column.key());
            if (value != null) {
                typed.put(column, value);
            }
        }
        return TemplateRows.toCommand(template, typed).command();
    }

    static RowError error(AccountTemplate template, FieldProblem problem) {
        return new RowError(template.columnOf(problem).orElse(null), problem.code(), problem.message());
    }

    private static AccountValidator.Result validate(AccountCommand command, WorkspaceRules rules) {
        return command instanceof CreateUser user ? AccountValidator.validateUser(user, rules)
                : AccountValidator.validateContact((CreateContact) command, rules);
    }

    private static String cell(SheetRow row, AccountTemplate template, String key) {
        return template.column(key).map(row::cell).orElse(null);
    }

    private static String key(String text) {
        return text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
