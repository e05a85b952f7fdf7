package io.roster.importer.file;

import java.util.ArrayList;
import java.util.List;

/** Collects a header row's cells by position. */
final class HeaderCells implements CellSink {

    /** More header cells than a worksheet has columns: a hostile file, not a template. */
    private static final int MAX_COLUMNS = 16_384;

    private final List<String> cells = new ArrayList<>();

    @Override
    public void text(int position, String raw) {
        if (position >= MAX_COLUMNS) {
            return;
        }
        while (cells.size() <= position) {
            cells.add(null);
        }
        cells.set(position, CellText.clean(raw));
    }

    @Override
    public void problem(int position, String value, String code, String message) {
        // A formula in the header names no column: the cell is left blank, and a required column is then missing.
    }

    boolean blank() {
        return cells.stream().allMatch(c -> c == null);
    }

    List<String> cells() {
        return cells;
    }

    void clear() {
        cells.clear();
    }
}
