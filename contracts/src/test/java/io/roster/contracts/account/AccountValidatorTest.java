package io.roster.contracts.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of the Users and Contacts templates (shared/seeds/004: "Creating new accounts"), as
 * {@link AccountValidator} applies them to REST, Kafka and import requests alike.
 */
class AccountValidatorTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    /** No application that changes the rules (e.g. Oodrive Sign only). */
    static final WorkspaceRules PLAIN = rules();

    static WorkspaceRules rules(Application... applications) {
        Set<Application> set = EnumSet.noneOf(Application.class);
        set.addAll(Arrays.asList(applications));
        return new WorkspaceRules(set, PARIS, NOW);
    }

    // ---- request builders: the minimal valid row, with some fields replaced -----------------------------------

    /** The required columns of the Users template, nothing else. */
    static CreateUser user(Object... fieldValuePairs) {
        return build(CreateUser.class, with(Map.of("login", "ada.lovelace", "email", "ada.lovelace@acme.example",
                "firstName", "Ada", "lastName", "Lovelace", "status", "ACTIVE", "mailLanguage", "en"),
                fieldValuePairs));
    }

    /** The required columns of the Contacts template, nothing else. */
    static CreateContact contact(Object... fieldValuePairs) {
        return build(CreateContact.class, with(Map.of("ownerLogin", "ada.lovelace", "email",
                "charles.babbage@partner.example", "firstName", "Charles", "lastName", "Babbage", "status", "ACTIVE",
                "visibilityScope", "PUBLIC", "mailLanguage", "fr"), fieldValuePairs));
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... fieldValuePairs) {
        Map<String, Object> values = new HashMap<>(base);
        for (int i = 0; i < fieldValuePairs.length; i += 2) {
            values.put((String) fieldValuePairs[i], fieldValuePairs[i + 1]);
        }
        return values;
    }

    private static <R extends Record> R build(Class<R> type, Map<String, Object> values) {
        RecordComponent[] components = type.getRecordComponents();
        List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
        assertThat(names).as("fields of %s", type.getSimpleName()).containsAll(values.keySet());
        Object[] arguments = Arrays.stream(components).map(c -> values.get(c.getName())).toArray();
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return type.getDeclaredConstructor(parameterTypes).newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- result helpers ----------------------------------------------------------------------------------------

    /** Problems as {@code field:code}, the stable part a requester reads. */
    static List<String> problems(AccountValidator.Result result) {
        return codes(result.problems());
    }

    static List<String> codes(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + ":" + p.code()).toList();
    }

    static ValidatedAccount valid(AccountValidator.Result result) {
        assertThat(result.problems()).as("problems").isEmpty();
        assertThat(result.isValid()).isTrue();
        return result.account();
    }

    static List<String> userProblems(WorkspaceRules rules, Object... fieldValuePairs) {
        AccountValidator.Result result = AccountValidator.validateUser(user(fieldValuePairs), rules);
        assertThat(result.isValid()).isEqualTo(result.problems().isEmpty());
        return problems(result);
    }

    static List<String> contactProblems(WorkspaceRules rules, Object... fieldValuePairs) {
        AccountValidator.Result result = AccountValidator.validateContact(contact(fieldValuePairs), rules);
        assertThat(result.isValid()).isEqualTo(result.problems().isEmpty());
        return problems(result);
    }

    // ============================================================================================================

    @Nested
    class Users {

        @Test
        void theRequiredColumnsAloneMakeAValidUserWithTheDefaults() {
            ValidatedAccount a = valid(AccountValidator.validateUser(user(), PLAIN));
            assertThat(a.type()).isEqualTo(AccountType.USER);
            assertThat(a.login()).isEqualTo("ada.lovelace");
            assertThat(a.email()).isEqualTo("ada.lovelace@acme.example");
            assertThat(a.firstName()).isEqualTo("Ada");
            assertThat(a.lastName()).isEqualTo("Lovelace");
            assertThat(a.status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(a.mailLanguage()).isEqualTo(MailLanguage.EN);
            assertThat(a.creationNotification()).as("CREATION_NOTIFICATION defaults to YES").isTrue();
            assertThat(a.permission()).isEqualTo(Permission.READ_ONLY);
            assertThat(a.expirationMode()).isEqualTo(ExpirationMode.DEFAULT);
            assertThat(a.tfa()).isEqualTo(TwoFactorMode.NONE);
            assertThat(a.visibilityScope()).isEqualTo(VisibilityScope.PRIVATE);
            assertThat(a.modificationPrevention()).isFalse();
            assertThat(a.restrictedRights()).isFalse();
            assertThat(a.preventAutomaticSuspension()).isFalse();
            assertThat(a.admin()).isFalse();
            assertThat(a.buckets()).isEmpty();
            assertThat(a.shareSpaceMax()).isNull();
            assertThat(a.saveSpaceMax()).isNull();
            assertThat(a.suspensionAt()).isNull();
            assertThat(a.ownerLogin()).isNull();
            assertThat(a.company()).isNull();
            assertThat(a.biography()).isNull();
        }

        @Test
        void everyColumnFilledIsKeptNormalized() {
            ValidatedAccount a = valid(AccountValidator.validateUser(user(
                    "login", " Ada.Lovelace ", "email", "Ada.Lovelace@ACME.example", "firstName", " Ada ",
                    "status", "inactive", "mailLanguage", "PT - BR", "shareSpaceMax", "10 gb", "saveSpaceMax", "2TB",
                    "visibilityScope", "public", "modificationPrevention", true, "company", "Acme",
                    "companyDepartment", "Engineering", "function", "Analyst", "tfa", "sms", "city", "London",
                    "address", "12 St James Square", "zipcode", "SW1Y 4JH", "country", "United Kingdom",
                    "phone", "+44 7400 123456", "biography", "Writes the first programs.\nLikes engines.",
                    "suspensionDate", "31/12/2030/18:00", "creationNotification", false, "expirationMode",
                    "disabled", "restrictedRights", true, "preventAutomaticSuspension", true, "admin", true,
                    "permission", "read_write", "buckets", List.of("reports", "archive", "reports")),
                    rules(Application.values())));
            assertThat(a.login()).isEqualTo("ada.lovelace");
            assertThat(a.email()).isEqualTo("ada.lovelace@acme.example");
            assertThat(a.firstName()).isEqualTo("Ada");
            assertThat(a.status()).isEqualTo(AccountStatus.INACTIVE);
            assertThat(a.mailLanguage()).isEqualTo(MailLanguage.PT_BR);
            assertThat(a.shareSpaceMax()).isEqualTo(new StorageQuota(10, StorageQuota.Unit.GB));
            assertThat(a.saveSpaceMax()).isEqualTo(new StorageQuota(2, StorageQuota.Unit.TB));
            assertThat(a.visibilityScope()).isEqualTo(VisibilityScope.PUBLIC);
            assertThat(a.modificationPrevention()).isTrue();
            assertThat(a.companyDepartment()).isEqualTo("Engineering");
            assertThat(a.tfa()).isEqualTo(TwoFactorMode.SMS);
            assertThat(a.phone()).as("E.164").isEqualTo("+447400123456");
            assertThat(a.biography()).isEqualTo("Writes the first programs.\nLikes engines.");
            assertThat(a.suspensionAt()).isEqualTo(Instant.parse("2030-12-31T17:00:00Z"));
            assertThat(a.creationNotification()).isFalse();
            assertThat(a.expirationMode()).isEqualTo(ExpirationMode.DISABLED);
            assertThat(a.restrictedRights()).isTrue();
            assertThat(a.preventAutomaticSuspension()).isTrue();
            assertThat(a.admin()).isTrue();
            assertThat(a.permission()).isEqualTo(Permission.READ_WRITE);
            assertThat(a.buckets()).as("duplicates dropped, order kept").containsExactly("reports", "archive");
        }

        @ParameterizedTest
        @ValueSource(strings = {"lastName", "firstName", "email", "status", "login", "mailLanguage"})
        void aRequiredColumnMissingIsReportedOnItsField(String field) {
            assertThat(userProblems(PLAIN, field, null)).containsExactly(field + ":required");
            assertThat(userProblems(PLAIN, field, "")).containsExactly(field + ":required");
            assertThat(userProblems(PLAIN, field, "  \t ")).containsExactly(field + ":required");
        }

        @Test
        void everyProblemIsReportedAtOnceNotOnlyTheFirst() {
            assertThat(userProblems(PLAIN, "lastName", null, "firstName", null, "email", null, "status", null,
                    "login", null, "mailLanguage", null)).containsExactlyInAnyOrder("lastName:required",
                    "firstName:required", "email:required", "status:required", "login:required",
                    "mailLanguage:required");

            List<String> problems = userProblems(rules(Application.SAVE, Application.WORK),
                    "login", "ada lovelace", "email", "ada@", "firstName", "Ada\r\nBcc: eve@evil.example",
                    "status", "SUSPENDED", "mailLanguage", "english", "saveSpaceMax", "500MB",
                    "visibilityScope", "PRIVATE", "tfa", "SMS", "suspensionDate", "01/01/2020/00:00",
                    "expirationMode", "NEVER", "permission", "ALL", "buckets", List.of("Bad_Bucket"),
                    "biography", "bell\u0007");
            assertThat(problems).containsExactlyInAnyOrder("login:invalid_format", "status:invalid_value",
                    "shareSpaceMax:required", "saveSpaceMax:too_small", "visibilityScope:invalid_value",
                    "email:invalid_format", "firstName:control_character", "mailLanguage:invalid_value",
                    "phone:required", "suspensionDate:in_past", "biography:control_character",
                    "expirationMode:invalid_value", "permission:invalid_value", "buckets:invalid_value");
        }

        @Test
        void aRejectedRequestCarriesNoAccountAndReadableMessages() {
            AccountValidator.Result result = AccountValidator.validateUser(user("status", "SUSPENDED"), PLAIN);
            assertThat(result.isValid()).isFalse();
            assertThat(result.account()).isNull();
            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("status");
                assertThat(p.code()).isEqualTo("invalid_value");
                assertThat(p.message()).isEqualTo("must be one of ACTIVE, INACTIVE, CLOSED (was 'SUSPENDED')");
            });
            assertThat(result.problems()).isUnmodifiable();
        }

        @ParameterizedTest
        @CsvSource({"ACTIVE, ACTIVE", "INACTIVE, INACTIVE", "CLOSED, CLOSED", "active, ACTIVE", "' Closed ', CLOSED"})
        void theThreeStatuses(String status, AccountStatus expected) {
            assertThat(valid(AccountValidator.validateUser(user("status", status), PLAIN)).status())
                    .isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"OPEN", "SUSPENDED", "DISABLED", "0", "ACTIVE CLOSED"})
        void anyOtherStatusIsRefused(String status) {
            assertThat(userProblems(PLAIN, "status", status)).containsExactly("status:invalid_value");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ada.lovelace", "lovelace.ada", "ada.lovelace@acme.example", "o'brien.conan",
                "ada_lovelace", "ada-lovelace", "ada+test@acme.example", "zoë.müller", "李.小龙", "a1"})
        void loginFormats(String login) {
            assertThat(valid(AccountValidator.validateUser(user("login", login), PLAIN)).login()).isEqualTo(login);
        }

        @Test
        void theLoginIsLowerCased() {
            assertThat(valid(AccountValidator.validateUser(user("login", "Ada.Lovelace@Acme.Example"), PLAIN))
                    .login()).isEqualTo("ada.lovelace@acme.example");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a", ".ada", "-ada", "ada lovelace", "ada/lovelace", "ada;lovelace", "ada,lovelace",
                "<ada>", "ada\"lovelace"})
        void malformedLogins(String login) {
            assertThat(userProblems(PLAIN, "login", login)).containsExactly("login:invalid_format");
        }

        @Test
        void loginLength() {
            assertThat(userProblems(PLAIN, "login", "a".repeat(128))).isEmpty();
            assertThat(userProblems(PLAIN, "login", "a".repeat(129))).containsExactly("login:too_long");
        }

        @Test
        void theEmailIsTrimmedAndLowerCased() {
            assertThat(valid(AccountValidator.validateUser(user("email", "  Ada.Lovelace@ACME.Example "), PLAIN))
                    .email()).isEqualTo("ada.lovelace@acme.example");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ada", "ada@", "@acme.example", "ada@acme", "ada lovelace@acme.example",
                "ada@acme..example", "ada@-acme.example", "ada@acme.example.", "ada@@acme.example",
                "Ada Lovelace <ada@acme.example>", "ada@acme.example,eve@evil.example"})
        void malformedEmails(String email) {
            assertThat(userProblems(PLAIN, "email", email)).containsExactly("email:invalid_format");
        }

        @Test
        void emailLength() {
            String local = "a".repeat(64);
            String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(53) + ".example";
            assertThat((local + "@" + domain).length()).isEqualTo(254);
            assertThat(userProblems(PLAIN, "email", local + "@" + domain)).isEmpty();
            assertThat(userProblems(PLAIN, "email", local + "a@" + domain)).containsExactly("email:too_long");
        }

        @Test
        void nameLength() {
            assertThat(userProblems(PLAIN, "firstName", "A".repeat(100), "lastName", "L".repeat(100))).isEmpty();
            assertThat(userProblems(PLAIN, "firstName", "A".repeat(101), "lastName", "L".repeat(101)))
                    .containsExactly("firstName:too_long", "lastName:too_long");
            assertThat(userProblems(PLAIN, "company", "C".repeat(201), "zipcode", "1".repeat(21)))
                    .containsExactlyInAnyOrder("company:too_long", "zipcode:too_long");
        }

        @Test
        void namesKeepTheirCaseAndInnerSpaces() {
            ValidatedAccount a = valid(AccountValidator.validateUser(user("firstName", " Jean Pierre ",
                    "lastName", "de La Fontaine-O'Neil"), PLAIN));
            assertThat(a.firstName()).isEqualTo("Jean Pierre");
            assertThat(a.lastName()).isEqualTo("de La Fontaine-O'Neil");
        }
    }

    // ============================================================================================================

    @Nested
    class MailLanguages {

        @ParameterizedTest
        @EnumSource(MailLanguage.class)
        void allTenLanguagesByTheirCode(MailLanguage language) {
            assertThat(valid(AccountValidator.validateUser(user("mailLanguage", language.code()), PLAIN))
                    .mailLanguage()).isEqualTo(language);
            assertThat(valid(AccountValidator.validateContact(contact("mailLanguage", language.code()), PLAIN))
                    .mailLanguage()).isEqualTo(language);
        }

        @Test
        void theTenCodesOfTheTemplates() {
            assertThat(Arrays.stream(MailLanguage.values()).map(MailLanguage::code))
                    .containsExactly("en", "fr", "de", "nl", "es", "it", "pt-br", "zh-cn", "ja", "th");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"EN|EN", "Fr|FR", "' de '|DE", "pt - br|PT_BR", "PT - BR|PT_BR",
                "pt-BR|PT_BR", "pt_br|PT_BR", "zh - cn|ZH_CN", "ZH_CN|ZH_CN", "JA|JA", "Th|TH"})
        void caseAndSpacesAsTheTemplatesWriteThemAreTolerated(String written, MailLanguage expected) {
            assertThat(valid(AccountValidator.validateUser(user("mailLanguage", written), PLAIN)).mailLanguage())
                    .isEqualTo(expected);
        }

        /** "to", "of" and "are" are the seed page's machine translation of fr, de and es, not codes. */
        @ParameterizedTest
        @ValueSource(strings = {"to", "of", "are", "english", "en-gb", "pt", "zh", "jp", "xx"})
        void anythingElseIsRefusedNamingTheCodes(String written) {
            AccountValidator.Result result = AccountValidator.validateUser(user("mailLanguage", written), PLAIN);
            assertThat(problems(result)).containsExactly("mailLanguage:invalid_value");
            assertThat(result.problems().get(0).message())
                    .isEqualTo("must be one of en, fr, de, nl, es, it, pt-br, zh-cn, ja, th (was '" + written + "')");
        }
    }

    // ============================================================================================================

    @Nested
    class StorageQuotas {

        @ParameterizedTest
        @CsvSource({"10GB, 10, GB", "500KB, 500, KB", "500 KB, 500, KB", "10gb, 10, GB", "' 2 tb ', 2, TB",
                "512MB, 512, MB", "0GB, 0, GB"})
        void format(String written, long amount, StorageQuota.Unit unit) {
            ValidatedAccount a = valid(AccountValidator.validateUser(user("shareSpaceMax", written), PLAIN));
            assertThat(a.shareSpaceMax()).isEqualTo(new StorageQuota(amount, unit));
        }

        @ParameterizedTest
        @ValueSource(strings = {"10", "GB", "10 G", "10GO", "1.5GB", "1,5GB", "-1GB", "ten GB", "10 GB ram",
                "1000000000000GB", "999999999999TB", "9000000TB"})
        void malformedOrOverflowingSizesAreRefused(String written) {
            assertThat(userProblems(PLAIN, "shareSpaceMax", written, "saveSpaceMax", written))
                    .containsExactly("shareSpaceMax:invalid_value", "saveSpaceMax:invalid_value");
            assertThat(userProblems(rules(Application.SAVE), "saveSpaceMax", written))
                    .as("no ArithmeticException when comparing with the 1 GB minimum")
                    .containsExactly("saveSpaceMax:invalid_value");
        }

        @Test
        void unitsAreBinary() {
            assertThat(StorageQuota.parse("1KB").orElseThrow().bytes()).isEqualTo(1024);
            assertThat(StorageQuota.parse("1GB").orElseThrow().bytes()).isEqualTo(1L << 30);
            assertThat(StorageQuota.parse("8388607TB").orElseThrow().bytes()).isEqualTo(8388607L << 40);
            assertThat(StorageQuota.parse("8388608TB")).isEmpty();
            assertThat(StorageQuota.parse("10 gb").orElseThrow()).hasToString("10GB");
        }

        @Test
        void saveSpaceMaxIsRequiredWhenSaveIsEnabled() {
            assertThat(userProblems(rules(Application.SAVE))).containsExactly("saveSpaceMax:required");
            assertThat(userProblems(rules(Application.SAVE), "saveSpaceMax", " ")).containsExactly(
                    "saveSpaceMax:required");
            assertThat(userProblems(PLAIN)).isEmpty();
            assertThat(userProblems(rules(Application.MEDIA, Application.SIGN))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1GB", "1024MB", "1048576KB", "50GB", "1TB"})
        void saveSpaceMaxOfAtLeastOneGigabyte(String written) {
            assertThat(userProblems(rules(Application.SAVE), "saveSpaceMax", written)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0GB", "1023MB", "1048575KB", "500KB", "999MB"})
        void saveSpaceMaxBelowOneGigabyteIsRefusedWhenSaveIsEnabled(String written) {
            AccountValidator.Result result = AccountValidator.validateUser(user("saveSpaceMax", written),
                    rules(Application.SAVE));
            assertThat(problems(result)).containsExactly("saveSpaceMax:too_small");
            assertThat(result.problems().get(0).message()).isEqualTo("must be at least 1GB when Save is enabled");
            assertThat(userProblems(PLAIN, "saveSpaceMax", written)).as("without Save there is no minimum")
                    .isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = Application.class, names = {"WORK", "WORK_SHARE", "MEET"})
        void shareSpaceMaxIsRequiredForWorkWorkShareAndMeet(Application application) {
            assertThat(userProblems(rules(application))).containsExactly("shareSpaceMax:required");
            assertThat(userProblems(rules(application), "shareSpaceMax", "10GB")).isEmpty();
            assertThat(userProblems(rules(application), "shareSpaceMax", "500KB")).as("no minimum").isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = Application.class, names = {"SAVE", "MEDIA", "SIGN"})
        void shareSpaceMaxMayBeBlankOtherwise(Application application) {
            assertThat(userProblems(rules(application), "saveSpaceMax", "1GB", "visibilityScope", "PUBLIC"))
                    .isEmpty();
        }

        @Test
        void bothAreReportedTogether() {
            assertThat(userProblems(rules(Application.SAVE, Application.MEET))).containsExactly(
                    "shareSpaceMax:required", "saveSpaceMax:required");
        }
    }

    // ============================================================================================================

    @Nested
    class Visibility {

        @ParameterizedTest
        @EnumSource(value = Application.class, names = {"SAVE", "MEDIA"})
        void mustBePublicWithSaveOrMedia(Application application) {
            WorkspaceRules rules = rules(application);
            AccountValidator.Result result = AccountValidator.validateUser(user("saveSpaceMax", "1GB",
                    "visibilityScope", "PRIVATE"), rules);
            assertThat(problems(result)).containsExactly("visibilityScope:invalid_value");
            assertThat(result.problems().get(0).message()).isEqualTo("must be PUBLIC when Save or Media is enabled");
            assertThat(valid(AccountValidator.validateUser(user("saveSpaceMax", "1GB"), rules)).visibilityScope())
                    .as("blank means PUBLIC there").isEqualTo(VisibilityScope.PUBLIC);
            assertThat(valid(AccountValidator.validateUser(user("saveSpaceMax", "1GB", "visibilityScope", "public"),
                    rules)).visibilityScope()).isEqualTo(VisibilityScope.PUBLIC);
        }

        @Test
        void eitherOtherwiseAndPrivateByDefault() {
            assertThat(valid(AccountValidator.validateUser(user(), PLAIN)).visibilityScope())
                    .isEqualTo(VisibilityScope.PRIVATE);
            WorkspaceRules work = rules(Application.WORK);
            assertThat(valid(AccountValidator.validateUser(user("shareSpaceMax", "1GB"), work)).visibilityScope())
                    .isEqualTo(VisibilityScope.PRIVATE);
            assertThat(valid(AccountValidator.validateUser(user("shareSpaceMax", "1GB", "visibilityScope",
                    "PUBLIC"), work)).visibilityScope()).isEqualTo(VisibilityScope.PUBLIC);
            assertThat(valid(AccountValidator.validateUser(user("shareSpaceMax", "1GB", "visibilityScope",
                    "PRIVATE"), work)).visibilityScope()).isEqualTo(VisibilityScope.PRIVATE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"HIDDEN", "VISIBLE", "YES", "PUBLIC/PRIVATE"})
        void onlyPublicOrPrivate(String written) {
            assertThat(userProblems(PLAIN, "visibilityScope", written)).containsExactly(
                    "visibilityScope:invalid_value");
            assertThat(userProblems(rules(Application.MEDIA), "visibilityScope", written))
                    .as("one problem, not a second 'must be PUBLIC'").containsExactly("visibilityScope:invalid_value");
        }
    }

    // ============================================================================================================

    @Nested
    class TwoFactor {

        @ParameterizedTest
        @CsvSource({"TOTP, TOTP", "NONE, NONE", "FIDO2, FIDO2", "totp, TOTP", "' fido2 ', FIDO2"})
        void theFourModes(String written, TwoFactorMode expected) {
            assertThat(valid(AccountValidator.validateUser(user("tfa", written), PLAIN)).tfa()).isEqualTo(expected);
            assertThat(valid(AccountValidator.validateContact(contact("tfa", written), PLAIN)).tfa())
                    .isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"YUBIKEY", "OTP", "PASSWORD", "2FA", "TOTP/SMS"})
        void anyOtherModeIsRefused(String written) {
            assertThat(userProblems(PLAIN, "tfa", written)).containsExactly("tfa:invalid_value");
        }

        @Test
        void smsNeedsAPhoneNumber() {
            AccountValidator.Result result = AccountValidator.validateUser(user("tfa", "SMS"), PLAIN);
            assertThat(problems(result)).containsExactly("phone:required");
            assertThat(result.problems().get(0).message()).isEqualTo("is required when two-factor mode is SMS");
            assertThat(userProblems(PLAIN, "tfa", "sms", "phone", " ")).containsExactly("phone:required");
            assertThat(contactProblems(PLAIN, "tfa", "SMS")).containsExactly("phone:required");

            ValidatedAccount a = valid(AccountValidator.validateUser(user("tfa", "SMS", "phone", "+33 6 12 34 56 78"),
                    PLAIN));
            assertThat(a.tfa()).isEqualTo(TwoFactorMode.SMS);
            assertThat(a.phone()).isEqualTo("+33612345678");
            assertThat(userProblems(PLAIN, "tfa", "TOTP")).as("other modes need no phone").isEmpty();
        }

        @Test
        void smsNeedsANumberThatReceivesThem() {
            AccountValidator.Result landline = AccountValidator.validateUser(user("tfa", "SMS", "phone",
                    "+33 1 42 68 53 00"), PLAIN);
            assertThat(problems(landline)).containsExactly("phone:not_mobile");
            assertThat(landline.problems().get(0).message()).contains("landline", "+33 6 12 34 56 78");
            assertThat(valid(AccountValidator.validateUser(user("phone", "+33 1 42 68 53 00"), PLAIN)).phone())
                    .as("a landline is a phone number all the same").isEqualTo("+33142685300");
            assertThat(userProblems(PLAIN, "tfa", "SMS", "phone", "+1 650 253 0000"))
                    .as("North American numbers do not say whether they are mobile").isEmpty();
        }
    }

    // ============================================================================================================

    /**
     * PHONE through libphonenumber: stored in E.164; a number without {@code +} read in the account's COUNTRY, else
     * in its mail language's country, else refused.
     */
    @Nested
    class Phone {

        private String phone(Object... fieldValuePairs) {
            return valid(AccountValidator.validateUser(user(fieldValuePairs), PLAIN)).phone();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "+33 6 12 34 56 78      | +33612345678",
                "+33 (0)6 12 34 56 78   | +33612345678",
                "+33.6.12.34.56.78      | +33612345678",
                "+1 (650) 253-0000      | +16502530000",
                "+44 7400 123456        | +447400123456",
                "+49 1512 3456789       | +4915123456789",
                "+81 90-1234-5678       | +819012345678"})
        void aNumberWithItsCountryCodeIsStoredInE164(String written, String e164) {
            assertThat(phone("phone", written)).isEqualTo(e164);
            assertThat(phone("phone", written, "country", "Japan", "mailLanguage", "th"))
                    .as("the + wins over COUNTRY and mail language").isEqualTo(e164);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "06 12 34 56 78 | France         | en    | +33612345678",
                "06.12.34.56.78 | FR             | en    | +33612345678",
                "0612345678     | fra            | en    | +33612345678",
                "612345678      | France         | en    | +33612345678",
                "0612345678     |                | fr    | +33612345678",
                "07400 123456   | United Kingdom | fr    | +447400123456",
                "07400 123456   | uk             | fr    | +447400123456",
                "01512 3456789  | Deutschland    | en    | +4915123456789",
                "01512 3456789  | Allemagne      | en    | +4915123456789",
                "01512 3456789  |                | de    | +4915123456789",
                "(11) 91234-5678|                | pt-br | +5511912345678",
                "090-1234-5678  | 日本            | en    | +819012345678",
                "33612345678    | France         | en    | +33612345678"})
        void aNumberWithoutItIsReadInTheAccountsCountryElseItsMailLanguagesCountry(String written, String country,
                String language, String e164) {
            assertThat(phone("phone", written, "country", country, "mailLanguage", language)).isEqualTo(e164);
        }

        @Test
        void withoutACountryToReadItInItIsRefusedWithWhatToWrite() {
            AccountValidator.Result result = AccountValidator.validateUser(user("phone", "06 12 34 56 78",
                    "mailLanguage", "en", "country", "Atlantis"), PLAIN);
            assertThat(problems(result)).containsExactly("phone:invalid_format");
            assertThat(result.problems().get(0).message()).isEqualTo("must start with + and the country code, such"
                    + " as +33 6 12 34 56 78 (without it the number is read in the account's COUNTRY or the country"
                    + " of its mail language, and neither names one; was '06 12 34 56 78')");
        }

        @Test
        void aNumberThatIsNotOneOfItsCountryIsRefused() {
            AccountValidator.Result result = AccountValidator.validateUser(user("phone", "06 12 34", "country",
                    "France"), PLAIN);
            assertThat(problems(result)).containsExactly("phone:invalid_format");
            assertThat(result.problems().get(0).message()).isEqualTo("is not a valid phone number in France (read"
                    + " there because it has no country code): write the mobile number with its country code, such"
                    + " as +33 6 12 34 56 78 (was '06 12 34')");
            assertThat(userProblems(PLAIN, "phone", "+33 6 12 34 56 78 90")).containsExactly("phone:invalid_format");
            assertThat(userProblems(PLAIN, "phone", "+999 12345678")).as("no such country code")
                    .containsExactly("phone:invalid_format");
        }

        @ParameterizedTest
        @ValueSource(strings = {"call me", "12345", "+33 6 12 34 56 78 ext 9", "++33612345678", "0612345678x",
                "+1-800-FLOWERS", "+33 6 12 34 56 78 / 79a"})
        void malformedPhones(String phone) {
            assertThat(userProblems(PLAIN, "phone", phone)).containsExactly("phone:invalid_format");
            assertThat(userProblems(PLAIN, "phone", phone, "tfa", "SMS"))
                    .as("a wrong number is reported as such, not as missing").containsExactly("phone:invalid_format");
            assertThat(contactProblems(PLAIN, "phone", phone)).containsExactly("phone:invalid_format");
        }

        @Test
        void contactsToo() {
            assertThat(valid(AccountValidator.validateContact(contact("phone", "06 55 44 33 22"), PLAIN)).phone())
                    .as("the contact's mail language is fr").isEqualTo("+33655443322");
        }
    }

    // ============================================================================================================

    @Nested
    class SuspensionDate {

        @ParameterizedTest
        @CsvSource({"31/12/2030/18:00, 2030-12-31T17:00:00Z", "2030-12-31T18:00, 2030-12-31T17:00:00Z",
                "2030-12-31T18:00:30, 2030-12-31T17:00:30Z", "30/06/2030/18:00, 2030-06-30T16:00:00Z",
                "2030-06-30T18:00, 2030-06-30T16:00:00Z", "' 01/01/2027/00:00 ', 2026-12-31T23:00:00Z",
                "23/11/2026/10:01, 2026-11-23T09:01:00Z"})
        void bothFormatsAreReadInTheWorkspaceZone(String written, Instant expected) {
            assertThat(valid(AccountValidator.validateUser(user("suspensionDate", written), PLAIN)).suspensionAt())
                    .isEqualTo(expected);
            assertThat(valid(AccountValidator.validateContact(contact("suspensionDate", written), PLAIN))
                    .suspensionAt()).isEqualTo(expected);
        }

        @Test
        void theSameWallClockTimeIsAnotherInstantInAnotherZone() {
            WorkspaceRules tokyo = new WorkspaceRules(Set.of(), ZoneId.of("Asia/Tokyo"), NOW);
            WorkspaceRules newYork = new WorkspaceRules(Set.of(), ZoneId.of("America/New_York"), NOW);
            assertThat(valid(AccountValidator.validateUser(user("suspensionDate", "31/12/2030/18:00"), tokyo))
                    .suspensionAt()).isEqualTo(Instant.parse("2030-12-31T09:00:00Z"));
            assertThat(valid(AccountValidator.validateUser(user("suspensionDate", "31/12/2030/18:00"), newYork))
                    .suspensionAt()).isEqualTo(Instant.parse("2030-12-31T23:00:00Z"));
        }

        /**
         * Daylight saving in the workspace's zone (Paris, 2030: 02:00 → 03:00 on 31 March, 03:00 → 02:00 on 27
         * October). A time that does not exist is the same time after the change: 02:30 is 03:30 summer time, the
         * minute the clocks read once the gap has passed. A time that exists twice is its first occurrence, in summer
         * time: the account is suspended at the earlier of the two, never later than the admin wrote.
         */
        @ParameterizedTest
        @CsvSource({"31/03/2030/02:30, 2030-03-31T01:30:00Z", "31/03/2030/02:00, 2030-03-31T01:00:00Z",
                "31/03/2030/01:59, 2030-03-31T00:59:00Z", "31/03/2030/03:00, 2030-03-31T01:00:00Z",
                "27/10/2030/02:30, 2030-10-27T00:30:00Z", "27/10/2030/01:59, 2030-10-26T23:59:00Z",
                "27/10/2030/03:00, 2030-10-27T02:00:00Z"})
        void aTimeInADaylightSavingGapIsTheSameTimeAfterItAndOneInAnOverlapItsFirstOccurrence(String written,
                Instant expected) {
            assertThat(valid(AccountValidator.validateUser(user("suspensionDate", written), PLAIN)).suspensionAt())
                    .isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"23/11/2026/10:00", "2026-11-23T10:00", "01/01/2020/00:00", "22/11/2026/23:59",
                "2026-11-23T09:59:59"})
        void mustLieInTheFuture(String written) {
            // NOW is 10:00 in Paris: the exact instant is not in the future either.
            assertThat(userProblems(PLAIN, "suspensionDate", written)).containsExactly("suspensionDate:in_past");
            assertThat(contactProblems(PLAIN, "suspensionDate", written)).containsExactly("suspensionDate:in_past");
        }

        @ParameterizedTest
        @ValueSource(strings = {"31/12/2030", "2030-12-31", "31/12/2030 18:00", "31-12-2030/18:00",
                "12/31/2030/18:00", "31/02/2030/10:00", "30/02/2030/10:00", "31/04/2030/10:00", "31/12/2030/24:00",
                "31/12/2030/18:60", "1/1/2030/8:00", "2030-12-31T18:00Z", "2030-12-31T18:00+01:00",
                "2030-02-30T10:00", "tomorrow"})
        void anythingElseIsAFormatProblem(String written) {
            AccountValidator.Result result = AccountValidator.validateUser(user("suspensionDate", written), PLAIN);
            assertThat(problems(result)).containsExactly("suspensionDate:invalid_format");
            assertThat(result.problems().get(0).message()).isEqualTo("must be dd/mm/yyyy/hh:mm or yyyy-mm-ddThh:mm");
        }

        @ParameterizedTest
        @ValueSource(strings = {"+99999-01-01T00:00", "+10000-01-01T00:00", "01/01/10000/00:00"})
        void yearsBeyondTheRangeAreOutOfRangeNotAFailureLater(String written) {
            // ISO-8601 takes years of five digits and more: no timestamp column holds them.
            assertThat(userProblems(PLAIN, "suspensionDate", written))
                    .containsAnyOf("suspensionDate:out_of_range", "suspensionDate:invalid_format").hasSize(1);
            assertThat(contactProblems(PLAIN, "suspensionDate", written)).hasSize(1);
            assertThat(userProblems(PLAIN, "suspensionDate", "+99999-01-01T00:00"))
                    .containsExactly("suspensionDate:out_of_range");
        }

        @Test
        void theLastYearOfTheRangeIsAccepted() {
            assertThat(valid(AccountValidator.validateUser(user("suspensionDate", "9999-12-31T23:00"), PLAIN))
                    .suspensionAt()).isNotNull();
        }

        @Test
        void parseSuspensionDateAcceptsBothFormatsStrictly() {
            assertThat(AccountValidator.parseSuspensionDate("29/02/2028/08:30"))
                    .contains(LocalDateTime.of(2028, 2, 29, 8, 30));
            assertThat(AccountValidator.parseSuspensionDate("29/02/2027/08:30")).as("not a leap year").isEmpty();
            assertThat(AccountValidator.parseSuspensionDate("31/02/2030/10:00"))
                    .as("an impossible date is refused, not moved to the 28th").isEmpty();
            assertThat(AccountValidator.parseSuspensionDate("2028-02-29T08:30"))
                    .contains(LocalDateTime.of(2028, 2, 29, 8, 30));
        }
    }

    // ============================================================================================================

    @Nested
    class HeaderInjection {

        @ParameterizedTest
        @CsvSource({"firstName", "lastName", "email", "login", "company", "companyDepartment", "function", "city",
                "address", "zipcode", "country", "phone"})
        void lineBreaksAndControlCharactersAreRefused(String field) {
            for (String evil : List.of("ada\r\nBcc: eve@evil.example", "ada\nBcc: eve@evil.example",
                    "ada\rBcc: eve@evil.example", "ada\u0000x", "ada\tx", "ada\u001bx", "ada\u007fx",
                    "ada\u0085Bcc: eve@evil.example", "ada\u2028Bcc: eve@evil.example", "ada\u2029x")) {
                AccountValidator.Result result = AccountValidator.validateUser(user(field, evil), PLAIN);
                assertThat(problems(result)).as("%s = %s", field, evil.replaceAll("\\p{Cntrl}", "?"))
                        .containsExactly(field + ":control_character");
                assertThat(result.problems().get(0).message())
                        .isEqualTo("must not contain line breaks or control characters");
            }
        }

        @ParameterizedTest
        @CsvSource({"ownerLogin", "ownerFirstName", "ownerLastName", "login", "firstName", "lastName", "email"})
        void inContactsToo(String field) {
            assertThat(contactProblems(PLAIN, field, "x\r\nBcc: eve@evil.example"))
                    .containsExactly(field + ":control_character");
        }

        @ParameterizedTest
        @CsvSource({"status", "mailLanguage", "tfa", "permission", "visibilityScope", "expirationMode"})
        void inCodedFieldsToo(String field) {
            assertThat(userProblems(PLAIN, field, "x\r\ny")).containsExactly(field + ":control_character");
        }

        @Test
        void surroundingLineBreaksAreTrimmedAwayNotKept() {
            ValidatedAccount a = valid(AccountValidator.validateUser(user("firstName", "Ada\r\n",
                    "email", "\nada.lovelace@acme.example\n"), PLAIN));
            assertThat(a.firstName()).isEqualTo("Ada");
            assertThat(a.email()).isEqualTo("ada.lovelace@acme.example");
        }

        @Test
        void theBiographyMayHoldLineBreaksAndTabsButNoOtherControlCharacter() {
            String biography = "First programmer.\r\nWorked with Babbage.\n\n\tNotes on the Analytical Engine.";
            assertThat(valid(AccountValidator.validateUser(user("biography", biography), PLAIN)).biography())
                    .isEqualTo(biography);
            assertThat(valid(AccountValidator.validateContact(contact("biography", biography), PLAIN)).biography())
                    .isEqualTo(biography);
            for (String evil : List.of("bell\u0007", "nul\u0000", "esc\u001b[31m", "del\u007f", "c1\u0085")) {
                assertThat(userProblems(PLAIN, "biography", evil)).containsExactly("biography:control_character");
            }
        }

        @Test
        void biographyLength() {
            assertThat(userProblems(PLAIN, "biography", "b".repeat(4000))).isEmpty();
            assertThat(userProblems(PLAIN, "biography", "b".repeat(4001))).containsExactly("biography:too_long");
        }

        @Test
        void nonLatinLettersAreNotControlCharacters() {
            assertThat(userProblems(PLAIN, "firstName", "Zoë", "lastName", "Müller-Łukasiewicz", "city", "東京",
                    "country", "ประเทศไทย")).isEmpty();
        }
    }

    // ============================================================================================================

    @Nested
    class Access {

        @ParameterizedTest
        @EnumSource(Permission.class)
        void theThreePermissions(Permission permission) {
            assertThat(valid(AccountValidator.validateUser(user("permission", permission.name()), PLAIN))
                    .permission()).isEqualTo(permission);
        }

        @Test
        void defaultsAndExplicitValues() {
            ValidatedAccount defaults = valid(AccountValidator.validateUser(user(), PLAIN));
            assertThat(defaults.creationNotification()).isTrue();
            assertThat(defaults.permission()).isEqualTo(Permission.READ_ONLY);
            assertThat(defaults.expirationMode()).isEqualTo(ExpirationMode.DEFAULT);
            ValidatedAccount explicit = valid(AccountValidator.validateUser(user("creationNotification", false,
                    "permission", "WRITE_ONLY", "expirationMode", "DISABLED", "admin", true), PLAIN));
            assertThat(explicit.creationNotification()).isFalse();
            assertThat(explicit.permission()).isEqualTo(Permission.WRITE_ONLY);
            assertThat(explicit.expirationMode()).isEqualTo(ExpirationMode.DISABLED);
            assertThat(explicit.admin()).isTrue();
            assertThat(valid(AccountValidator.validateUser(user("creationNotification", true), PLAIN))
                    .creationNotification()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"NEVER", "ON", "YES", "AUTO"})
        void expirationModeIsDefaultOrDisabled(String written) {
            assertThat(userProblems(PLAIN, "expirationMode", written)).containsExactly("expirationMode:invalid_value");
        }

        @Test
        void bucketNames() {
            assertThat(valid(AccountValidator.validateUser(user("buckets", List.of("reports", "hr-2026",
                    "a.b.c")), PLAIN)).buckets()).containsExactly("reports", "hr-2026", "a.b.c");
            List<String> invalid = new ArrayList<>(List.of("Reports", "ab", "-reports", "reports-", "hr_2026",
                    "x".repeat(64)));
            invalid.add(null);
            assertThat(userProblems(PLAIN, "buckets", invalid)).hasSize(invalid.size())
                    .containsOnly("buckets:invalid_value");
        }

        @Test
        void theBucketRegistryAppliesTheSameNameRule() {
            assertThat(List.of("reports", "hr-2026", "a.b.c")).allMatch(AccountValidator::isBucketName);
            assertThat(Arrays.asList("Reports", "ab", "-reports", "reports-", "hr_2026", "x".repeat(64), null))
                    .noneMatch(AccountValidator::isBucketName);
        }
    }

    // ============================================================================================================

    @Nested
    class IdleTimeout {

        @Test
        void aUsersOwnIdleTimeoutMayBeSetWhileAddingThem() {
            assertThat(valid(AccountValidator.validateUser(user("idleTimeoutMinutes", 45), PLAIN))
                    .idleTimeoutMinutes()).isEqualTo(45);
            assertThat(valid(AccountValidator.validateUser(user(), PLAIN)).idleTimeoutMinutes()).isNull();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -5, 1441, 100000})
        void outsideOneMinuteToOneDayIsRefused(int minutes) {
            assertThat(userProblems(PLAIN, "idleTimeoutMinutes", minutes))
                    .containsExactly("idleTimeoutMinutes:out_of_range");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 1440})
        void theBoundsAreAllowed(int minutes) {
            assertThat(userProblems(PLAIN, "idleTimeoutMinutes", minutes)).isEmpty();
        }
    }

    @Nested
    class Contacts {

        @Test
        void theRequiredColumnsAloneMakeAValidContact() {
            ValidatedAccount a = valid(AccountValidator.validateContact(contact(), PLAIN));
            assertThat(a.type()).isEqualTo(AccountType.CONTACT);
            assertThat(a.ownerLogin()).isEqualTo("ada.lovelace");
            assertThat(a.login()).as("a contact may have no user name").isNull();
            assertThat(a.email()).isEqualTo("charles.babbage@partner.example");
            assertThat(a.firstName()).isEqualTo("Charles");
            assertThat(a.lastName()).isEqualTo("Babbage");
            assertThat(a.status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(a.visibilityScope()).isEqualTo(VisibilityScope.PUBLIC);
            assertThat(a.mailLanguage()).isEqualTo(MailLanguage.FR);
            assertThat(a.creationNotification()).isTrue();
            assertThat(a.expirationMode()).isEqualTo(ExpirationMode.DEFAULT);
            assertThat(a.tfa()).isEqualTo(TwoFactorMode.NONE);
            assertThat(a.shareSpaceMax()).isNull();
            assertThat(a.saveSpaceMax()).isNull();
            assertThat(a.admin()).isFalse();
            assertThat(a.restrictedRights()).isFalse();
            assertThat(a.permission()).isNull();
            assertThat(a.buckets()).isEmpty();
        }

        @Test
        void loginAndOwnerLoginAreNormalized() {
            ValidatedAccount a = valid(AccountValidator.validateContact(contact("ownerLogin", "Ada.Lovelace",
                    "login", "Charles.Babbage", "ownerFirstName", "Ada", "ownerLastName", "Lovelace",
                    "creationNotification", false, "modificationPrevention", true), PLAIN));
            assertThat(a.ownerLogin()).isEqualTo("ada.lovelace");
            assertThat(a.login()).isEqualTo("charles.babbage");
            assertThat(a.creationNotification()).isFalse();
            assertThat(a.modificationPrevention()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ownerLogin", "lastName", "firstName", "email", "status", "visibilityScope",
                "mailLanguage"})
        void aRequiredColumnMissingIsReportedOnItsField(String field) {
            assertThat(contactProblems(PLAIN, field, null)).containsExactly(field + ":required");
            assertThat(contactProblems(PLAIN, field, " ")).containsExactly(field + ":required");
        }

        @Test
        void everyProblemIsReportedAtOnce() {
            assertThat(contactProblems(PLAIN, "ownerLogin", null, "lastName", null, "firstName", null, "email", null,
                    "status", null, "visibilityScope", null, "mailLanguage", null)).containsExactlyInAnyOrder(
                    "ownerLogin:required", "lastName:required", "firstName:required", "email:required",
                    "status:required", "visibilityScope:required", "mailLanguage:required");
        }

        @Test
        void aContactIsActiveOrClosedNeverInactive() {
            assertThat(valid(AccountValidator.validateContact(contact("status", "CLOSED"), PLAIN)).status())
                    .isEqualTo(AccountStatus.CLOSED);
            assertThat(valid(AccountValidator.validateContact(contact("status", "active"), PLAIN)).status())
                    .isEqualTo(AccountStatus.ACTIVE);
            AccountValidator.Result result = AccountValidator.validateContact(contact("status", "INACTIVE"), PLAIN);
            assertThat(problems(result)).containsExactly("status:invalid_value");
            assertThat(result.problems().get(0).message()).isEqualTo("a contact is ACTIVE or CLOSED");
            assertThat(contactProblems(PLAIN, "status", "inactive")).containsExactly("status:invalid_value");
        }

        @Test
        void privateIsAllowedWhateverTheApplications() {
            // Contacts cannot use Save or Media, so the users' PUBLIC rule does not apply to them.
            assertThat(valid(AccountValidator.validateContact(contact("visibilityScope", "PRIVATE"),
                    rules(Application.values()))).visibilityScope()).isEqualTo(VisibilityScope.PRIVATE);
            assertThat(contactProblems(PLAIN, "visibilityScope", "HIDDEN")).containsExactly(
                    "visibilityScope:invalid_value");
        }

        @Test
        void noStorageIsRequiredOfAContact() {
            assertThat(contactProblems(rules(Application.values()))).isEmpty();
        }

        @Test
        void malformedValues() {
            assertThat(contactProblems(PLAIN, "ownerLogin", "ada lovelace", "login", ".charles", "email",
                    "charles@", "ownerFirstName", "A".repeat(101))).containsExactlyInAnyOrder(
                    "ownerLogin:invalid_format", "login:invalid_format", "email:invalid_format",
                    "ownerFirstName:too_long");
        }
    }

    // ============================================================================================================

    @Nested
    class Invitations {

        static InviteUsers invite(List<String> emails, String permission, List<String> buckets, String language) {
            return new InviteUsers(emails, null, permission, buckets, language);
        }

        @Test
        void defaultsAndNormalization() {
            AccountValidator.InvitationResult result = AccountValidator.validateInvitation(
                    invite(List.of("Grace.Hopper@ACME.example", " alan.turing@acme.example "), null, null, null), 10);
            assertThat(result.isValid()).isTrue();
            assertThat(result.invitation().emails())
                    .containsExactly("grace.hopper@acme.example", "alan.turing@acme.example");
            assertThat(result.invitation().permission()).isEqualTo(Permission.READ_ONLY);
            assertThat(result.invitation().mailLanguage()).isEqualTo(MailLanguage.EN);
            assertThat(result.invitation().admin()).isFalse();
            assertThat(result.invitation().buckets()).isEmpty();
        }

        @Test
        void everyProblemAtOnce() {
            AccountValidator.InvitationResult result = AccountValidator.validateInvitation(invite(List.of(
                    "grace@acme.example", "GRACE@acme.example", "nobody", "x\r\nBcc: eve@evil.example"), "ALL",
                    List.of("Bad"), "klingon"), 10);
            assertThat(result.isValid()).isFalse();
            assertThat(codes(result.problems())).containsExactly("emails[1]:duplicate", "emails[2]:invalid_format",
                    "emails[3]:control_character", "permission:invalid_value", "buckets:invalid_value",
                    "mailLanguage:invalid_value");
        }

        @Test
        void betweenOneAndTheLimit() {
            assertThat(codes(AccountValidator.validateInvitation(invite(List.of(), null, null, null), 10).problems()))
                    .containsExactly("emails:required");
            assertThat(codes(AccountValidator.validateInvitation(invite(null, null, null, null), 10).problems()))
                    .containsExactly("emails:required");
            List<String> three = List.of("a@acme.example", "b@acme.example", "c@acme.example");
            assertThat(AccountValidator.validateInvitation(invite(three, null, null, "pt - br"), 3).isValid())
                    .isTrue();
            assertThat(codes(AccountValidator.validateInvitation(invite(three, null, null, null), 2).problems()))
                    .containsExactly("emails:too_many");
        }
    }

    // ============================================================================================================

    @Nested
    class Passwords {

        @ParameterizedTest
        @ValueSource(strings = {"correct horse battery", "0123456789", "Pässwörd-ünïcödé"})
        void acceptable(String password) {
            assertThat(AccountValidator.validatePassword(password)).isEmpty();
        }

        @Test
        void refused() {
            assertThat(codes(AccountValidator.validatePassword(null))).containsExactly("password:required");
            assertThat(codes(AccountValidator.validatePassword("          "))).containsExactly("password:required");
            assertThat(codes(AccountValidator.validatePassword("short"))).containsExactly("password:too_short");
            assertThat(codes(AccountValidator.validatePassword("é".repeat(37)))).as("74 bytes")
                    .containsExactly("password:too_long");
            assertThat(codes(AccountValidator.validatePassword("a".repeat(72)))).isEmpty();
            assertThat(codes(AccountValidator.validatePassword("line\nbreak!!"))).containsExactly(
                    "password:control_character");
        }
    }
}
