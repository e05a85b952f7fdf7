package io.roster.audit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * The CSV export, written as the rows are read: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), every
 * cell quoted, and a cell that a spreadsheet would take for a formula ({@code = + - @}, tab, CR first) prefixed
 * with a quote, as OWASP advises against CSV injection.
 */
final class CsvExport implements ActivityExport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Writer out;

    CsvExport(OutputStream stream, ExportHeading heading) {
        this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        write("\uFEFF");
        line(heading.title(), "");
        line("Workspace", heading.workspace());
        line("Range", heading.range());
        line("Generated at", heading.generated());
        line("Chain heads", heading.chain());
        write("\r\n");
        line("Date", "Time", "Time zone", "UTC", "Activity code", "Activity", "User", "Target account", "IP");
    }

    @Override
    public void row(ReportEntry e) {
        line(e.date().toString(), TIME.format(e.time()), e.timeZone(), e.occurredAt().toString(), e.action(),
                e.summary(), PdfExport.user(e), e.accountId(), e.clientIp());
    }

    @Override
    public void finish() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(String... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == 0 ? "" : ",").append(cell(cells[i]));
        }
        write(line.append("\r\n").toString());
    }

    /** Quoted, quotes doubled; a leading formula character neutralised by a leading apostrophe. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
