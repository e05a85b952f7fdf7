package io.roster.importer.file;

import static io.roster.contracts.account.UserTemplateColumn.EMAIL;
import static io.roster.contracts.account.UserTemplateColumn.FIRSTNAME;
import static io.roster.contracts.account.UserTemplateColumn.LASTNAME;
import static io.roster.contracts.account.UserTemplateColumn.LOGIN;
import static io.roster.contracts.account.UserTemplateColumn.MAIL_LANGUAGE;
import static io.roster.contracts.account.UserTemplateColumn.STATUS;
import static io.roster.contracts.account.UserTemplateColumn.ZIPCODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.TemplateColumn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxErrorWorkbooksTest {

    @TempDir
    Path dir;

    static final Map<TemplateColumn, String> ZOE = Map.of(LASTNAME, "Durand", FIRSTNAME, "Zoé", EMAIL, "zoe@",
            STATUS, "ACTIVE", LOGIN, "zoe.durand", MAIL_LANGUAGE, "fr", ZIPCODE, "75008");

    @Test
    void badCellsAreRedWithACommentAndTheErrorsColumnSaysEverything() throws Exception {
        List<FailedRow> failed = List.of(
                new FailedRow(3, ZOE, List.of(new FailedRow.RowError(EMAIL, "invalid_format", "must be an e-mail"
                        + " address"), new FailedRow.RowError(STATUS, "required", "is required"))),
                new FailedRow(7, Map.of(LASTNAME, "Martin", LOGIN, "leo"), List.of(
                        new FailedRow.RowError(null, "licences_exceeded", "the workspace has no licence left"))));
        byte[] bytes = write(new XlsxErrorWorkbooks(), failed);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            int errors = AccountTemplate.USERS.columns().size();
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("LASTNAME*");
            assertThat(sheet.getRow(0).getCell(errors).getStringCellValue()).isEqualTo("ERRORS");
            Cell email = sheet.getRow(1).getCell(2);
            assertThat(email.getStringCellValue()).isEqualTo("zoe@");
            assertThat(email.getCellStyle().getFillForegroundColor()).isEqualTo(IndexedColors.RED.getIndex());
            assertThat(email.getCellComment().getString().getString()).isEqualTo("must be an e-mail address");
            Cell status = sheet.getRow(1).getCell(3);
            assertThat(status.getCellStyle().getFillForegroundColor()).isEqualTo(IndexedColors.RED.getIndex());
            assertThat(sheet.getRow(1).getCell(0).getCellStyle().getFillForegroundColor())
                    .isNotEqualTo(IndexedColors.RED.getIndex());
            assertThat(sheet.getRow(1).getCell(errors).getStringCellValue())
                    .isEqualTo("row 3: EMAIL: must be an e-mail address; STATUS: is required");
            assertThat(sheet.getRow(2).getCell(errors).getStringCellValue())
                    .isEqualTo("row 7: the workspace has no licence left");
        }
    }

    @Test
    void theErrorWorkbookImportsAgainAsItIsWithItsErrorsColumnIgnoredSilently() throws Exception {
        List<FailedRow> failed = List.of(new FailedRow(3, ZOE, List.of(new FailedRow.RowError(EMAIL, "invalid_format",
                "must be an e-mail address"))));
        Path file = Files.write(dir.resolve("errors.xlsx"), write(new XlsxErrorWorkbooks(), failed));
        try (ImportFile back = new DefaultImportFiles().open(file, "errors.xlsx", AccountTemplate.USERS,
                ImportLimits.defaults())) {
            assertThat(back.warnings()).isEmpty();
            SheetRow row = back.next();
            assertThat(row.row()).isEqualTo(1);
            assertThat(row.values()).isEqualTo(ZOE);
            assertThat(back.next()).isNull();
        }
    }

    @Test
    void commentsStopAtTheirBoundButCellsStayRed() throws Exception {
        List<FailedRow> failed = IntStream.rangeClosed(1, 10).mapToObj(i -> new FailedRow(i, ZOE, List.of(
                new FailedRow.RowError(EMAIL, "invalid_format", "bad " + i)))).toList();
        byte[] bytes = write(new XlsxErrorWorkbooks(4), failed);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            List<Boolean> commented = new ArrayList<>();
            for (int r = 1; r <= 10; r++) {
                Cell email = sheet.getRow(r).getCell(2);
                assertThat(email.getCellStyle().getFillForegroundColor()).isEqualTo(IndexedColors.RED.getIndex());
                commented.add(email.getCellComment() != null);
            }
            assertThat(commented).containsExactly(true, true, true, true, false, false, false, false, false, false);
        }
    }

    private static byte[] write(ErrorWorkbooks workbooks, List<FailedRow> rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbooks.write(AccountTemplate.USERS, rows.iterator(), out);
        return out.toByteArray();
    }
}
