package io.roster.contracts.account;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The character rules of {@link AccountValidator}, as scans rather than regular expressions: they run on every cell
 * of every row of an import (a million rows, twenty cells each), where creating a {@link java.util.regex.Matcher}
 * cost more than the check itself. Each accepts exactly what its regular expression, quoted in its comment,
 * accepted; {@code TextRulesTest} holds each one to its regular expression on generated inputs.
 */
final class TextRules {

    private TextRules() {
    }

    /**
     * {@code [\p{Cc}\u2028\u2029]}: control characters (CR/LF included) would allow mail header injection. Category
     * Cc is exactly U+0000–U+001F and U+007F–U+009F (the C0 and C1 controls, NEL U+0085 included); U+2028/U+2029
     * are line breaks too.
     */
    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** {@code [\p{Cc}&&[^\r\n\t]]}: a biography may hold line breaks and tabs, no other control character. */
    static boolean hasControlButLines(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\r' && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code [A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@} then at least two dot-separated labels of 1 to 63 ASCII letters,
     * digits and hyphens, neither starting nor ending with a hyphen.
     */
    static boolean isEmail(String text) {
        int at = text.indexOf('@');
        if (at <= 0) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            if (!isLocalPart(text.charAt(i))) {
                return false;
            }
        }
        int labels = 0;
        int start = at + 1;
        while (true) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '.') {
                end++;
            }
            int length = end - start;
            if (length < 1 || length > 63 || !isAsciiLetterOrDigit(text.charAt(start))
                    || !isAsciiLetterOrDigit(text.charAt(end - 1))) {
                return false;
            }
            for (int i = start + 1; i < end - 1; i++) {
                char c = text.charAt(i);
                if (c != '-' && !isAsciiLetterOrDigit(c)) {
                    return false;
                }
            }
            labels++;
            if (end == text.length()) {
                return labels >= 2;
            }
            start = end + 1;
        }
    }

    /**
     * {@code [\p{L}\p{N}][\p{L}\p{N}._'@+-]{1,127}}, by code points: lastname.firstname, firstname.lastname or an
     * address, in any script.
     */
    static boolean isLogin(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean letterOrNumber = isLetterOrNumber(c);
            if (count == 0 ? !letterOrNumber
                    : !letterOrNumber && c != '.' && c != '_' && c != '\'' && c != '@' && c != '+' && c != '-') {
                return false;
            }
            count++;
        }
        return count >= 2 && count <= 128;
    }

    /**
     * The template's {@code dd/mm/yyyy/hh:mm} when the text has exactly that shape (what a spreadsheet cell holds):
     * the date, or empty when it is no calendar time ({@code 31/02/…}, {@code …/24:00}), as
     * {@link AccountValidator#TEMPLATE_DATE} reads it strictly; {@code null} for any other shape, which the
     * formatters read.
     */
    static Optional<LocalDateTime> templateDate(String text) {
        if (text.length() != 16 || text.charAt(2) != '/' || text.charAt(5) != '/' || text.charAt(10) != '/'
                || text.charAt(13) != ':') {
            return null;
        }
        int day = digits(text, 0, 2);
        int month = digits(text, 3, 5);
        int year = digits(text, 6, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        if (day < 0 || month < 0 || year < 0 || hour < 0 || minute < 0) {
            return null;
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, hour, minute));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The number the ASCII digits between {@code from} and {@code to} write, or -1 when one is no digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isLocalPart(char c) {
        return isAsciiLetterOrDigit(c) || ".!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** {@code \p{L}} or {@code \p{N}}: a letter, or a number of any kind (decimal digit, letter number, other). */
    private static boolean isLetterOrNumber(int c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
