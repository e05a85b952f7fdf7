package io.roster.importer.file;

/** Receives the cells of one physical row from a format's reader, by 0-based column position. */
interface CellSink {

    void text(int position, String raw);

    /** A cell refused for what it is rather than what it says (a formula, whose text is {@code value}). */
    void problem(int position, String value, String code, String message);

    /** Whether the cell at this position matters: a reader may skip decoding a cell nobody reads. */
    default boolean wants(int position) {
        return true;
    }
}
