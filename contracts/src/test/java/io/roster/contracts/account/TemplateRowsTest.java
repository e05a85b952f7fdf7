package io.roster.contracts.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRowsTest {

    @Test
    void aUsersRowBecomesACreateUserWithItsYesNoCellsAsBooleans() {
        TemplateRows.Conversion c = TemplateRows.toCommand(AccountTemplate.USERS, Map.of(
                UserTemplateColumn.LOGIN, "ada.lovelace", UserTemplateColumn.SAVE_SPACE_MAX, "10 GB",
                UserTemplateColumn.CREATION_NOTIFICATION, "no", UserTemplateColumn.RESTRICTED_RIGHTS, " YES ",
                UserTemplateColumn.SUSPENSION_DATE, "31/01/2030/18:00", UserTemplateColumn.CREATION_DATE, "ignored"));
        assertThat(c.problems()).isEmpty();
        CreateUser user = (CreateUser) c.command();
        assertThat(user.login()).isEqualTo("ada.lovelace");
        assertThat(user.saveSpaceMax()).isEqualTo("10 GB");
        assertThat(user.creationNotification()).isFalse();
        assertThat(user.restrictedRights()).isTrue();
        assertThat(user.modificationPrevention()).isNull();
        assertThat(user.suspensionDate()).isEqualTo("31/01/2030/18:00");
    }

    @Test
    void aCellThatIsNeitherYesNorNoIsAProblemOfItsColumn() {
        TemplateRows.Conversion c = TemplateRows.toCommand(AccountTemplate.CONTACTS, Map.of(
                ContactTemplateColumn.OWNER_LOGIN, "ada.lovelace", ContactTemplateColumn.CREATION_NOTIFICATION,
                "maybe"));
        assertThat(((CreateContact) c.command()).ownerLogin()).isEqualTo("ada.lovelace");
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(AccountTemplate.CONTACTS.columnOf(p)).contains(ContactTemplateColumn.CREATION_NOTIFICATION);
            assertThat(p.message()).contains("YES or NO", "'maybe'");
        });
    }

    @Test
    void cellsLookedUpByColumnGiveTheSameCommandAsAMap() {
        Map<UserTemplateColumn, String> cells = Map.of(UserTemplateColumn.LOGIN, "ada.lovelace",
                UserTemplateColumn.EMAIL, "ada@example.com", UserTemplateColumn.MODIFICATION_PREVENTION, "perhaps",
                UserTemplateColumn.CREATION_NOTIFICATION, "NO", UserTemplateColumn.COMPANY, "  ");
        String[] byOrdinal = new String[AccountTemplate.USERS.columns().size()];
        cells.forEach((column, value) -> byOrdinal[column.ordinal()] = value);
        TemplateRows.Conversion byMap = TemplateRows.toCommand(AccountTemplate.USERS, cells);
        TemplateRows.Conversion byLookup = TemplateRows.toCommand(AccountTemplate.USERS,
                column -> byOrdinal[column.ordinal()]);
        assertThat(byLookup).isEqualTo(byMap);
        assertThat(byLookup.problems()).singleElement().satisfies(p -> assertThat(p.field())
                .isEqualTo("modificationPrevention"));
        assertThat(((CreateUser) byLookup.command()).company()).isNull();
    }
}
