package io.roster.importer.file;

import io.roster.contracts.account.TemplateColumn;
import java.util.List;
import java.util.Map;

/**
 * One data row of an import file, its cells as the admin would have typed them into the template: a date cell of
 * SUSPENSION_DATE as {@code dd/mm/yyyy/hh:mm}, a numeric ZIPCODE or PHONE as its integer digits, a boolean cell as
 * YES / NO, trailing blanks trimmed. Blank cells are absent from {@link #values()}.
 *
 * @param row 1-based data row (the first row under the header is 1)
 * @param values the text of each non-blank cell of a known column
 * @param problems cells refused while reading (a formula, a cell over the length limit): their columns are absent
 *     from {@code values}
 */
public record SheetRow(long row, Map<TemplateColumn, String> values, List<CellProblem> problems) {

    public SheetRow {
        values = Map.copyOf(values);
        problems = List.copyOf(problems);
    }
}
