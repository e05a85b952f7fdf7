package io.roster.importer.file;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.TemplateColumn;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One data row of an import file, its cells as the admin would have typed them into the template: a date cell of
 * SUSPENSION_DATE as {@code dd/mm/yyyy/hh:mm}, a numeric ZIPCODE or PHONE as its integer digits, a boolean cell as
 * YES / NO, trailing blanks trimmed. Blank cells are {@code null}.
 *
 * <p>The cells are kept in an array by the column's place in the template ({@link TemplateColumn#ordinal()}), not in
 * a map: a large file's rows are read at hundreds of thousands a second, and a map of 22 entries a row (its copy, its
 * entries) was most of what the reading allocated.
 */
public final class SheetRow {

    private final long row;
    private final AccountTemplate template;
    private final String[] cells;
    private final List<CellProblem> problems;

    /** Takes {@code cells} over: the caller keeps no reference to it. */
    SheetRow(long row, AccountTemplate template, String[] cells, List<CellProblem> problems) {
        this.row = row;
        this.template = template;
        this.cells = cells;
        this.problems = problems.isEmpty() ? List.of() : List.copyOf(problems);
    }

    /**
     * A row from its cells by column (tests, and rows built other than by reading a file).
     *
     * @param values the non-blank cells; a column of the other template is ignored
     */
    public static SheetRow of(long row, AccountTemplate template, Map<? extends TemplateColumn, String> values,
            List<CellProblem> problems) {
        String[] cells = new String[template.columns().size()];
        values.forEach((column, value) -> {
            if (isOf(template, column)) {
                cells[column.ordinal()] = value;
            }
        });
        return new SheetRow(row, template, cells, problems);
    }

    /** 1-based data row (the first row under the header is 1). */
    public long row() {
        return row;
    }

    public AccountTemplate template() {
        return template;
    }

    /** The text of a non-blank cell of a known column, {@code null} for a blank or refused one. */
    public String cell(TemplateColumn column) {
        return isOf(template, column) ? cells[column.ordinal()] : null;
    }

    /**
     * Cells refused while reading (a formula, a cell over the length limit): their columns are blank in
     * {@link #cell} and {@link #values()}.
     */
    public List<CellProblem> problems() {
        return problems;
    }

    /** The text of each non-blank cell of a known column, in the template's order. */
    public Map<TemplateColumn, String> values() {
        Map<TemplateColumn, String> values = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null) {
                values.put(template.columns().get(i), cells[i]);
            }
        }
        return Collections.unmodifiableMap(values);
    }

    private static boolean isOf(AccountTemplate template, TemplateColumn column) {
        List<TemplateColumn> columns = template.columns();
        int i = column.ordinal();
        return i < columns.size() && columns.get(i) == column;
    }

    @Override
    public String toString() {
        return "SheetRow[row=" + row + ", values=" + values() + ", problems=" + problems + "]";
    }
}
