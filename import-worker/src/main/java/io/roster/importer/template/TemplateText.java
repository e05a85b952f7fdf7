package io.roster.importer.template;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.TemplateColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words of a template, from its resource file ({@code import-templates/users.txt}): each column's explanation,
 * as the product documentation's tables give it, and the example rows the template is pre-filled with.
 *
 * @param explanations each column's explanation, in the template's order
 * @param examples the example rows, by column
 */
record TemplateText(AccountTemplate template, Map<TemplateColumn, String> explanations,
        List<Map<TemplateColumn, String>> examples) {

    private static final String EXAMPLES = "EXAMPLES";

    static TemplateText of(AccountTemplate template) {
        String resource = "/import-templates/" + template.name().toLowerCase(Locale.ROOT) + ".txt";
        String text;
        try (InputStream in = TemplateText.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("== ")) {
                current = new StringBuilder();
                sections.put(line.substring(3).strip(), current);
            } else if (current != null && !line.isBlank()) {
                current.append(current.isEmpty() ? "" : "\n").append(line.strip());
            }
        }
        Map<TemplateColumn, String> explanations = new LinkedHashMap<>();
        for (TemplateColumn column : template.columns()) {
            StringBuilder explanation = sections.get(column.key());
            if (explanation == null) {
                throw new IllegalStateException(resource + " does not explain " + column.key());
            }
            explanations.put(column, explanation.toString());
        }
        return new TemplateText(template, explanations, examples(template, sections.get(EXAMPLES).toString()));
    }

    private static List<Map<TemplateColumn, String>> examples(AccountTemplate template, String csv) {
        List<Map<TemplateColumn, String>> rows = new ArrayList<>();
        List<TemplateColumn> header = null;
        for (CsvRecord record : CsvReader.builder().ofCsvRecord(csv)) {
            if (header == null) {
                header = record.getFields().stream().map(key -> template.column(key)
                        .orElseThrow(() -> new IllegalStateException("no column " + key))).toList();
                continue;
            }
            Map<TemplateColumn, String> row = new LinkedHashMap<>();
            for (int i = 0; i < record.getFieldCount() && i < header.size(); i++) {
                if (!record.getField(i).isBlank()) {
                    row.put(header.get(i), record.getField(i));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** The header a column has in the template: its key, with {@code *} when the template marks it required. */
    static String header(TemplateColumn column) {
        return column.markedRequired() ? column.key() + "*" : column.key();
    }
}
