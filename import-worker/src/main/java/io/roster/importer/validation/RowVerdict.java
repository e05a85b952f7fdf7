package io.roster.importer.validation;

import io.roster.contracts.account.TemplateColumn;
import io.roster.importer.file.CellProblem;
import io.roster.importer.file.FailedRow.RowError;
import io.roster.importer.file.SheetRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row after the rules that need no other row: its keys for the set-wise checks and what is wrong with it.
 *
 * @param source the row as read: its cells are the verdict's, with the text of the cells the reader refused
 * @param login normalized (lower case), or the cell as typed when it is invalid, for the in-file duplicate check
 * @param email likewise
 * @param ownerLogin a contact's owner, normalized
 * @param takesLicence a USER that is not CLOSED
 * @param errors empty when the row is valid so far
 */
public record RowVerdict(SheetRow source, String login, String email, String ownerLogin, String ownerFirstName,
        String ownerLastName, boolean takesLicence, List<RowError> errors) {

    /** 1-based data row. */
    public long row() {
        return source.row();
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** A cell as the admin typed it, a refused one included ({@code null} when blank). */
    public String value(TemplateColumn column) {
        String value = source.cell(column);
        for (CellProblem problem : source.problems()) {
            if (problem.column() == column) {
                value = problem.value();
            }
        }
        return value;
    }

    /** Every cell as the admin typed it, refused ones included, by template key, in the template's order. */
    public Map<String, String> cells() {
        Map<String, String> cells = new LinkedHashMap<>();
        for (TemplateColumn column : source.template().columns()) {
            String value = value(column);
            if (value != null) {
                cells.put(column.key(), value);
            }
        }
        return cells;
    }
}
