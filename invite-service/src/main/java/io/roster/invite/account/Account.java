package io.roster.invite.account;

import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.ExpirationMode;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.account.Permission;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.contracts.account.VisibilityScope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An account as the service reasons about it: typed, its statuses and policies enums. The REST API shows it as an
 * {@link AccountView}.
 *
 * @param shareSpaceMax as given (e.g. {@code 10GB}), null for the workspace's default
 * @param saveSpaceMax as given, null for the workspace's default
 * @param permission null for a contact
 * @param ownerId the owning user of a contact
 * @param idleTimeoutMinutes the user's own idle timeout, null to take the workspace's
 */
record Account(
        UUID id,
        AccountType type,
        String login,
        String email,
        String firstName,
        String lastName,
        AccountStatus status,
        MailLanguage mailLanguage,
        String shareSpaceMax,
        String saveSpaceMax,
        VisibilityScope visibilityScope,
        boolean modificationPrevention,
        String company,
        String companyDepartment,
        String function,
        TwoFactorMode tfa,
        String city,
        String address,
        String zipcode,
        String country,
        String phone,
        String biography,
        Instant suspensionAt,
        boolean creationNotification,
        ExpirationMode expirationMode,
        boolean restrictedRights,
        boolean preventAutomaticSuspension,
        boolean admin,
        Permission permission,
        List<String> buckets,
        UUID ownerId,
        Instant createdAt,
        Integer idleTimeoutMinutes) {

    boolean isUser() {
        return type == AccountType.USER;
    }

    /** Whether it holds one of the workspace's licences: a user not closed. */
    boolean holdsLicence() {
        return isUser() && status != AccountStatus.CLOSED;
    }
}
