package io.roster.importer.validation;

import io.roster.importer.file.FailedRow.RowError;
import java.util.List;
import java.util.Map;

/**
 * A row after the rules that need no other row: its keys for the set-wise checks and what is wrong with it.
 *
 * @param row 1-based data row
 * @param cells every cell as the admin typed it, refused ones included (by template key)
 * @param login normalized (lower case), or the cell as typed when it is invalid, for the in-file duplicate check
 * @param email likewise
 * @param ownerLogin a contact's owner, normalized
 * @param takesLicence a USER that is not CLOSED
 * @param errors empty when the row is valid so far
 */
public record RowVerdict(long row, Map<String, String> cells, String login, String email, String ownerLogin,
        String ownerFirstName, String ownerLastName, boolean takesLicence, List<RowError> errors) {

    public boolean valid() {
        return errors.isEmpty();
    }
}
