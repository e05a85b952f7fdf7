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
        String ownerLogin,
        Integer idleTimeoutMinutes) {

    /** Without an idle timeout of its own (contacts, and users who take the workspace's). */
    public ValidatedAccount(AccountType type, String login, String email, String firstName, String lastName,
            AccountStatus status, MailLanguage mailLanguage, StorageQuota shareSpaceMax, StorageQuota saveSpaceMax,
            VisibilityScope visibilityScope, boolean modificationPrevention, String company, String
            companyDepartment, String function, TwoFactorMode tfa, String city, String address, String zipcode,
            String country, String phone, String biography, Instant suspensionAt, boolean creationNotification,
            ExpirationMode expirationMode, boolean restrictedRights, boolean preventAutomaticSuspension, boolean
            admin, Permission permission, List<String> buckets, String ownerLogin) {
        this(type, login, email, firstName, lastName, status, mailLanguage, shareSpaceMax, saveSpaceMax,
                visibilityScope, modificationPrevention, company, companyDepartment, function, tfa, city, address,
                zipcode, country, phone, biography, suspensionAt, creationNotification, expirationMode,
                restrictedRights, preventAutomaticSuspension, admin, permission, buckets, ownerLogin, null);
    }
}
