package io.roster.importer.file;

import java.io.Closeable;
import java.util.List;

/**
 * An uploaded spreadsheet (XLSX or CSV) read row by row, never held whole in memory. Its header has been matched to
 * the template's columns (whatever the case, surrounding blanks and a trailing {@code *}; by name, not position).
 * The jobs of the import read it; the formats behind it are this package's business.
 */
public interface ImportFile extends Closeable {

    /** What the header said that the admin should know but that does not stop the import (an unknown column). */
    List<FileWarning> warnings();

    /**
     * The next data row, or {@code null} after the last one. Rows whose cells are all blank are skipped, but still
     * counted in {@link SheetRow#row()} of the following rows, so a row number is the one the admin sees.
     *
     * @throws ImportFileException when the rest of the file can not be read (corrupt, over a limit): the job ends
     *     with that error
     */
    SheetRow next() throws ImportFileException;

    /** Bytes of the file read so far, for progress before the row count is known. */
    long bytesRead();

    /** The file's size in bytes. */
    long size();

    @Override
    void close();
}
