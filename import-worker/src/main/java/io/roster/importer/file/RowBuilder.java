package io.roster.importer.file;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.TemplateColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the cells of one row into a {@link SheetRow}, whatever the format: known columns only, blanks dropped,
 * a cell over the length limit refused for its cell. Reused from row to row; each row's cells go straight into the
 * array its {@link SheetRow} keeps.
 */
final class RowBuilder implements CellSink {

    private final HeaderMatcher.Header header;
    private final AccountTemplate template;
    private final int maxCellChars;
    private final List<CellProblem> problems = new ArrayList<>();
    private String[] cells;
    private int filled;

    RowBuilder(HeaderMatcher.Header header, AccountTemplate template, ImportLimits limits) {
        this.header = header;
        this.template = template;
        this.maxCellChars = limits.maxCellChars();
        this.cells = new String[template.columns().size()];
    }

    /** A cell's text as read, at a 0-based position; ignored outside the template's columns. */
    @Override
    public void text(int position, String raw) {
        TemplateColumn column = header.at(position);
        if (column == null) {
            return;
        }
        String text = CellText.clean(raw);
        if (text == null) {
            return;
        }
        if (text.length() > maxCellChars) {
            problems.add(new CellProblem(column, CellText.bounded(text), "cell_too_long", "this cell holds "
                    + text.length() + " characters; a cell holds at most " + maxCellChars));
            return;
        }
        if (cells[column.ordinal()] == null) {
            filled++;
        }
        cells[column.ordinal()] = text;
    }

    /** A cell refused for what it is rather than what it says (a formula). */
    @Override
    public void problem(int position, String value, String code, String message) {
        TemplateColumn column = header.at(position);
        if (column != null) {
            problems.add(new CellProblem(column, CellText.bounded(value), code, message));
        }
    }

    @Override
    public boolean wants(int position) {
        return header.at(position) != null;
    }

    /** The row collected since the last call, or {@code null} when all its cells were blank; then starts afresh. */
    SheetRow build(long row) {
        if (filled == 0 && problems.isEmpty()) {
            return null;
        }
        SheetRow built = new SheetRow(row, template, cells, problems);
        cells = new String[cells.length];
        filled = 0;
        problems.clear();
        return built;
    }
}
