package io.roster.importer.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.UserTemplateColumn;
import io.roster.contracts.account.WorkspaceRules;
import io.roster.importer.file.FailedRow.RowError;
import io.roster.importer.validation.RowValidator;
import io.roster.importer.validation.RowVerdict;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PHONE typed into a number cell: Excel keeps {@code 0612345678} as the number 612345678 and {@code +33612345678}
 * as 33612345678. The import reads such a cell as its integer digits (as it does ZIPCODE), and the phone rule reads
 * digits without {@code +} in the account's COUNTRY, else in its mail language's country; where neither names one,
 * the cell is refused with a message that asks for the country code and says to format the cell as text.
 */
class XlsxPhoneCellsTest {

    private static final String[] HEADER = {"LASTNAME*", "FIRSTNAME*", "EMAIL*", "STATUS*", "LOGIN*",
        "MAIL_LANGUAGE*", "SHARE_SPACE_MAX*", "SAVE_SPACE_MAX*", "COUNTRY", "PHONE", "TFA"};
    private static final WorkspaceRules PARIS = new WorkspaceRules(Set.of(), ZoneId.of("Europe/Paris"),
            Instant.parse("2026-12-04T12:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void aNumericPhoneCellIsItsDigitsReadInTheAccountsCountry() throws Exception {
        Path file = dir.resolve("users.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Users");
            text(sheet.createRow(0), HEADER);
            // typed +33612345678 into a General cell: the + is gone, the country code stays
            text(sheet.createRow(1), "Durand", "Zoé", "zoe@acme.io", "ACTIVE", "zoe.durand", "en", "", "", "France");
            sheet.getRow(1).createCell(9).setCellValue(33612345678d);
            sheet.getRow(1).createCell(10).setCellValue("SMS");
            // typed 0612345678: the leading 0 is gone; no COUNTRY, the mail language fr says France
            text(sheet.createRow(2), "Martin", "Léo", "leo@acme.io", "ACTIVE", "leo.martin", "fr");
            sheet.getRow(2).createCell(9).setCellValue(612345678d);
            // the same digits with nothing that names a country: refused, saying what to write
            text(sheet.createRow(3), "Smith", "Anna", "anna@acme.io", "ACTIVE", "anna.smith", "en");
            sheet.getRow(3).createCell(9).setCellValue(612345678d);
            // typed as text, as the template's help sheet asks: kept whole
            text(sheet.createRow(4), "Chen", "Wei", "wei@acme.io", "ACTIVE", "wei.chen", "en", "", "", "",
                    "+44 7400 123456");
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }

        List<SheetRow> rows = new ArrayList<>();
        try (ImportFile in = new DefaultImportFiles().open(file, "users.xlsx", AccountTemplate.USERS,
                ImportLimits.defaults())) {
            for (SheetRow row = in.next(); row != null; row = in.next()) {
                rows.add(row);
            }
        }
        assertThat(rows).extracting(r -> r.values().get(UserTemplateColumn.PHONE))
                .containsExactly("33612345678", "612345678", "612345678", "+44 7400 123456");

        List<RowVerdict> verdicts = rows.stream().map(r -> RowValidator.check(AccountTemplate.USERS, r, PARIS))
                .toList();
        assertThat(verdicts).extracting(RowVerdict::valid).containsExactly(true, true, false, true);
        assertThat(phoneApplied(verdicts.get(0))).isEqualTo("+33612345678");
        assertThat(phoneApplied(verdicts.get(1))).isEqualTo("+33612345678");
        assertThat(phoneApplied(verdicts.get(3))).isEqualTo("+447400123456");
        RowError error = verdicts.get(2).errors().get(0);
        assertThat(verdicts.get(2).errors()).hasSize(1);
        assertThat(error.column()).isEqualTo(UserTemplateColumn.PHONE);
        assertThat(error.code()).isEqualTo("invalid_format");
        assertThat(error.message()).startsWith("must start with + and the country code, such as +33 6 12 34 56 78")
                .contains("was '612345678'")
                .endsWith("in a spreadsheet, format the cell as text before typing: a number cell drops the + and"
                        + " leading zeros");
    }

    /** The phone invite-service stores: the stored row's cells become the command it validates again. */
    private static String phoneApplied(RowVerdict verdict) {
        CreateUser command = (CreateUser) RowValidator.command(AccountTemplate.USERS, verdict.cells());
        AccountValidator.Result result = AccountValidator.validateUser(command, PARIS);
        assertThat(result.problems()).isEmpty();
        return result.account().phone();
    }

    private static void text(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }
}
