package io.roster.importer.file;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.TemplateColumn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the template's columns in a file's header row by name, not position: whatever the case, the surrounding
 * blanks and a trailing {@code *} (the template marks required columns so, and admins copy it or not).
 */
final class HeaderMatcher {

    /**
     * The last column of an error workbook: it is ignored without a warning so that the admin imports the fixed
     * error workbook as it is.
     */
    static final String ERRORS_COLUMN = "ERRORS";

    private HeaderMatcher() {
    }

    /**
     * @param cells the header row's cells by 0-based position, {@code null} where blank
     * @return each position's column ({@code null} for an ignored one) and the warnings
     * @throws ImportFileException a required column is missing, or a column appears twice
     */
    static Header match(AccountTemplate template, List<String> cells) throws ImportFileException {
        TemplateColumn[] columns = new TemplateColumn[cells.size()];
        List<FileWarning> warnings = new ArrayList<>();
        Set<TemplateColumn> seen = new LinkedHashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String key = normalize(cells.get(i));
            if (key.isEmpty() || key.equals(ERRORS_COLUMN)) {
                continue;
            }
            TemplateColumn column = template.column(key).orElse(null);
            if (column == null) {
                warnings.add(new FileWarning("unknown_column_ignored", "column " + CellText.bounded(cells.get(i))
                        + " (" + CellText.columnLetters(i) + ") is not a column of the " + name(template)
                        + " template: it was ignored"));
            } else if (!seen.add(column)) {
                throw new ImportFileException("duplicate_column", "the column " + column.key()
                        + " appears twice in the header (" + CellText.columnLetters(i)
                        + "): keep one, so that each cell has a single meaning");
            } else {
                columns[i] = column;
            }
        }
        List<String> missing = template.columns().stream().filter(TemplateColumn::markedRequired)
                .filter(c -> !seen.contains(c)).map(TemplateColumn::key).toList();
        if (!missing.isEmpty()) {
            throw new ImportFileException("missing_column", "the header row lacks the required column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " of the " + name(template)
                    + " template: add " + (missing.size() > 1 ? "them" : "it")
                    + " to the first row, or start again from the downloaded template");
        }
        return new Header(columns, List.copyOf(warnings));
    }

    /** {@code " email * "} is {@code EMAIL}. */
    static String normalize(String cell) {
        if (cell == null) {
            return "";
        }
        String key = cell.strip();
        while (key.endsWith("*")) {
            key = key.substring(0, key.length() - 1).strip();
        }
        return key.toUpperCase(Locale.ROOT);
    }

    private static String name(AccountTemplate template) {
        return template == AccountTemplate.USERS ? "Users" : "Contacts";
    }

    /** The template column found at each position of the header, {@code null} where a column is ignored. */
    record Header(TemplateColumn[] columns, List<FileWarning> warnings) {

        TemplateColumn at(int position) {
            return position < columns.length ? columns[position] : null;
        }

        int width() {
            return columns.length;
        }
    }
}
