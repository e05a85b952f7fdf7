package io.roster.contracts.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The columns of the two templates as the product documentation ("Create accounts in bulk") lists them — key,
 * asterisk, order — and the command fields they feed.
 */
class AccountTemplateTest {

    /** The Users table of the documentation, in its order; a trailing * is the documentation's required mark. */
    private static final List<String> USERS_AS_DOCUMENTED = List.of("LASTNAME*", "FIRSTNAME*", "EMAIL*", "STATUS*",
            "LOGIN*", "MAIL_LANGUAGE*", "SHARE_SPACE_MAX*", "SAVE_SPACE_MAX*", "VISIBILITY_SCOPE",
            "MODIFICATION_PREVENTION", "COMPANY", "COMPANY_DEPARTMENT", "FUNCTION", "TFA", "CITY", "ADDRESS", "ZIPCODE",
            "COUNTRY", "PHONE", "BIOGRAPHY", "CREATION_DATE", "SUSPENSION_DATE", "CREATION_NOTIFICATION",
            "EXPIRATION_MODE", "RESTRICTED_RIGHTS");

    /** The Contacts table of the documentation, in its order. */
    private static final List<String> CONTACTS_AS_DOCUMENTED = List.of("OWNER_LOGIN*", "LASTNAME*", "FIRSTNAME*",
            "EMAIL*", "STATUS*", "LOGIN", "VISIBILITY_SCOPE*", "MODIFICATION_PREVENTION", "COMPANY",
            "COMPANY_DEPARTMENT", "FUNCTION", "TFA", "CITY", "ADDRESS", "ZIPCODE", "COUNTRY", "PHONE", "BIOGRAPHY",
            "MAIL_LANGUAGE*", "CREATION_DATE", "SUSPENSION_DATE", "OWNER_FIRSTNAME", "OWNER_LASTNAME",
            "CREATION_NOTIFICATION");

    private static List<String> asDocumented(AccountTemplate template) {
        return template.columns().stream().map(c -> c.key() + (c.markedRequired() ? "*" : "")).toList();
    }

    @Test
    void everyColumnOfTheDocumentationIsThereInItsOrderWithItsRequiredMark() {
        assertThat(asDocumented(AccountTemplate.USERS)).containsExactlyElementsOf(USERS_AS_DOCUMENTED);
        assertThat(asDocumented(AccountTemplate.CONTACTS)).containsExactlyElementsOf(CONTACTS_AS_DOCUMENTED);
    }

    @ParameterizedTest
    @EnumSource(AccountTemplate.class)
    void everyFieldAColumnFeedsExistsOnTheCommandAndIsFedOnce(AccountTemplate template) {
        List<String> components = Arrays.stream(template.command().getRecordComponents())
                .map(RecordComponent::getName).toList();
        List<String> fed = template.columns().stream().flatMap(c -> c.field().stream()).toList();
        assertThat(components).containsAll(fed);
        assertThat(fed).doesNotHaveDuplicates();
        assertThat(template.columns()).filteredOn(c -> c.field().isEmpty()).extracting(TemplateColumn::key)
                .as("only the date the import fills in feeds nothing").containsExactly("CREATION_DATE");
        assertThat(template.columns()).filteredOn(c -> c.field().isEmpty())
                .allMatch(c -> c.requirement() == TemplateColumn.Requirement.FILLED_BY_IMPORT);
    }

    @Test
    void theCommandFieldsNoColumnFeedsAreTheAccessAnAdminGrants() {
        List<String> fed = AccountTemplate.USERS.columns().stream().flatMap(c -> c.field().stream()).toList();
        assertThat(Arrays.stream(CreateUser.class.getRecordComponents()).map(RecordComponent::getName)
                .filter(name -> !fed.contains(name)))
                .containsExactly("preventAutomaticSuspension", "admin", "permission", "buckets", "idleTimeoutMinutes");
        List<String> contactFed = AccountTemplate.CONTACTS.columns().stream().flatMap(c -> c.field().stream())
                .toList();
        assertThat(Arrays.stream(CreateContact.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactlyInAnyOrderElementsOf(contactFed);
    }

    @Test
    void enumeratedColumnsListTheirValues() {
        assertThat(UserTemplateColumn.STATUS.allowedValues()).containsExactly("ACTIVE", "INACTIVE", "CLOSED");
        assertThat(ContactTemplateColumn.STATUS.allowedValues()).containsExactly("ACTIVE", "CLOSED");
        assertThat(UserTemplateColumn.MAIL_LANGUAGE.allowedValues())
                .containsExactly("en", "fr", "de", "nl", "es", "it", "pt-br", "zh-cn", "ja", "th");
        assertThat(UserTemplateColumn.TFA.allowedValues()).containsExactly("TOTP", "NONE", "SMS", "FIDO2");
        assertThat(ContactTemplateColumn.VISIBILITY_SCOPE.allowedValues()).containsExactly("PUBLIC", "PRIVATE");
        assertThat(UserTemplateColumn.EXPIRATION_MODE.allowedValues()).containsExactly("DEFAULT", "DISABLED");
        for (TemplateColumn yesNo : List.of(UserTemplateColumn.MODIFICATION_PREVENTION,
                UserTemplateColumn.CREATION_NOTIFICATION, UserTemplateColumn.RESTRICTED_RIGHTS,
                ContactTemplateColumn.MODIFICATION_PREVENTION, ContactTemplateColumn.CREATION_NOTIFICATION)) {
            assertThat(yesNo.allowedValues()).as(yesNo.key()).containsExactly("YES", "NO");
        }
        assertThat(UserTemplateColumn.LASTNAME.allowedValues()).isEmpty();
    }

    @Test
    void theSpaceColumnsAreRequiredWithTheirApplicationsOnly() {
        assertThat(UserTemplateColumn.SHARE_SPACE_MAX.requirement())
                .isEqualTo(TemplateColumn.Requirement.REQUIRED_WITH_APPLICATIONS);
        assertThat(UserTemplateColumn.SAVE_SPACE_MAX.requirement())
                .isEqualTo(TemplateColumn.Requirement.REQUIRED_WITH_APPLICATIONS);
        assertThat(UserTemplateColumn.LASTNAME.requirement()).isEqualTo(TemplateColumn.Requirement.REQUIRED);
    }

    /** What the validator finds wrong is named by the column the admin filled in. */
    @Test
    void aProblemOfTheValidatorNamesItsColumn() {
        WorkspaceRules save = new WorkspaceRules(EnumSet.of(Application.SAVE), ZoneId.of("Europe/Paris"),
                Instant.parse("2026-11-23T09:00:00Z"));
        CreateUser row = new CreateUser("ada.lovelace", "not-an-address", "Ada", "", "ACTIVE", "klingon", null,
                "500MB", "PUBLIC", null, null, null, null, null, null, null, null, null, null, null, "31/02/2027/10:00",
                null, null, null, null, null, null, null);
        List<FieldProblem> problems = AccountValidator.validateUser(row, save).problems();

        assertThat(problems).extracting(p -> AccountTemplate.USERS.columnOf(p).map(TemplateColumn::key).orElse("-"))
                .containsExactlyInAnyOrder("EMAIL", "LASTNAME", "MAIL_LANGUAGE", "SAVE_SPACE_MAX", "SUSPENSION_DATE");
    }

    @Test
    void lookups() {
        assertThat(AccountTemplate.CONTACTS.columnOf("ownerLogin")).contains(ContactTemplateColumn.OWNER_LOGIN);
        assertThat(AccountTemplate.USERS.columnOf("ownerLogin")).isEmpty();
        assertThat(AccountTemplate.USERS.columnOf("buckets[1]")).as("granted outside the template").isEmpty();
        assertThat(AccountTemplate.USERS.columnOf((String) null)).isEmpty();
        assertThat(AccountTemplate.USERS.columnOf(new FieldProblem("zipcode", "too_long", "...")))
                .contains(UserTemplateColumn.ZIPCODE);
        assertThat(AccountTemplate.USERS.column("SAVE_SPACE_MAX")).contains(UserTemplateColumn.SAVE_SPACE_MAX);
        assertThat(AccountTemplate.CONTACTS.column("SAVE_SPACE_MAX")).isEmpty();
        assertThat(AccountTemplate.USERS.column("CREATION_DATE").flatMap(TemplateColumn::field)).isEqualTo(
                Optional.empty());
        assertThat(Set.copyOf(AccountTemplate.USERS.columns())).hasSameSizeAs(AccountTemplate.USERS.columns());
    }

    @ParameterizedTest
    @EnumSource(AccountTemplate.class)
    void aColumnsOrdinalIsItsPlaceInItsTemplate(AccountTemplate template) {
        for (int i = 0; i < template.columns().size(); i++) {
            assertThat(template.columns().get(i).ordinal()).isEqualTo(i);
        }
    }
}
