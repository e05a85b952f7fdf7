package io.roster.importer;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.TemplateColumn;
import io.roster.importer.file.ErrorWorkbooks;
import io.roster.importer.file.FailedRow;
import io.roster.importer.file.FileWarning;
import io.roster.importer.file.ImportFile;
import io.roster.importer.file.ImportFileException;
import io.roster.importer.file.ImportFiles;
import io.roster.importer.file.SheetRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Stand-ins for the file side (plain comma-separated text, no quoting; a workbook that is the failed rows as text)
 * until its implementation is on main.
 */
@TestConfiguration(proxyBeanMethods = false)
class StandInFiles {

    @Bean
    ImportFiles standInImportFiles() {
        return (path, name, template, limits) -> {
            try {
                BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
                String header = reader.readLine();
                if (header == null) {
                    reader.close();
                    throw new ImportFileException("empty_file", "the file is empty");
                }
                List<TemplateColumn> columns = new ArrayList<>();
                for (String key : header.split(",", -1)) {
                    columns.add(template.column(key.strip().replace("*", "").toUpperCase(Locale.ROOT)).orElse(null));
                }
                long size = Files.size(path);
                return new ImportFile() {
                    long row;

                    @Override
                    public List<FileWarning> warnings() {
                        return List.of();
                    }

                    @Override
                    public SheetRow next() {
                        try {
                            String line = reader.readLine();
                            if (line == null) {
                                return null;
                            }
                            row++;
                            String[] cells = line.split(",", -1);
                            Map<TemplateColumn, String> values = new HashMap<>();
                            for (int i = 0; i < cells.length && i < columns.size(); i++) {
                                if (columns.get(i) != null && !cells[i].isBlank()) {
                                    values.put(columns.get(i), cells[i].strip());
                                }
                            }
                            return new SheetRow(row, values, List.of());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }

                    @Override
                    public long bytesRead() {
                        return size;
                    }

                    @Override
                    public long size() {
                        return size;
                    }

                    @Override
                    public void close() {
                        try {
                            reader.close();
                        } catch (IOException ignored) {
                            // closing a local file
                        }
                    }
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Bean
    ErrorWorkbooks standInErrorWorkbooks() {
        return (AccountTemplate template, Iterator<FailedRow> rows, java.io.OutputStream out) -> {
            StringBuilder text = new StringBuilder();
            rows.forEachRemaining(r -> text.append(r.row()).append(' ').append(r.values()).append(' ')
                    .append(r.errors()).append('\n'));
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        };
    }
}
