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
        // No copy of the row's cells for a row the reader refused no cell of (nearly every row of a large file):
        // the copies were a fifth of the checks' time.
        Map<TemplateColumn, String> values = row.values();
        List<RowError> errors = new ArrayList<>();
        Set<TemplateColumn> refused = Set.of();
        if (!row.problems().isEmpty()) {
            values = new HashMap<>(row.values());
            refused = new HashSet<>();
            for (CellProblem problem : row.problems()) {
                values.put(problem.column(), problem.value());
                refused.add(problem.column());
                errors.add(new RowError(problem.column(), problem.code(), problem.message()));
            }
        }
        // A refused cell is left out of the command (it is not among the row's values): its problem is said once, as
        // the reader worded it.
        TemplateRows.Conversion conversion = TemplateRows.toCommand(template, row.values());
        for (FieldProblem problem : conversion.problems()) {
            errors.add(error(template, problem));
        }
        AccountValidator.Result result = validate(conversion.command(), rules);
        for (FieldProblem problem : result.problems()) {
            RowError error = error(template, problem);
            // the reader already refused this cell; "required" on it would only repeat that
            if (error.column() == null || !refused.contains(error.column())) {
                if (conversion.problems().stream().noneMatch(p -> p.field().equals(problem.field()))) {
                    errors.add(error);
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
        return new RowVerdict(row.row(), values, login, email, ownerLogin, ownerFirst, ownerLast, takesLicence,
                List.copyOf(errors));
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
        return template.column(key).map(row.values()::get).orElse(null);
    }

    private static String key(String text) {
        return text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
