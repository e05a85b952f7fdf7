package io.roster.contracts.account;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place the field rules of the Users and Contacts templates live. REST, Kafka commands and imports all
 * call it, so a rule cannot differ between them. Rules that need stored state (licences, uniqueness, the
 * owner's existence, bucket existence) are checked by invite-service after this.
 */
public final class AccountValidator {

    /** The templates' SUSPENSION_DATE format, dd/mm/yyyy/hh:mm; ISO-8601 local date-time is accepted too. */
    public static final DateTimeFormatter TEMPLATE_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu/HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    static final int NAME_MAX = 100;
    static final int EMAIL_MAX = 254;
    static final int TEXT_MAX = 200;
    static final int BIOGRAPHY_MAX = 4000;
    /** Room for a number written with spaces, brackets and its country code; E.164 itself is at most 16. */
    static final int PHONE_MAX = 30;
    /**
     * Dates are read only within these years: ISO-8601 lets a sender write {@code +99999-01-01T00:00}, which no
     * database column holds (it was a 500 over REST and a dead letter on Kafka).
     */
    public static final int YEAR_MIN = 1900;
    public static final int YEAR_MAX = 9999;
    /** An idle session timeout, a user's own or a workspace's: one minute to one day. */
    public static final int IDLE_TIMEOUT_MIN_MINUTES = 1;
    public static final int IDLE_TIMEOUT_MAX_MINUTES = 1440;

    /** The mail languages, for the problem of one that is none of them. */
    private static final String LANGUAGES = "must be one of " + Arrays.stream(MailLanguage.values())
            .map(MailLanguage::code).collect(Collectors.joining(", "));
    /** S3-style bucket names. */
    private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");

    /** What {@link #isBucketName} accepts, for problem messages. */
    public static final String BUCKET_NAME_RULE = "bucket names are 3-63 lowercase letters, digits, dots and hyphens,"
            + " starting and ending with a letter or digit";

    private AccountValidator() {
    }

    /** The bucket-name rule of account and invitation commands; the bucket registry applies the same. */
    public static boolean isBucketName(String name) {
        return name != null && BUCKET.matcher(name).matches();
    }

    public static Result validateUser(CreateUser c, WorkspaceRules ws) {
        Checker k = new Checker();
        String login = k.login("login", c.login(), true);
        AccountStatus status = k.enumValue("status", c.status(), AccountStatus.class, null, true);
        StorageQuota share = k.quota("shareSpaceMax", c.shareSpaceMax(), ws.needsShareSpace(), null);
        StorageQuota save = k.quota("saveSpaceMax", c.saveSpaceMax(), ws.has(Application.SAVE),
                ws.has(Application.SAVE) ? StorageQuota.ONE_GB : null);
        VisibilityScope visibility = k.enumValue("visibilityScope", c.visibilityScope(), VisibilityScope.class,
                ws.needsPublicUsers() ? VisibilityScope.PUBLIC : VisibilityScope.PRIVATE, false);
        if (visibility == VisibilityScope.PRIVATE && ws.needsPublicUsers()) {
            k.problem("visibilityScope", "invalid_value", "must be PUBLIC when Save or Media is enabled");
        }
        Common common = common(k, c.email(), c.firstName(), c.lastName(), c.mailLanguage(), c.company(),
                c.companyDepartment(), c.function(), c.tfa(), c.city(), c.address(), c.zipcode(), c.country(),
                c.phone(), c.biography(), c.suspensionDate(), ws);
        ExpirationMode expiration = k.enumValue("expirationMode", c.expirationMode(), ExpirationMode.class,
                ExpirationMode.DEFAULT, false);
        Permission permission = k.enumValue("permission", c.permission(), Permission.class, Permission.READ_ONLY,
                false);
        List<String> buckets = k.buckets("buckets", c.buckets());
        Integer idleTimeout = k.range("idleTimeoutMinutes", c.idleTimeoutMinutes(), IDLE_TIMEOUT_MIN_MINUTES,
                IDLE_TIMEOUT_MAX_MINUTES);
        if (k.failed()) {
            return Result.invalid(k.problems);
        }
        return Result.valid(new ValidatedAccount(AccountType.USER, login, common.email, common.firstName,
                common.lastName, status, common.language, share, save, visibility, bool(c.modificationPrevention(), false),
                common.company, common.department, common.function, common.tfa, common.city, common.address,
                common.zipcode, common.country, common.phone, common.biography, common.suspensionAt,
                bool(c.creationNotification(), true), expiration, bool(c.restrictedRights(), false),
                bool(c.preventAutomaticSuspension(), false), bool(c.admin(), false), permission, buckets, null,
                idleTimeout));
    }

    public static Result validateContact(CreateContact c, WorkspaceRules ws) {
        Checker k = new Checker();
        String ownerLogin = k.login("ownerLogin", c.ownerLogin(), true);
        k.text("ownerFirstName", c.ownerFirstName(), NAME_MAX, false);
        k.text("ownerLastName", c.ownerLastName(), NAME_MAX, false);
        String login = k.login("login", c.login(), false);
        AccountStatus status = k.enumValue("status", c.status(), AccountStatus.class, null, true);
        if (status == AccountStatus.INACTIVE) {
            k.problem("status", "invalid_value", "a contact is ACTIVE or CLOSED");
        }
        VisibilityScope visibility = k.enumValue("visibilityScope", c.visibilityScope(), VisibilityScope.class,
                null, true);
        Common common = common(k, c.email(), c.firstName(), c.lastName(), c.mailLanguage(), c.company(),
                c.companyDepartment(), c.function(), c.tfa(), c.city(), c.address(), c.zipcode(), c.country(),
                c.phone(), c.biography(), c.suspensionDate(), ws);
        if (k.failed()) {
            return Result.invalid(k.problems);
        }
        return Result.valid(new ValidatedAccount(AccountType.CONTACT, login, common.email, common.firstName,
                common.lastName, status, common.language, null, null, visibility,
                bool(c.modificationPrevention(), false), common.company, common.department, common.function,
                common.tfa, common.city, common.address, common.zipcode, common.country, common.phone,
                common.biography, common.suspensionAt, bool(c.creationNotification(), true), ExpirationMode.DEFAULT,
                false, false, false, null, List.of(), ownerLogin));
    }

    /** A validated invitation request: normalized distinct addresses and the access they get. */
    public record ValidatedInvitation(List<String> emails, boolean admin, Permission permission, List<String> buckets,
            MailLanguage mailLanguage) {
    }

    /** Either a valid invitation request or every problem found. */
    public record InvitationResult(ValidatedInvitation invitation, List<FieldProblem> problems) {

        public boolean isValid() {
            return invitation != null;
        }
    }

    /**
     * The rules of an invitation request that need no stored state: 1..{@code maxAddresses} valid, distinct
     * addresses; a permission (default READ_ONLY); valid bucket names; a mail language (default en).
     */
    public static InvitationResult validateInvitation(InviteUsers c, int maxAddresses) {
        Checker k = new Checker();
        List<String> emails = new ArrayList<>();
        if (c.emails() == null || c.emails().isEmpty()) {
            k.problem("emails", "required", "at least one address is required");
        } else if (c.emails().size() > maxAddresses) {
            k.problem("emails", "too_many", "at most " + maxAddresses + " addresses per invitation request;"
                    + " contact support to invite more at once");
        } else {
            for (int i = 0; i < c.emails().size(); i++) {
                String email = k.email("emails[" + i + "]", c.emails().get(i));
                if (email != null && emails.contains(email)) {
                    k.problem("emails[" + i + "]", "duplicate", email + " is listed twice");
                } else if (email != null) {
                    emails.add(email);
                }
            }
        }
        Permission permission = k.enumValue("permission", c.permission(), Permission.class, Permission.READ_ONLY,
                false);
        List<String> buckets = k.buckets("buckets", c.buckets());
        MailLanguage language = blank(c.mailLanguage()) ? MailLanguage.EN : k.parse("mailLanguage", c.mailLanguage(),
                MailLanguage::fromCode, () -> LANGUAGES);
        if (k.failed()) {
            return new InvitationResult(null, List.copyOf(k.problems));
        }
        return new InvitationResult(new ValidatedInvitation(List.copyOf(emails), bool(c.admin(), false), permission,
                buckets, language), List.of());
    }

    /** Passwords: 10 to 72 bytes (bcrypt's limit), not blank, no control characters. */
    public static List<FieldProblem> validatePassword(String password) {
        Checker k = new Checker();
        if (password == null || password.isBlank()) {
            k.problem("password", "required", "is required");
        } else if (password.length() < 10) {
            k.problem("password", "too_short", "must be at least 10 characters");
        } else if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            k.problem("password", "too_long", "must be at most 72 bytes");
        } else if (TextRules.hasControl(password)) {
            k.problem("password", "control_character", "must not contain control characters");
        }
        return List.copyOf(k.problems);
    }

    /** Parses a SUSPENSION_DATE in either accepted format; empty when it is neither. */
    public static Optional<LocalDateTime> parseSuspensionDate(String value) {
        Optional<LocalDateTime> template = TextRules.templateDate(value.trim());
        if (template != null) {
            return template;
        }
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME, TEMPLATE_DATE)) {
            try {
                return Optional.of(LocalDateTime.parse(value.trim(), f));
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        return Optional.empty();
    }

    private record Common(String email, String firstName, String lastName, MailLanguage language, String company,
            String department, String function, TwoFactorMode tfa, String city, String address, String zipcode,
            String country, String phone, String biography, java.time.Instant suspensionAt) {
    }

    private static Common common(Checker k, String email, String firstName, String lastName, String mailLanguage,
            String company, String department, String function, String tfa, String city, String address,
            String zipcode, String country, String phone, String biography, String suspensionDate,
            WorkspaceRules ws) {
        String normalizedEmail = k.email("email", email);
        String first = k.text("firstName", firstName, NAME_MAX, true);
        String last = k.text("lastName", lastName, NAME_MAX, true);
        MailLanguage language = k.required("mailLanguage", mailLanguage) ? k.parse("mailLanguage", mailLanguage,
                MailLanguage::fromCode, () -> LANGUAGES) : null;
        TwoFactorMode mode = k.enumValue("tfa", tfa, TwoFactorMode.class, TwoFactorMode.NONE, false);
        String phoneNumber = k.text("phone", phone, PHONE_MAX, false);
        if (phoneNumber != null) {
            // One reading for REST, Kafka and imports: E.164, the default country as PhoneNumbers says.
            PhoneNumbers.Reading reading = PhoneNumbers.read(phoneNumber, country, language);
            if (reading instanceof PhoneNumbers.Refused refused) {
                k.problem("phone", refused.code(), refused.message());
                phoneNumber = null;
            } else if (reading instanceof PhoneNumbers.Normalized normalized) {
                phoneNumber = normalized.e164();
                if (mode == TwoFactorMode.SMS && !normalized.reachesSms()) {
                    k.problem("phone", "not_mobile", "is a landline or service number, which cannot receive the"
                            + " SMS codes of two-factor mode SMS: write a mobile number such as "
                            + PhoneNumbers.EXAMPLE + " (was " + FieldProblem.quote(phone.strip()) + ")");
                }
            }
        } else if (mode == TwoFactorMode.SMS && blank(phone)) {
            k.problem("phone", "required", "is required when two-factor mode is SMS");
        }
        java.time.Instant suspensionAt = null;
        if (!blank(suspensionDate)) {
            Optional<LocalDateTime> parsed = parseSuspensionDate(suspensionDate);
            if (parsed.isEmpty()) {
                k.problem("suspensionDate", "invalid_format", "must be dd/mm/yyyy/hh:mm or yyyy-mm-ddThh:mm");
            } else if (parsed.get().getYear() < YEAR_MIN || parsed.get().getYear() > YEAR_MAX) {
                k.problem("suspensionDate", "out_of_range", "must be a date in the years " + YEAR_MIN + " to "
                        + YEAR_MAX);
            } else {
                // Across daylight saving: a local time in a gap (it never shows on the clocks) moves forward by the
                // gap's length (02:30 → 03:30 summer time); one in an overlap (it shows twice) is its first
                // occurrence, the earlier offset. AccountValidatorTest.SuspensionDate tests both.
                suspensionAt = parsed.get().atZone(ws.timeZone()).toInstant();
                if (!suspensionAt.isAfter(ws.now())) {
                    k.problem("suspensionDate", "in_past", "must be in the future");
                }
            }
        }
        return new Common(normalizedEmail, first, last, language, k.text("company", company, TEXT_MAX, false),
                k.text("companyDepartment", department, TEXT_MAX, false),
                k.text("function", function, TEXT_MAX, false), mode, k.text("city", city, TEXT_MAX, false),
                k.text("address", address, TEXT_MAX, false), k.text("zipcode", zipcode, 20, false),
                k.text("country", country, TEXT_MAX, false), phoneNumber, k.biography(biography), suspensionAt);
    }

    private static boolean bool(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Collects every problem of one request instead of stopping at the first. */
    private static final class Checker {
        final List<FieldProblem> problems = new ArrayList<>();

        boolean failed() {
            return !problems.isEmpty();
        }

        void problem(String field, String code, String message) {
            problems.add(new FieldProblem(field, code, message));
        }

        /** An optional whole number within bounds. */
        Integer range(String field, Integer value, int min, int max) {
            if (value != null && (value < min || value > max)) {
                problem(field, "out_of_range", "must be between " + min + " and " + max);
                return null;
            }
            return value;
        }

        boolean required(String field, String value) {
            if (blank(value)) {
                problem(field, "required", "is required");
                return false;
            }
            return true;
        }

        String text(String field, String value, int max, boolean required) {
            if (blank(value)) {
                if (required) {
                    problem(field, "required", "is required");
                }
                return null;
            }
            String trimmed = value.strip();
            if (TextRules.hasControl(trimmed)) {
                problem(field, "control_character", "must not contain line breaks or control characters");
                return null;
            }
            if (trimmed.length() > max) {
                problem(field, "too_long", "must be at most " + max + " characters");
                return null;
            }
            return trimmed;
        }

        String biography(String value) {
            if (blank(value)) {
                return null;
            }
            String trimmed = value.strip();
            if (TextRules.hasControlButLines(trimmed)) {
                problem("biography", "control_character", "must not contain control characters");
                return null;
            }
            if (trimmed.length() > BIOGRAPHY_MAX) {
                problem("biography", "too_long", "must be at most " + BIOGRAPHY_MAX + " characters");
                return null;
            }
            return trimmed;
        }

        String email(String field, String value) {
            String text = text(field, value, EMAIL_MAX, true);
            if (text != null && !TextRules.isEmail(text)) {
                problem(field, "invalid_format", "must be an email address such as ada@example.com");
                return null;
            }
            return text == null ? null : text.toLowerCase(Locale.ROOT);
        }

        String login(String field, String value, boolean required) {
            String text = text(field, value, 128, required);
            if (text != null && !TextRules.isLogin(text)) {
                problem(field, "invalid_format",
                        "must be like lastname.firstname, firstname.lastname or firstname.lastname@company.com");
                return null;
            }
            return text == null ? null : text.toLowerCase(Locale.ROOT);
        }

        <E extends Enum<E>> E enumValue(String field, String value, Class<E> type, E fallback, boolean required) {
            if (blank(value)) {
                if (required) {
                    problem(field, "required", "is required");
                }
                return fallback;
            }
            return parse(field, value, v -> {
                try {
                    return Optional.of(Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }, () -> "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")));
        }

        /** @param expectation what the value must be, for the problem: built only when there is one */
        <T> T parse(String field, String value, Function<String, Optional<T>> parser, Supplier<String> expectation) {
            if (TextRules.hasControl(value)) {
                problem(field, "control_character", "must not contain line breaks or control characters");
                return null;
            }
            Optional<T> parsed = parser.apply(value);
            if (parsed.isEmpty()) {
                problem(field, "invalid_value", expectation.get() + " (was " + FieldProblem.quote(value.strip())
                        + ")");
            }
            return parsed.orElse(null);
        }

        StorageQuota quota(String field, String value, boolean required, StorageQuota minimum) {
            if (blank(value)) {
                if (required) {
                    problem(field, "required", "is required for the applications enabled on this workspace");
                }
                return null;
            }
            StorageQuota quota = parse(field, value, StorageQuota::parse, () -> "must be a size such as 10GB or 500KB");
            if (quota != null && minimum != null && quota.bytes() < minimum.bytes()) {
                problem(field, "too_small", "must be at least " + minimum + " when Save is enabled");
                return null;
            }
            return quota;
        }

        List<String> buckets(String field, List<String> values) {
            if (values == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (String value : values) {
                if (value == null || !BUCKET.matcher(value).matches()) {
                    problem(field, "invalid_value", "bucket names are 3-63 lowercase letters, digits, dots and"
                            + " hyphens (was " + FieldProblem.quote(value) + ")");
                } else if (!names.contains(value)) {
                    names.add(value);
                }
            }
            return List.copyOf(names);
        }
    }

    /** Either a valid account or every problem found. */
    public record Result(ValidatedAccount account, List<FieldProblem> problems) {

        static Result valid(ValidatedAccount account) {
            return new Result(account, List.of());
        }

        static Result invalid(List<FieldProblem> problems) {
            return new Result(null, List.copyOf(problems));
        }

        public boolean isValid() {
            return account != null;
        }
    }
}
