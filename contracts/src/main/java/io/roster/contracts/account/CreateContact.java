package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.AllowedValues;

/**
 * Command {@code account.create-contact.v1}: one row of the Contacts template. The owner is a USER of the same
 * workspace named by its login; ownerFirstName/ownerLastName, when given, must match that user.
 */
@JsonClassDescription("Create a CONTACT account: one row of the Contacts template. The owner is a USER of the same "
        + "workspace named by its login; ownerFirstName/ownerLastName, when given, must match that "
        + "user. The outcome is account.created.v1 or account.request-rejected.v1.")
public record CreateContact(
        String ownerLogin,
        String ownerFirstName,
        String ownerLastName,
        String login,
        String email,
        String firstName,
        String lastName,
        @AllowedValues(AccountStatus.class) String status,
        @AllowedValues(MailLanguage.class) String mailLanguage,
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
        Boolean creationNotification) implements AccountCommand {

    @Override
    public String subject() {
        return login == null ? String.valueOf(email) : login;
    }
}
