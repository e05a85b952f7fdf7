package io.roster.importer.file;

/**
 * Bounds on what one file may hold, so that a hostile file ends its own job quickly and in bounded memory. The
 * defaults admit a 1,000,000-row Users file.
 *
 * @param maxFileBytes the uploaded file's size
 * @param maxRows data rows
 * @param maxCellChars characters of one cell (over it: a {@link CellProblem} {@code cell_too_long})
 */
public record ImportLimits(long maxFileBytes, long maxRows, int maxCellChars) {

    public static ImportLimits defaults() {
        return new ImportLimits(1L << 30, 1_000_000, 32_767);
    }
}
