package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.roster.contracts.AllowedValues;
import io.roster.contracts.Payload;
import java.util.List;

/**
 * Command {@code account.create-user.v1}: one row of the Users template, plus the access an admin grants.
 * Text fields are checked by {@link AccountValidator}; suspensionDate is ISO-8601 local date-time
 * ({@code 2027-01-31T18:00}) in the workspace's time zone. Storage quotas are like {@code 10GB}.
 */
@JsonClassDescription("Create a USER account: one row of the Users template plus the access an admin grants. Text "
        + "fields are checked by AccountValidator; suspensionDate is a local date-time in the "
        + "workspace's time zone (2027-01-31T18:00 or 31/01/2027/18:00); storage quotas are like 10GB. "
        + "The outcome is account.created.v1 or account.request-rejected.v1.")
public record CreateUser(
        String login,
        String email,
        String firstName,
        String lastName,
        @AllowedValues(AccountStatus.class) String status,
        @AllowedValues(MailLanguage.class) String mailLanguage,
        String shareSpaceMax,
        String saveSpaceMax,
        @AllowedValues(VisibilityScope.class) String visibilityScope,
        Boolean modificationPrevention,
        String company,
        String companyDepartment,
        String function,
        @AllowedValues(TwoFactorMode.class) String tfa,
        String city,
        String address,
        String zipcode,
        String country,
        String phone,
        String biography,
        String suspensionDate,
        Boolean creationNotification,
        @AllowedValues(ExpirationMode.class) String expirationMode,
        Boolean restrictedRights,
        Boolean preventAutomaticSuspension,
        Boolean admin,
        @AllowedValues(Permission.class) String permission,
        List<String> buckets,
        @JsonPropertyDescription("The user's own idle session timeout in minutes (1-1440), set while adding the user; "
                + "it applies while the workspace lets users choose their timeout")
        Integer idleTimeoutMinutes) implements AccountCommand {

    /** A create-user request without an idle timeout of its own: the template's columns. */
    public CreateUser(String login, String email, String firstName, String lastName, String status,
            String mailLanguage, String shareSpaceMax, String saveSpaceMax, String visibilityScope,
            Boolean modificationPrevention, String company, String companyDepartment, String function, String tfa,
            String city, String address, String zipcode, String country, String phone, String biography,
            String suspensionDate, Boolean creationNotification, String expirationMode, Boolean restrictedRights,
            Boolean preventAutomaticSuspension, Boolean admin, String permission, List<String> buckets) {
        this(login, email, firstName, lastName, status, mailLanguage, shareSpaceMax, saveSpaceMax, visibilityScope,
                modificationPrevention, company, companyDepartment, function, tfa, city, address, zipcode, country,
                phone, biography, suspensionDate, creationNotification, expirationMode, restrictedRights,
                preventAutomaticSuspension, admin, permission, buckets, null);
    }

    @Override
    public String subject() {
        return login == null ? String.valueOf(email) : login;
    }
}
