package io.roster.contracts.account;

import java.time.Instant;
import java.util.List;

/** An account request that passed {@link AccountValidator}: normalized, typed, defaults applied. */
public record ValidatedAccount(
        AccountType type,
        String login,
        String email,
        String firstName,
        String lastName,
        AccountStatus status,
        MailLanguage mailLanguage,
        StorageQuota shareSpaceMax,
        StorageQuota saveSpaceMax,
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
        String ownerLogin) {
}
