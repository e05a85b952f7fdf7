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
}
