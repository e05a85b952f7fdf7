package io.roster.audit.report;

import java.io.OutputStream;
import java.util.function.BiFunction;

/** One export format of the activity log, written row by row as the rows stream out of the database. */
interface ActivityExport {

    void row(ReportEntry entry);

    void finish();

    /** The formats, with what the response and the activity entry recording the export say of each. */
    enum Format {
        CSV("text/csv;charset=UTF-8", "csv", CsvExport::new),
        PDF("application/pdf", "pdf", PdfExport::new);

        final String contentType;
        final String extension;
        private final BiFunction<OutputStream, ExportHeading, ActivityExport> writer;

        Format(String contentType, String extension, BiFunction<OutputStream, ExportHeading, ActivityExport> writer) {
            this.contentType = contentType;
            this.extension = extension;
            this.writer = writer;
        }

        ActivityExport open(OutputStream out, ExportHeading heading) {
            return writer.apply(out, heading);
        }
    }
}
