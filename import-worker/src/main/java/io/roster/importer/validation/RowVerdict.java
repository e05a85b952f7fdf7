package io.roster.importer.validation;

import io.roster.contracts.account.TemplateColumn;
import io.roster.importer.file.FailedRow.RowError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row after the rules that need no other row: its keys for the set-wise checks and what is wrong with it.
 *
 * @param row 1-based data row
 * @param values every cell as the admin typed it, refused ones included
 * @param login normalized (lower case), or the cell as typed when it is invalid, for the in-file duplicate check
 * @param email likewise
 * @param ownerLogin a contact's owner, normalized
 * @param takesLicence a USER that is not CLOSED
 * @param errors empty when the row is valid so far
 */
public record RowVerdict(long row, Map<TemplateColumn, String> values, String login, String email, String ownerLogin,
        String ownerFirstName, String ownerLastName, boolean takesLicence, List<RowError> errors) {

    public boolean valid() {
        return errors.isEmpty();
    }

    /** The cells by template key. */
    public Map<String, String> cells() {
        Map<String, String> cells = new LinkedHashMap<>();
        values.forEach((column, value) -> cells.put(column.key(), value));
        return cells;
    }
}
