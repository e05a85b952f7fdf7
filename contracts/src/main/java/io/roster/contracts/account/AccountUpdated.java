package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.roster.contracts.Payload;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Event {@code account.updated.v1}: which fields of an account changed, and their new values. A field named in
 * {@code changedFields} whose new value is absent was cleared (a suspension date removed); a field not named did not
 * change. Events from before the values travelled, and changes that have no value (a TOTP enrollment reset), carry
 * the names only.
 *
 * @param changedFields the fields the change set, by their names in {@code account.update.v1}
 * @param newValues the value of each of them now, normalized and typed as in {@code account.created.v1}
 */
@JsonClassDescription("Fields of an account changed: their names (as in account.update.v1) and, in newValues, the "
        + "value each now has, normalized and typed as in account.created.v1 (the suspension date as the instant "
        + "suspensionAt). A field named in changedFields whose value is absent from newValues was cleared; a field "
        + "not named did not change. A change with no value, such as a TOTP enrollment reset (totpEnrollment), "
        + "carries no newValues.")
public record AccountUpdated(String accountId, List<String> changedFields, NewValues newValues) implements Payload {

    /** A change whose fields have no value to carry (a TOTP enrollment reset). */
    public AccountUpdated(String accountId, List<String> changedFields) {
        this(accountId, changedFields, null);
    }

    /** The change of {@code account} by an {@code account.update.v1} setting {@code changedFields}. */
    public static AccountUpdated of(String accountId, List<String> changedFields, ValidatedAccount account) {
        return new AccountUpdated(accountId, changedFields, NewValues.of(account, changedFields));
    }

    @Override
    public String subject() {
        return accountId;
    }

    /**
     * The value of each changed field now; null for a field that did not change, and for one that was cleared
     * (tell them apart by {@code changedFields}).
     */
    public record NewValues(
            String email,
            String firstName,
            String lastName,
            MailLanguage mailLanguage,
            @JsonPropertyDescription("A size such as 10GB")
            String shareSpaceMax,
            @JsonPropertyDescription("A size such as 50GB")
            String saveSpaceMax,
            VisibilityScope visibilityScope,
            Boolean modificationPrevention,
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
            @JsonPropertyDescription("The new suspension date (field suspensionDate of the command), as an instant; "
                    + "absent while suspensionDate is in changedFields: the date was removed")
            Instant suspensionAt,
            ExpirationMode expirationMode,
            Boolean restrictedRights,
            Boolean preventAutomaticSuspension,
            Boolean admin,
            Permission permission,
            List<String> buckets,
            Integer idleTimeoutMinutes) {

        /** The values of {@code changedFields} (names of {@code account.update.v1}) in {@code account}. */
        public static NewValues of(ValidatedAccount account, List<String> changedFields) {
            return new NewValues(
                    pick(changedFields, "email", account, ValidatedAccount::email),
                    pick(changedFields, "firstName", account, ValidatedAccount::firstName),
                    pick(changedFields, "lastName", account, ValidatedAccount::lastName),
                    pick(changedFields, "mailLanguage", account, ValidatedAccount::mailLanguage),
                    pick(changedFields, "shareSpaceMax", account, a -> text(a.shareSpaceMax())),
                    pick(changedFields, "saveSpaceMax", account, a -> text(a.saveSpaceMax())),
                    pick(changedFields, "visibilityScope", account, ValidatedAccount::visibilityScope),
                    pick(changedFields, "modificationPrevention", account, ValidatedAccount::modificationPrevention),
                    pick(changedFields, "company", account, ValidatedAccount::company),
                    pick(changedFields, "companyDepartment", account, ValidatedAccount::companyDepartment),
                    pick(changedFields, "function", account, ValidatedAccount::function),
                    pick(changedFields, "tfa", account, ValidatedAccount::tfa),
                    pick(changedFields, "city", account, ValidatedAccount::city),
                    pick(changedFields, "address", account, ValidatedAccount::address),
                    pick(changedFields, "zipcode", account, ValidatedAccount::zipcode),
                    pick(changedFields, "country", account, ValidatedAccount::country),
                    pick(changedFields, "phone", account, ValidatedAccount::phone),
                    pick(changedFields, "biography", account, ValidatedAccount::biography),
                    pick(changedFields, "suspensionDate", account, ValidatedAccount::suspensionAt),
                    pick(changedFields, "expirationMode", account, ValidatedAccount::expirationMode),
                    pick(changedFields, "restrictedRights", account, ValidatedAccount::restrictedRights),
                    pick(changedFields, "preventAutomaticSuspension", account,
                            ValidatedAccount::preventAutomaticSuspension),
                    pick(changedFields, "admin", account, ValidatedAccount::admin),
                    pick(changedFields, "permission", account, ValidatedAccount::permission),
                    pick(changedFields, "buckets", account, ValidatedAccount::buckets),
                    pick(changedFields, "idleTimeoutMinutes", account, ValidatedAccount::idleTimeoutMinutes));
        }

        private static <T> T pick(List<String> changedFields, String field, ValidatedAccount account,
                Function<ValidatedAccount, T> value) {
            return changedFields.contains(field) ? value.apply(account) : null;
        }

        private static String text(StorageQuota quota) {
            return quota == null ? null : quota.toString();
        }
    }
}
