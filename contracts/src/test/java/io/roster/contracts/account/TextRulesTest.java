package io.roster.contracts.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TextRules}' scans accept exactly what the regular expressions they replaced accepted: each is held to its
 * expression on hand-picked edge cases and on generated strings built from the characters that matter to it.
 */
class TextRulesTest {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");
    private static final Pattern CONTROL_BUT_LINES = Pattern.compile("[\\p{Cc}&&[^\\r\\n\\t]]");
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern LOGIN = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N}._'@+-]{1,127}$");
    private static final Pattern QUOTA = Pattern.compile("(\\d{1,12})\\s*(KB|MB|GB|TB)");
    private static final Pattern WRITTEN_PHONE = Pattern.compile("^\\+?[0-9(][0-9 ().\\-/]*$");
    private static final DateTimeFormatter TEMPLATE = DateTimeFormatter.ofPattern("dd/MM/uuuu/HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    private static final String EMAIL_CHARS = "aZ09.-@_+!#~`'\"é ,;:()[]\\<>\u00e9\u0130\u212a\n\t";
    private static final String LOGIN_CHARS = "aZ09._'@+-éß日本٣Ⅻ½\u0301 /,\u00a0\ud83d\ude00\ud800\n\u0085";
    private static final String CONTROL_CHARS = "a \r\n\t\u0000\u001f\u007f\u0080\u0085\u009f\u00a0\u2028\u2029\u200b";

    private final Random random = new Random(20261204);

    @Test
    void controlCharactersAsTheirExpressions() {
        for (int n = 0; n < 100_000; n++) {
            String text = generated(CONTROL_CHARS, 6);
            assertThat(TextRules.hasControl(text)).as(escaped(text)).isEqualTo(CONTROL.matcher(text).find());
            assertThat(TextRules.hasControlButLines(text)).as(escaped(text))
                    .isEqualTo(CONTROL_BUT_LINES.matcher(text).find());
        }
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String text = String.valueOf(c);
            assertThat(TextRules.hasControl(text)).as(escaped(text)).isEqualTo(CONTROL.matcher(text).find());
            assertThat(TextRules.hasControlButLines(text)).as(escaped(text))
                    .isEqualTo(CONTROL_BUT_LINES.matcher(text).find());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "a@b.c", "a@b", "@b.c", "a@.b", "a@b.", "a@b..c", "a@-b.c", "a@b-.c",
            "a@b.c-", "a@b.-c", "a@b.c.d", "a.b+c@x-y.z", "a@@b.c", "a@b@c.d", "é@b.c", "a@é.c", "a b@c.d", "a@b.c\n",
            "a@0.0", "!#$%&'*+/=?^_`{|}~-@x.y"})
    void emailEdgesAsTheExpression(String text) {
        assertThat(TextRules.isEmail(text)).as(escaped(text)).isEqualTo(EMAIL.matcher(text).matches());
    }

    @Test
    void emailLabelLengthsAsTheExpression() {
        for (int length = 0; length <= 66; length++) {
            String label = "a".repeat(length);
            for (String text : new String[] {"x@" + label + ".com", "x@com." + label, "x@" + label}) {
                assertThat(TextRules.isEmail(text)).as(text).isEqualTo(EMAIL.matcher(text).matches());
            }
        }
    }

    @Test
    void generatedEmailsAsTheExpression() {
        for (int n = 0; n < 50_000; n++) {
            String text = generated(EMAIL_CHARS, 9);
            assertThat(TextRules.isEmail(text)).as(escaped(text)).isEqualTo(EMAIL.matcher(text).matches());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada.lovelace", "a", "ab", ".ab", "a.", "é.ß", "日本", "٣a", "Ⅻb", "½c", "a\u0301",
            "\u0301a", "a b", "a/b", "\ud83d\ude00a", "a\ud83d\ude00", "a\ud800", "ada.lovelace@acme.example"})
    void loginEdgesAsTheExpression(String text) {
        assertThat(TextRules.isLogin(text)).as(escaped(text)).isEqualTo(LOGIN.matcher(text).matches());
    }

    @Test
    void loginLengthsCountCodePointsAsTheExpression() {
        for (int length = 0; length <= 130; length++) {
            for (String text : new String[] {"a".repeat(length), "日".repeat(length), "\ud801\udc00".repeat(length)}) {
                assertThat(TextRules.isLogin(text)).as(length + " code points: " + escaped(text))
                        .isEqualTo(LOGIN.matcher(text).matches());
            }
        }
    }

    @Test
    void generatedLoginsAsTheExpression() {
        for (int n = 0; n < 50_000; n++) {
            String text = generated(LOGIN_CHARS, 5);
            assertThat(TextRules.isLogin(text)).as(escaped(text)).isEqualTo(LOGIN.matcher(text).matches());
        }
        // every third code point: each script's letters and numbers, the marks and the unassigned between them
        for (int c = 0; c <= Character.MAX_CODE_POINT; c += 3) {
            String text = new String(Character.toChars(c)) + "a";
            assertThat(TextRules.isLogin(text)).as("U+%04X", c).isEqualTo(LOGIN.matcher(text).matches());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"31/12/2099/18:00", "29/02/2028/00:00", "29/02/2027/00:00", "31/04/2099/10:00",
            "00/01/2099/10:00", "01/13/2099/10:00", "01/01/2099/24:00", "01/01/2099/23:60", "01/01/0000/00:00",
            "1/01/2099/10:00", "01/01/2099/1000", "01/01/2099-10:00", "a1/01/2099/10:00", "01/01/+099/10:00",
            "01/01/2099/10:0a"})
    void templateDatesAsTheStrictFormatter(String text) {
        Optional<LocalDateTime> formatter;
        try {
            formatter = Optional.of(LocalDateTime.parse(text, TEMPLATE));
        } catch (DateTimeParseException e) {
            formatter = Optional.empty();
        }
        Optional<LocalDateTime> scanned = TextRules.templateDate(text);
        assertThat(scanned == null ? Optional.empty() : scanned).as(text).isEqualTo(formatter);
    }

    @Test
    void quotasAsTheExpression() {
        String chars = "0159 \tkKmMgGtTbB\u00a0x.\u212a";
        for (int n = 0; n < 50_000; n++) {
            String text = generated(chars, 6);
            java.util.regex.Matcher m = QUOTA.matcher(text.trim().toUpperCase(java.util.Locale.ROOT));
            Optional<StorageQuota> expected = m.matches()
                    && Long.parseLong(m.group(1)) <= Long.MAX_VALUE / StorageQuota.Unit.valueOf(m.group(2)).bytes
                    ? Optional.of(new StorageQuota(Long.parseLong(m.group(1)), StorageQuota.Unit.valueOf(m.group(2))))
                    : Optional.empty();
            assertThat(StorageQuota.parse(text)).as(escaped(text)).isEqualTo(expected);
        }
        for (String text : new String[] {"999999999999 TB", "8388607 TB", "8388608 TB", "1234567890123GB", " 10 gb ",
                "10\u000bGB", "5 GB"}) {
            java.util.regex.Matcher m = QUOTA.matcher(text.trim().toUpperCase(java.util.Locale.ROOT));
            boolean fits = m.matches()
                    && Long.parseLong(m.group(1)) <= Long.MAX_VALUE / StorageQuota.Unit.valueOf(m.group(2)).bytes;
            assertThat(StorageQuota.parse(text)).as(text).isEqualTo(fits
                    ? Optional.of(new StorageQuota(Long.parseLong(m.group(1)), StorageQuota.Unit.valueOf(m.group(2))))
                    : Optional.empty());
        }
    }

    @Test
    void writtenPhonesAsTheExpression() {
        String chars = "+0(9) .-/x#,";
        for (int n = 0; n < 50_000; n++) {
            String text = generated(chars, 6);
            assertThat(PhoneNumbers.isWritten(text)).as(escaped(text)).isEqualTo(WRITTEN_PHONE.matcher(text).matches());
        }
    }

    /** Up to {@code max} characters drawn from {@code chars} (surrogate pairs kept whole half the time). */
    private String generated(String chars, int max) {
        int length = random.nextInt(max + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(chars.charAt(random.nextInt(chars.length())));
        }
        return text.toString();
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder("'");
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
        return out.append("'").toString();
    }
}
