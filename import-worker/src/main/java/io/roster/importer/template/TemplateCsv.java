package io.roster.importer.template;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.roster.contracts.account.TemplateColumn;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The CSV template: the header and the example rows, comma-separated, CRLF, in UTF-8 with a BOM (which is how
 * Excel recognises UTF-8 when it opens a CSV: without it, accented names would show as mojibake).
 */
final class TemplateCsv {

    private TemplateCsv() {
    }

    static byte[] write(TemplateText text) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        List<TemplateColumn> columns = text.template().columns();
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out)) {
            csv.writeRecord(columns.stream().map(TemplateText::header).toList());
            for (Map<TemplateColumn, String> example : text.examples()) {
                csv.writeRecord(columns.stream().map(c -> example.getOrDefault(c, "")).toList());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
