package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.roster.contracts.AllowedValues;
import java.util.List;

/** Command {@code account.update.v1}: changes the given fields of an account; absent (null) fields are kept. */
@JsonClassDescription("Change the given fields of an account; absent (null) fields are kept. The outcome is "
        + "account.updated.v1 or account.request-rejected.v1.")
public record UpdateAccount(
        String accountId,
        String email,
        String firstName,
        String lastName,
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
        @AllowedValues(ExpirationMode.class) String expirationMode,
        Boolean restrictedRights,
        Boolean preventAutomaticSuspension,
        Boolean admin,
        @AllowedValues(Permission.class) String permission,
        List<String> buckets,
        @JsonPropertyDescription("The user's own idle session timeout in minutes (1-1440)")
        Integer idleTimeoutMinutes) implements AccountCommand {

    /** A change that leaves the idle timeout as it is. */
    public UpdateAccount(String accountId, String email, String firstName, String lastName, String mailLanguage,
            String shareSpaceMax, String saveSpaceMax, String visibilityScope, Boolean modificationPrevention,
            String company, String companyDepartment, String function, String tfa, String city, String address,
            String zipcode, String country, String phone, String biography, String suspensionDate,
            String expirationMode, Boolean restrictedRights, Boolean preventAutomaticSuspension, Boolean admin,
            String permission, List<String> buckets) {
        this(accountId, email, firstName, lastName, mailLanguage, shareSpaceMax, saveSpaceMax, visibilityScope,
                modificationPrevention, company, companyDepartment, function, tfa, city, address, zipcode, country,
                phone, biography, suspensionDate, expirationMode, restrictedRights, preventAutomaticSuspension, admin,
                permission, buckets, null);
    }

    @Override
    public String subject() {
        return accountId;
    }
}
