package io.roster.importer.file;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CSV upload read with FastCSV (RFC 4180: quoted fields may hold separators, quotes and line breaks; CRLF or LF;
 * a UTF-8 BOM skipped). The row number is the record's, as a spreadsheet program opening the file numbers it: a
 * quoted line break does not start a row, an empty line is a (blank) row.
 */
final class CsvRowReader implements RowReader {

    private final String name;
    private final CountingInputStream in;
    private final CsvReader<CsvRecord> csv;
    private final CloseableIterator<CsvRecord> records;
    private long row;

    private CsvRowReader(String name, CountingInputStream in, char separator) {
        this.name = name;
        this.in = in;
        this.csv = CsvReader.builder().fieldSeparator(separator).quoteCharacter('"').detectBomHeader(true)
                .skipEmptyLines(false).allowExtraFields(true).allowMissingFields(true)
                .ofCsvRecord(in, StandardCharsets.UTF_8);
        this.records = csv.iterator();
    }

    /** Checks the whole file first (encoding, binary, quotes: see {@link CsvPrescan}), then opens it. */
    static CsvRowReader open(Path file, String name) throws IOException, ImportFileException {
        char separator = CsvPrescan.separator(file);
        CsvPrescan.check(file, name, separator);
        return new CsvRowReader(name, new CountingInputStream(Files.newInputStream(file)), separator);
    }

    @Override
    public long nextRow(CellSink sink) throws ImportFileException {
        try {
            if (!records.hasNext()) {
                return -1;
            }
            CsvRecord record = records.next();
            row++;
            int count = record.getFieldCount();
            for (int i = 0; i < count; i++) {
                if (sink.wants(i)) {
                    sink.text(i, record.getField(i));
                }
            }
            return row;
        } catch (CsvParseException e) {
            throw new ImportFileException("malformed_csv", name + " can not be read as CSV after row " + row + ": "
                    + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ImportFileException("corrupt_file", name + " could not be read after row " + row + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public long bytesRead() {
        return in.count();
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            // Closing a local file we only read: nothing to lose.
        }
    }
}
