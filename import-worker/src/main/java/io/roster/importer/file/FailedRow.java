package io.roster.importer.file;

import io.roster.contracts.account.TemplateColumn;
import java.util.List;
import java.util.Map;

/**
 * A row that did not become an account, for the error workbook: its original values and what is wrong.
 *
 * @param row 1-based data row in the uploaded file
 * @param values the row's cells as read ({@link SheetRow#values()} plus the text of refused cells)
 * @param errors at least one
 */
public record FailedRow(long row, Map<TemplateColumn, String> values, List<RowError> errors) {

    /**
     * @param column the bad cell's column; {@code null} for a problem of the whole row
     * @param code stable, lower-case
     * @param message what to write instead
     */
    public record RowError(TemplateColumn column, String code, String message) {}
}
