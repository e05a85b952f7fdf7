package io.roster.invite.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as the REST API shows it (the JSON of {@link Account}: enums by name, the mail language by code). */
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

    static AccountView of(Account a) {
        return new AccountView(a.id(), a.type().name(), a.login(), a.email(), a.firstName(), a.lastName(),
                a.status().name(), a.mailLanguage().code(), a.shareSpaceMax(), a.saveSpaceMax(),
                a.visibilityScope().name(), a.modificationPrevention(), a.company(), a.companyDepartment(),
                a.function(), a.tfa().name(), a.city(), a.address(), a.zipcode(), a.country(), a.phone(),
                a.biography(), a.suspensionAt(), a.creationNotification(), a.expirationMode().name(),
                a.restrictedRights(), a.preventAutomaticSuspension(), a.admin(),
                a.permission() == null ? null : a.permission().name(), a.buckets(), a.ownerId(), a.createdAt(),
                a.idleTimeoutMinutes());
    }
}
