package io.roster.importer.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.Application;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.TemplateColumn;
import io.roster.contracts.account.TemplateRows;
import io.roster.contracts.account.WorkspaceRules;
import io.roster.importer.file.CellProblem;
import io.roster.importer.file.DefaultImportFiles;
import io.roster.importer.file.ImportFile;
import io.roster.importer.file.ImportLimits;
import io.roster.importer.file.SheetRow;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A row's cells are kept in an array by column ({@link SheetRow}) rather than a map: read from a file, every row
 * holds the cells that were written (by name, whatever the header's order), and its verdict is the one its cells
 * as a map give through the same conversion ({@link TemplateRows}) and {@link AccountValidator} — over thousands of
 * rows mixing valid cells and hostile ones (control characters, over-long and refused cells, wrong enumerations,
 * bad dates, phones, sizes, blanks, quotes and line breaks).
 */
class CellsByIndexTest {

    private static final WorkspaceRules RULES = new WorkspaceRules(EnumSet.of(Application.SAVE),
            ZoneId.of("Europe/Paris"), Instant.parse("2026-12-04T12:00:00Z"));
    /** Small, so that some generated cells are refused as too long while reading. */
    private static final int MAX_CELL_CHARS = 120;
    private static final int ROWS = 600;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(AccountTemplate.class)
    void aCsvRowReadByIndexHasTheVerdictOfItsCellsAsAMap(AccountTemplate template) throws Exception {
        Random random = new Random(19 + template.ordinal());
        List<TemplateColumn> header = shuffledHeader(template, random);
        List<Map<TemplateColumn, String>> written = rows(template, random);
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", header.stream().map(c -> c == null ? "NOT_A_COLUMN" : c.key()).toList()))
                .append('\n');
        for (Map<TemplateColumn, String> row : written) {
            List<String> fields = new ArrayList<>();
            for (TemplateColumn column : header) {
                String value = column == null ? "ignored, \"really\"" : row.getOrDefault(column, "");
                fields.add('"' + value.replace("\"", "\"\"") + '"');
            }
            csv.append(String.join(",", fields)).append("\r\n");
        }
        Path file = Files.writeString(dir.resolve("rows.csv"), csv, StandardCharsets.UTF_8);
        assertReadAsWritten(template, file, header, written);
    }

    @ParameterizedTest
    @EnumSource(AccountTemplate.class)
    void anXlsxRowReadByIndexHasTheVerdictOfItsCellsAsAMap(AccountTemplate template) throws Exception {
        Random random = new Random(23 + template.ordinal());
        List<TemplateColumn> header = shuffledHeader(template, random);
        List<Map<TemplateColumn, String>> written = rows(template, random).subList(0, ROWS / 3);
        Path file = dir.resolve("rows.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Users");
            Row first = sheet.createRow(0);
            for (int c = 0; c < header.size(); c++) {
                first.createCell(c).setCellValue(header.get(c) == null ? "NOT_A_COLUMN" : header.get(c).key());
            }
            for (int r = 0; r < written.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < header.size(); c++) {
                    String value = header.get(c) == null ? "x" : written.get(r).get(header.get(c));
                    if (value == null) {
                        continue;
                    }
                    if (value.startsWith("=")) {
                        row.createCell(c).setCellFormula(value.substring(1));
                    } else {
                        row.createCell(c).setCellValue(forXml(value));
                    }
                }
            }
            workbook.write(out);
        }
        List<Map<TemplateColumn, String>> expected = new ArrayList<>();
        for (Map<TemplateColumn, String> row : written) {
            Map<TemplateColumn, String> cells = new LinkedHashMap<>();
            row.forEach((column, value) -> cells.put(column, forXml(value)));
            expected.add(cells);
        }
        assertReadAsWritten(template, file, header, expected);
    }

    private void assertReadAsWritten(AccountTemplate template, Path file, List<TemplateColumn> header,
            List<Map<TemplateColumn, String>> written) throws Exception {
        boolean xlsx = file.toString().endsWith(".xlsx");
        List<SheetRow> read = new ArrayList<>();
        try (ImportFile in = new DefaultImportFiles().open(file, file.getFileName().toString(), template,
                new ImportLimits(1L << 30, 1_000_000, MAX_CELL_CHARS))) {
            for (SheetRow row = in.next(); row != null; row = in.next()) {
                read.add(row);
            }
        }
        // every generated row has a LASTNAME that is not blank: none is skipped
        assertThat(read).hasSize(written.size());
        int invalid = 0;
        int refused = 0;
        for (int i = 0; i < read.size(); i++) {
            SheetRow row = read.get(i);
            Map<TemplateColumn, String> cells = new LinkedHashMap<>();
            Map<TemplateColumn, String> refusedCells = new LinkedHashMap<>();
            for (Map.Entry<TemplateColumn, String> cell : written.get(i).entrySet()) {
                String text = cell.getValue().strip();
                if (!header.contains(cell.getKey())) {
                    continue;
                }
                if (xlsx && cell.getValue().startsWith("=")) {
                    refusedCells.put(cell.getKey(), "formula_not_allowed");
                } else if (text.length() > MAX_CELL_CHARS) {
                    refusedCells.put(cell.getKey(), "cell_too_long");
                } else if (!text.isEmpty()) {
                    cells.put(cell.getKey(), text);
                }
            }
            assertThat(row.row()).isEqualTo(i + 1);
            assertThat(row.values()).as("row %d", i + 1).isEqualTo(cells);
            for (TemplateColumn column : template.columns()) {
                assertThat(row.cell(column)).isEqualTo(cells.get(column));
            }
            assertThat(row.problems()).extracting(CellProblem::column)
                    .containsExactlyInAnyOrderElementsOf(refusedCells.keySet());
            RowVerdict verdict = RowValidator.check(template, row, RULES);
            Reference reference = reference(template, cells, refusedCells);
            assertThat(verdict.errors()).as("row %d: %s", i + 1, written.get(i))
                    .extracting(e -> (e.column() == null ? null : e.column().key()) + ":" + e.code())
                    .containsExactlyInAnyOrderElementsOf(reference.errors());
            assertThat(verdict.login()).isEqualTo(reference.login());
            assertThat(verdict.email()).isEqualTo(reference.email());
            assertThat(verdict.ownerLogin()).isEqualTo(reference.ownerLogin());
            assertThat(verdict.takesLicence()).isEqualTo(reference.takesLicence());
            for (TemplateColumn column : template.columns()) {
                String value = verdict.value(column);
                if (refusedCells.containsKey(column)) {
                    assertThat(value).isNotNull().isNotEqualTo(cells.get(column));
                } else {
                    assertThat(value).isEqualTo(cells.get(column));
                }
            }
            invalid += verdict.valid() ? 0 : 1;
            refused += refusedCells.isEmpty() ? 0 : 1;
        }
        // the generated rows mix both kinds
        assertThat(invalid).isBetween(1, read.size() - 1);
        assertThat(refused).isPositive();
    }

    /**
     * The verdict as the row's cells in a map give it: the reader's refusals, the conversion's and the validator's
     * problems by column, a validator problem of a refused cell or of a field the conversion refused said once.
     */
    private static Reference reference(AccountTemplate template, Map<TemplateColumn, String> cells,
            Map<TemplateColumn, String> refused) {
        TemplateRows.Conversion conversion = TemplateRows.toCommand(template, cells);
        AccountValidator.Result result = conversion.command() instanceof CreateUser user
                ? AccountValidator.validateUser(user, RULES)
                : AccountValidator.validateContact((CreateContact) conversion.command(), RULES);
        List<String> errors = new ArrayList<>();
        refused.forEach((column, code) -> errors.add(column.key() + ":" + code));
        for (FieldProblem problem : conversion.problems()) {
            errors.add(column(template, problem) + ":" + problem.code());
        }
        for (FieldProblem problem : result.problems()) {
            String column = column(template, problem);
            boolean byConversion = conversion.problems().stream().anyMatch(p -> p.field().equals(problem.field()));
            boolean ofRefused = column != null && refused.keySet().stream().anyMatch(c -> c.key().equals(column));
            if (!byConversion && !ofRefused) {
                errors.add(column + ":" + problem.code());
            }
        }
        String login = result.account() != null ? result.account().login()
                : key(cells.get(column(template, "LOGIN")));
        String email = result.account() != null ? result.account().email()
                : key(cells.get(column(template, "EMAIL")));
        String owner = null;
        if (conversion.command() instanceof CreateContact contact) {
            owner = result.account() != null ? result.account().ownerLogin() : key(contact.ownerLogin());
        }
        boolean licence = result.account() != null && template == AccountTemplate.USERS
                && result.account().status() != AccountStatus.CLOSED;
        return new Reference(errors, login, email, owner, licence);
    }

    private record Reference(List<String> errors, String login, String email, String ownerLogin,
            boolean takesLicence) {
    }

    private static String column(AccountTemplate template, FieldProblem problem) {
        return template.columnOf(problem).map(TemplateColumn::key).orElse(null);
    }

    private static TemplateColumn column(AccountTemplate template, String key) {
        return template.column(key).orElseThrow();
    }

    private static String key(String text) {
        return text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    /** Every column of the template but CREATION_DATE, in a random order, and a column no template has. */
    private static List<TemplateColumn> shuffledHeader(AccountTemplate template, Random random) {
        List<TemplateColumn> header = new ArrayList<>(template.columns());
        header.removeIf(c -> c.key().equals("CREATION_DATE") && random.nextBoolean());
        header.add(null);
        Collections.shuffle(header, random);
        return header;
    }

    private static List<Map<TemplateColumn, String>> rows(AccountTemplate template, Random random) {
        List<Map<TemplateColumn, String>> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            Map<TemplateColumn, String> row = new LinkedHashMap<>();
            boolean clean = random.nextInt(3) > 0;
            for (TemplateColumn column : template.columns()) {
                String value = clean ? good(column, r, random) : random.nextInt(3) == 0 ? hostile(random)
                        : good(column, r, random);
                if (column.key().equals("LASTNAME") && (value.isBlank() || value.startsWith("="))) {
                    value = "Durand";
                }
                if (value != null) {
                    row.put(column, value);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static String good(TemplateColumn column, int r, Random random) {
        if (!column.allowedValues().isEmpty()) {
            String value = column.allowedValues().get(random.nextInt(column.allowedValues().size()));
            return random.nextInt(4) == 0 ? " " + value.toLowerCase(Locale.ROOT) + " " : value;
        }
        return switch (column.key()) {
            case "LASTNAME", "OWNER_LASTNAME" -> pick(random, "Durand", "Zoé-Ünal", "O'Brien", "  Lovelace ");
            case "FIRSTNAME", "OWNER_FIRSTNAME" -> pick(random, "Zoé", "Ada", "Jean Pierre", "");
            case "EMAIL" -> pick(random, "zoe" + r + "@acme.io", "Zoe" + r + "@ACME.io", "ada." + r + "@example.com");
            case "LOGIN" -> pick(random, "zoe.durand" + r, "Zoe.Durand" + r, "zoe.durand" + r + "@acme.io", "");
            case "OWNER_LOGIN" -> pick(random, "ada.lovelace", "Ada.Lovelace", "owner" + r % 7);
            case "SHARE_SPACE_MAX", "SAVE_SPACE_MAX" -> pick(random, "10GB", "5 GB", "500 MB", "1TB", "2048 MB", "");
            case "PHONE" -> pick(random, "+33 6 12 34 56 78", "+33612345678", "06 12 34 56 78", "612345678",
                    "+1 202 555 0143", "+44 7911 123456", "+39 06 6982 1234", "");
            case "COUNTRY" -> pick(random, "FR", "France", "Deutschland", "GBR", "");
            case "ZIPCODE" -> pick(random, "75008", "SW1A 1AA", "");
            case "SUSPENSION_DATE" -> pick(random, "31/12/2099/18:00", "2099-12-31T18:00", "01/06/2027/09:30", "");
            case "BIOGRAPHY" -> pick(random, "line\nbreak", "a, \"quoted\" one", "plain", "");
            case "CREATION_DATE" -> pick(random, "", "01/01/2020/00:00");
            default -> pick(random, "Acme", "R&D", "Paris", "12 rue de la Paix", "");
        };
    }

    private static String hostile(Random random) {
        return pick(random, "", "   ", "bogus", "x\u0007y", "tab\there", "line\r\nbreak", "=1+1", "=HYPERLINK(\"x\")",
                "é".repeat(MAX_CELL_CHARS + 1), "w".repeat(250), "n".repeat(110), "32/13/2099/25:00",
                "01/01/2000/00:00", "not-an-address", "bad login!", "lots", "500 MB", "0 GB", "maybe", "12", "abc",
                "+999 123", "06 12 34 56 78", "\u00a0nbsp\u00a0",
                "\"", "a\"b", "\\N", "{x,y}", "  YES  ", "no", "Atlantis");
    }

    /** What an XLSX cell can hold as written: no carriage return, no control character XML 1.0 refuses. */
    private static String forXml(String value) {
        return value.replace("\r", "").replace("\u0007", "");
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
