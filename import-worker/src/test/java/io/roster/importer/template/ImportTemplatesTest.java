package io.roster.importer.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.Application;
import io.roster.contracts.account.ContactTemplateColumn;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.TemplateColumn;
import io.roster.contracts.account.UserTemplateColumn;
import io.roster.contracts.account.WorkspaceRules;
import io.roster.importer.file.DefaultImportFiles;
import io.roster.importer.file.ImportFile;
import io.roster.importer.file.ImportLimits;
import io.roster.importer.file.SheetRow;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImportTemplatesTest {

    /** A STANDARD workspace as created by default (no application), and one with every application. */
    static final List<WorkspaceRules> WORKSPACES = List.of(
            new WorkspaceRules(Set.of(), ZoneId.of("Europe/Paris"), Instant.now()),
            new WorkspaceRules(EnumSet.allOf(Application.class), ZoneId.of("Europe/Paris"), Instant.now()));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(AccountTemplate.class)
    void theXlsxTemplateReadsBackThroughImportFilesAndEveryExamplePassesTheValidator(AccountTemplate template)
            throws Exception {
        Path file = Files.write(dir.resolve("t.xlsx"), TemplateWorkbook.write(TemplateText.of(template)));
        List<SheetRow> rows = readAll(file, template);
        assertThat(rows).hasSizeGreaterThanOrEqualTo(2);
        rows.forEach(row -> assertValid(template, row));
    }

    @ParameterizedTest
    @EnumSource(AccountTemplate.class)
    void theCsvTemplateReadsBackThroughImportFilesAndEveryExamplePassesTheValidator(AccountTemplate template)
            throws Exception {
        byte[] csv = TemplateCsv.write(TemplateText.of(template));
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String header = new String(csv, 3, new String(csv, java.nio.charset.StandardCharsets.UTF_8).indexOf('\r') - 1,
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(header.split(",")).containsExactlyElementsOf(
                template.columns().stream().map(c -> c.key() + (c.markedRequired() ? "*" : "")).toList());
        List<SheetRow> rows = readAll(Files.write(dir.resolve("t.csv"), csv), template);
        assertThat(rows).hasSizeGreaterThanOrEqualTo(2);
        rows.forEach(row -> assertValid(template, row));
    }

    @ParameterizedTest
    @EnumSource(AccountTemplate.class)
    void theXlsxHasTheColumnsInOrderDropDownsAndAHelpSheet(AccountTemplate template) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                TemplateWorkbook.write(TemplateText.of(template))))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertThat(header).containsExactlyElementsOf(
                    template.columns().stream().map(c -> c.key() + (c.markedRequired() ? "*" : "")).toList());
            List<TemplateColumn> enumerated = template.columns().stream().filter(c -> !c.allowedValues().isEmpty())
                    .toList();
            assertThat(sheet.getDataValidations()).hasSize(enumerated.size()).allSatisfy(v -> {
                int column = v.getRegions().getCellRangeAddress(0).getFirstColumn();
                TemplateColumn col = template.columns().get(column);
                assertThat(v.getValidationConstraint().getExplicitListValues())
                        .containsExactlyElementsOf(col.allowedValues());
            });
            Sheet help = workbook.getSheet(TemplateWorkbook.HELP_SHEET);
            assertThat(help.getLastRowNum()).isEqualTo(template.columns().size());
            assertThat(help.getRow(1).getCell(0).getStringCellValue()).isEqualTo(
                    template.columns().get(0).key() + "*");
            assertThat(help.getRow(1).getCell(1).getStringCellValue()).startsWith("Required field");
        }
    }

    private static void assertValid(AccountTemplate template, SheetRow row) {
        assertThat(row.problems()).isEmpty();
        for (WorkspaceRules workspace : WORKSPACES) {
            AccountValidator.Result result = template == AccountTemplate.USERS
                    ? AccountValidator.validateUser(user(row.values()), workspace)
                    : AccountValidator.validateContact(contact(row.values()), workspace);
            assertThat(result.problems()).as("row %d in %s", row.row(), workspace.applications()).isEmpty();
        }
    }

    static CreateUser user(Map<TemplateColumn, String> v) {
        return new CreateUser(v.get(UserTemplateColumn.LOGIN), v.get(UserTemplateColumn.EMAIL),
                v.get(UserTemplateColumn.FIRSTNAME), v.get(UserTemplateColumn.LASTNAME),
                v.get(UserTemplateColumn.STATUS), v.get(UserTemplateColumn.MAIL_LANGUAGE),
                v.get(UserTemplateColumn.SHARE_SPACE_MAX), v.get(UserTemplateColumn.SAVE_SPACE_MAX),
                v.get(UserTemplateColumn.VISIBILITY_SCOPE), yes(v.get(UserTemplateColumn.MODIFICATION_PREVENTION)),
                v.get(UserTemplateColumn.COMPANY), v.get(UserTemplateColumn.COMPANY_DEPARTMENT),
                v.get(UserTemplateColumn.FUNCTION), v.get(UserTemplateColumn.TFA), v.get(UserTemplateColumn.CITY),
                v.get(UserTemplateColumn.ADDRESS), v.get(UserTemplateColumn.ZIPCODE),
                v.get(UserTemplateColumn.COUNTRY), v.get(UserTemplateColumn.PHONE),
                v.get(UserTemplateColumn.BIOGRAPHY), v.get(UserTemplateColumn.SUSPENSION_DATE),
                yes(v.get(UserTemplateColumn.CREATION_NOTIFICATION)), v.get(UserTemplateColumn.EXPIRATION_MODE),
                yes(v.get(UserTemplateColumn.RESTRICTED_RIGHTS)), null, null, null, null);
    }

    static CreateContact contact(Map<TemplateColumn, String> v) {
        return new CreateContact(v.get(ContactTemplateColumn.OWNER_LOGIN), v.get(ContactTemplateColumn.OWNER_FIRSTNAME),
                v.get(ContactTemplateColumn.OWNER_LASTNAME), v.get(ContactTemplateColumn.LOGIN),
                v.get(ContactTemplateColumn.EMAIL), v.get(ContactTemplateColumn.FIRSTNAME),
                v.get(ContactTemplateColumn.LASTNAME), v.get(ContactTemplateColumn.STATUS),
                v.get(ContactTemplateColumn.MAIL_LANGUAGE), v.get(ContactTemplateColumn.VISIBILITY_SCOPE),
                yes(v.get(ContactTemplateColumn.MODIFICATION_PREVENTION)), v.get(ContactTemplateColumn.COMPANY),
                v.get(ContactTemplateColumn.COMPANY_DEPARTMENT), v.get(ContactTemplateColumn.FUNCTION),
                v.get(ContactTemplateColumn.TFA), v.get(ContactTemplateColumn.CITY),
                v.get(ContactTemplateColumn.ADDRESS), v.get(ContactTemplateColumn.ZIPCODE),
                v.get(ContactTemplateColumn.COUNTRY), v.get(ContactTemplateColumn.PHONE),
                v.get(ContactTemplateColumn.BIOGRAPHY), v.get(ContactTemplateColumn.SUSPENSION_DATE),
                yes(v.get(ContactTemplateColumn.CREATION_NOTIFICATION)));
    }

    private static Boolean yes(String value) {
        return value == null ? null : value.equals("YES");
    }

    private static List<SheetRow> readAll(Path path, AccountTemplate template) throws Exception {
        List<SheetRow> rows = new ArrayList<>();
        try (ImportFile file = new DefaultImportFiles().open(path, "template", template, ImportLimits.defaults())) {
            assertThat(file.warnings()).isEmpty();
            for (SheetRow row = file.next(); row != null; row = file.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
