package io.roster.importer.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.Application;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.UserTemplateColumn;
import io.roster.contracts.account.WorkspaceRules;
import io.roster.importer.file.CellProblem;
import io.roster.importer.file.SheetRow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowValidatorTest {

    private static final WorkspaceRules PARIS_WITH_SAVE = new WorkspaceRules(EnumSet.of(Application.SAVE),
            ZoneId.of("Europe/Paris"), Instant.parse("2026-12-04T12:00:00Z"));

    private static Map<io.roster.contracts.account.TemplateColumn, String> ada() {
        Map<io.roster.contracts.account.TemplateColumn, String> cells = new HashMap<>();
        cells.put(UserTemplateColumn.LASTNAME, "Lovelace");
        cells.put(UserTemplateColumn.FIRSTNAME, "Ada");
        cells.put(UserTemplateColumn.EMAIL, "Ada@Example.com");
        cells.put(UserTemplateColumn.STATUS, "ACTIVE");
        cells.put(UserTemplateColumn.LOGIN, "Ada.Lovelace");
        cells.put(UserTemplateColumn.MAIL_LANGUAGE, "en");
        cells.put(UserTemplateColumn.SAVE_SPACE_MAX, "5 GB");
        cells.put(UserTemplateColumn.VISIBILITY_SCOPE, "PUBLIC");
        return cells;
    }

    @Test
    void aValidRowGivesItsNormalizedKeysAndTakesALicence() {
        RowVerdict verdict = RowValidator.check(AccountTemplate.USERS,
                SheetRow.of(7, AccountTemplate.USERS, ada(), List.of()), PARIS_WITH_SAVE);
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.row()).isEqualTo(7);
        assertThat(verdict.login()).isEqualTo("ada.lovelace");
        assertThat(verdict.email()).isEqualTo("ada@example.com");
        assertThat(verdict.takesLicence()).isTrue();
        assertThat(verdict.cells()).containsEntry("LOGIN", "Ada.Lovelace");
    }

    @Test
    void eachProblemNamesItsColumnAndTheWorkspacesRulesApply() {
        Map<io.roster.contracts.account.TemplateColumn, String> cells = ada();
        cells.put(UserTemplateColumn.SAVE_SPACE_MAX, "500 MB");
        cells.put(UserTemplateColumn.RESTRICTED_RIGHTS, "perhaps");
        cells.put(UserTemplateColumn.SUSPENSION_DATE, "04/12/2026/12:30");
        cells.remove(UserTemplateColumn.EMAIL);
        RowVerdict verdict = RowValidator.check(AccountTemplate.USERS, SheetRow.of(1, AccountTemplate.USERS, cells,
                List.of(new CellProblem(UserTemplateColumn.BIOGRAPHY, "=HYPERLINK(\"x\")", "formula_not_allowed",
                        "write the text itself, not a formula"))), PARIS_WITH_SAVE);
        assertThat(verdict.valid()).isFalse();
        // 12:30 in Paris is 11:30 UTC, before "now" (12:00 UTC): in the past in the workspace's zone
        assertThat(verdict.errors()).extracting(e -> e.column().key(), e -> e.code()).containsExactlyInAnyOrder(
                tuple("BIOGRAPHY", "formula_not_allowed"),
                tuple("RESTRICTED_RIGHTS", "invalid_value"),
                tuple("SAVE_SPACE_MAX", "too_small"),
                tuple("SUSPENSION_DATE", "in_past"),
                tuple("EMAIL", "required"));
        assertThat(verdict.cells()).containsEntry("BIOGRAPHY", "=HYPERLINK(\"x\")");
        // the in-file duplicate check still has the login of an invalid row
        assertThat(verdict.login()).isEqualTo("ada.lovelace");
    }

    @Test
    void aStoredRowBecomesTheSameCommandWhenApplied() {
        Map<String, String> stored = Map.of("LOGIN", "ada.lovelace", "CREATION_NOTIFICATION", "NO",
                "SUSPENSION_DATE", "31/12/2099/18:00", "CREATION_DATE", "whatever");
        CreateUser user = (CreateUser) RowValidator.command(AccountTemplate.USERS, stored);
        assertThat(user.login()).isEqualTo("ada.lovelace");
        assertThat(user.creationNotification()).isFalse();
        assertThat(user.suspensionDate()).isEqualTo("31/12/2099/18:00");
    }
}
