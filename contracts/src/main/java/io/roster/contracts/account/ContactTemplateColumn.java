package io.roster.contracts.account;

import static io.roster.contracts.account.TemplateColumn.Requirement.FILLED_BY_IMPORT;
import static io.roster.contracts.account.TemplateColumn.Requirement.OPTIONAL;
import static io.roster.contracts.account.TemplateColumn.Requirement.REQUIRED;

import java.util.List;
import java.util.Optional;

/** The columns of the Contacts template, in the template's order; each feeds a field of {@link CreateContact}. */
public enum ContactTemplateColumn implements TemplateColumn {
    /** The login of the USER the contact belongs to. */
    OWNER_LOGIN(REQUIRED, "ownerLogin"),
    LASTNAME(REQUIRED, "lastName"),
    FIRSTNAME(REQUIRED, "firstName"),
    EMAIL(REQUIRED, "email"),
    /** A contact is never INACTIVE. */
    STATUS(REQUIRED, "status", List.of(AccountStatus.ACTIVE.name(), AccountStatus.CLOSED.name())),
    LOGIN(OPTIONAL, "login"),
    VISIBILITY_SCOPE(REQUIRED, "visibilityScope", TemplateColumn.namesOf(VisibilityScope.class)),
    MODIFICATION_PREVENTION(OPTIONAL, "modificationPrevention", YES_NO),
    COMPANY(OPTIONAL, "company"),
    COMPANY_DEPARTMENT(OPTIONAL, "companyDepartment"),
    FUNCTION(OPTIONAL, "function"),
    TFA(OPTIONAL, "tfa", TemplateColumn.namesOf(TwoFactorMode.class)),
    CITY(OPTIONAL, "city"),
    ADDRESS(OPTIONAL, "address"),
    ZIPCODE(OPTIONAL, "zipcode"),
    COUNTRY(OPTIONAL, "country"),
    PHONE(OPTIONAL, "phone"),
    BIOGRAPHY(OPTIONAL, "biography"),
    MAIL_LANGUAGE(REQUIRED, "mailLanguage", TemplateColumn.mailLanguages()),
    CREATION_DATE(FILLED_BY_IMPORT, null),
    /** dd/mm/yyyy/hh:mm, in the workspace's time zone. */
    SUSPENSION_DATE(OPTIONAL, "suspensionDate"),
    /** Checked against the owner's first name when given. */
    OWNER_FIRSTNAME(OPTIONAL, "ownerFirstName"),
    /** Checked against the owner's last name when given. */
    OWNER_LASTNAME(OPTIONAL, "ownerLastName"),
    CREATION_NOTIFICATION(OPTIONAL, "creationNotification", YES_NO);

    private final Requirement requirement;
    private final String field;
    private final List<String> allowedValues;

    ContactTemplateColumn(Requirement requirement, String field) {
        this(requirement, field, List.of());
    }

    ContactTemplateColumn(Requirement requirement, String field, List<String> allowedValues) {
        this.requirement = requirement;
        this.field = field;
        this.allowedValues = allowedValues;
    }

    @Override
    public String key() {
        return name();
    }

    @Override
    public Requirement requirement() {
        return requirement;
    }

    @Override
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    @Override
    public List<String> allowedValues() {
        return allowedValues;
    }
}
