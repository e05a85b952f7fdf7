package io.roster.invite.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as the REST API shows it. */
public record AccountView(
        UUID id,
        String type,
        String login,
        String email,
        String firstName,
        String lastName,
        String status,
        String mailLanguage,
        String shareSpaceMax,
        String saveSpaceMax,
        String visibilityScope,
        boolean modificationPrevention,
        String company,
        String companyDepartment,
        String function,
        String tfa,
        String city,
        String address,
        String zipcode,
        String country,
        String phone,
        String biography,
        Instant suspensionAt,
        boolean creationNotification,
        String expirationMode,
        boolean restrictedRights,
        boolean preventAutomaticSuspension,
        boolean admin,
        String permission,
        List<String> buckets,
        UUID ownerId,
        Instant createdAt,
        Integer idleTimeoutMinutes) {
}
