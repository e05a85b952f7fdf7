package io.roster.importer.file;

import io.roster.contracts.account.AccountTemplate;
import java.util.List;

/**
 * An {@link ImportFile} over a format's {@link RowReader}: the header is the first non-blank row, matched to the
 * template; data rows are numbered from the row under it (blank rows skipped but counted), so that row 1 is the
 * first row under the header whatever the format.
 */
final class StreamedImportFile implements ImportFile {

    private final RowReader reader;
    private final long size;
    private final ImportLimits limits;
    private final List<FileWarning> warnings;
    private final RowBuilder builder;
    private final long headerRow;
    private SheetRow lookahead;
    private long rowsRead;

    private StreamedImportFile(RowReader reader, long size, ImportLimits limits, AccountTemplate template,
            HeaderMatcher.Header header, long headerRow) {
        this.reader = reader;
        this.size = size;
        this.limits = limits;
        this.warnings = header.warnings();
        this.builder = new RowBuilder(header, template, limits);
        this.headerRow = headerRow;
    }

    /**
     * Reads the header and the first data row, so that an empty, header-only or header-less file is refused here.
     * Closes the reader when it throws.
     */
    static StreamedImportFile open(RowReader reader, long size, String name, AccountTemplate template,
            ImportLimits limits) throws ImportFileException {
        try {
            HeaderCells header = new HeaderCells();
            long headerRow;
            do {
                header.clear();
                headerRow = reader.nextRow(header);
            } while (headerRow > 0 && header.blank());
            if (headerRow < 0) {
                throw new ImportFileException("empty_file", name + " holds no row at all: fill in the downloaded"
                        + " template, keeping its header row");
            }
            StreamedImportFile file = new StreamedImportFile(reader, size, limits, template,
                    HeaderMatcher.match(template, header.cells()), headerRow);
            file.lookahead = file.read();
            if (file.lookahead == null) {
                throw new ImportFileException("no_rows", name + " has a header row but no row under it: fill in"
                        + " one row per account under the header");
            }
            return file;
        } catch (ImportFileException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public List<FileWarning> warnings() {
        return warnings;
    }

    @Override
    public SheetRow next() throws ImportFileException {
        if (lookahead != null) {
            SheetRow row = lookahead;
            lookahead = null;
            return row;
        }
        return read();
    }

    private SheetRow read() throws ImportFileException {
        while (true) {
            long physical = reader.nextRow(builder);
            if (physical < 0) {
                return null;
            }
            SheetRow row = builder.build(physical - headerRow);
            if (row != null) {
                if (++rowsRead > limits.maxRows()) {
                    throw new ImportFileException("too_many_rows", "the file holds more than " + limits.maxRows()
                            + " rows: split it into files of at most " + limits.maxRows() + " rows");
                }
                return row;
            }
        }
    }

    @Override
    public long bytesRead() {
        return Math.min(reader.bytesRead(), size);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() {
        reader.close();
    }
}
