package io.roster.contracts.account;

import static io.roster.contracts.account.TemplateColumn.Requirement.FILLED_BY_IMPORT;
import static io.roster.contracts.account.TemplateColumn.Requirement.OPTIONAL;
import static io.roster.contracts.account.TemplateColumn.Requirement.REQUIRED;
import static io.roster.contracts.account.TemplateColumn.Requirement.REQUIRED_WITH_APPLICATIONS;

import java.util.List;
import java.util.Optional;

/** The columns of the Users template, in the template's order; each feeds a field of {@link CreateUser}. */
public enum UserTemplateColumn implements TemplateColumn {
    LASTNAME(REQUIRED, "lastName"),
    FIRSTNAME(REQUIRED, "firstName"),
    EMAIL(REQUIRED, "email"),
    STATUS(REQUIRED, "status", TemplateColumn.namesOf(AccountStatus.class)),
    LOGIN(REQUIRED, "login"),
    MAIL_LANGUAGE(REQUIRED, "mailLanguage", TemplateColumn.mailLanguages()),
    /** Required with Work, Work_share or Meet. */
    SHARE_SPACE_MAX(REQUIRED_WITH_APPLICATIONS, "shareSpaceMax"),
    /** Required with Save, and at least 1 GB then. */
    SAVE_SPACE_MAX(REQUIRED_WITH_APPLICATIONS, "saveSpaceMax"),
    VISIBILITY_SCOPE(OPTIONAL, "visibilityScope", TemplateColumn.namesOf(VisibilityScope.class)),
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
    CREATION_DATE(FILLED_BY_IMPORT, null),
    /** dd/mm/yyyy/hh:mm, in the workspace's time zone. */
    SUSPENSION_DATE(OPTIONAL, "suspensionDate"),
    CREATION_NOTIFICATION(OPTIONAL, "creationNotification", YES_NO),
    EXPIRATION_MODE(OPTIONAL, "expirationMode", TemplateColumn.namesOf(ExpirationMode.class)),
    RESTRICTED_RIGHTS(OPTIONAL, "restrictedRights", YES_NO);

    private final Requirement requirement;
    private final String field;
    private final List<String> allowedValues;

    UserTemplateColumn(Requirement requirement, String field) {
        this(requirement, field, List.of());
    }

    UserTemplateColumn(Requirement requirement, String field, List<String> allowedValues) {
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
