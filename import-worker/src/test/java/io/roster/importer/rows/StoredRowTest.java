package io.roster.importer.rows;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.account.AccountTemplate;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.TemplateColumn;
import io.roster.importer.validation.RowValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A stored row's cells, placed by the job's columns, become the command {@link RowValidator#command} makes. */
class StoredRowTest {

    /** The row as {@link ImportRows#toApply} builds it from cells stored in the job's column order. */
    private static ImportRows.StoredRow stored(AccountTemplate template, List<String> jobColumns,
            Map<String, String> cells) {
        int[] ordinals = ImportRows.ordinals(template, jobColumns);
        String[] byOrdinal = new String[template.columns().size()];
        for (int i = 0; i < jobColumns.size(); i++) {
            if (ordinals[i] >= 0) {
                byOrdinal[ordinals[i]] = cells.get(jobColumns.get(i));
            }
        }
        return new ImportRows.StoredRow(4, UUID.randomUUID(), byOrdinal);
    }

    @Test
    void aUserRowBecomesTheSameCommandWhateverTheJobsColumnOrderAndAKeyTheTemplateNoLongerHas() {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("LOGIN", "Ada.Lovelace");
        cells.put("EMAIL", "ada@example.com");
        cells.put("FIRSTNAME", "Ada");
        cells.put("LASTNAME", "Lovelace");
        cells.put("STATUS", "ACTIVE");
        cells.put("MAIL_LANGUAGE", "en");
        cells.put("SAVE_SPACE_MAX", "5 GB");
        cells.put("CREATION_NOTIFICATION", "NO");
        cells.put("SUSPENSION_DATE", "31/12/2099/18:00");
        cells.put("MODIFICATION_PREVENTION", "YES");
        cells.put("GONE_COLUMN", "ignored");
        List<String> jobColumns = new ArrayList<>(AccountTemplate.USERS.columns().stream()
                .map(TemplateColumn::key).toList());
        jobColumns.add("GONE_COLUMN");
        Collections.reverse(jobColumns);

        CreateUser applied = (CreateUser) stored(AccountTemplate.USERS, jobColumns, cells)
                .command(AccountTemplate.USERS);

        assertThat(applied).isEqualTo(RowValidator.command(AccountTemplate.USERS, cells));
        assertThat(applied.login()).isEqualTo("Ada.Lovelace");
        assertThat(applied.creationNotification()).isFalse();
        assertThat(applied.modificationPrevention()).isTrue();
    }

    @Test
    void aContactRowKeepsItsOwnerAndBlankCellsStayNull() {
        Map<String, String> cells = Map.of("OWNER_LOGIN", "ada.lovelace", "LOGIN", "bob", "EMAIL", "bob@example.com");
        List<String> jobColumns = AccountTemplate.CONTACTS.columns().stream().map(TemplateColumn::key).toList();

        CreateContact applied = (CreateContact) stored(AccountTemplate.CONTACTS, jobColumns, cells)
                .command(AccountTemplate.CONTACTS);

        assertThat(applied).isEqualTo(RowValidator.command(AccountTemplate.CONTACTS, cells));
        assertThat(applied.ownerLogin()).isEqualTo("ada.lovelace");
        assertThat(applied.ownerFirstName()).isNull();
    }
}
