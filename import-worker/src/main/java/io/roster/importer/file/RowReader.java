package io.roster.importer.file;

import java.io.Closeable;

/** A format's reader (CSV or XLSX): physical rows, one at a time, cells by position; no template knowledge. */
interface RowReader extends Closeable {

    /**
     * Reads the next physical row into {@code sink}.
     *
     * @return its 1-based row number in the file (as the spreadsheet program shows it), or -1 after the last row
     */
    long nextRow(CellSink sink) throws ImportFileException;

    long bytesRead();

    @Override
    void close();
}
