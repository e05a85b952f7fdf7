package io.roster.importer.file;

import io.roster.contracts.account.AccountValidator;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * An XLSX cell's stored value as the admin typed it: what the template's rules read is text, and a spreadsheet
 * program stores a typed {@code 75008} as the number 75008, a typed date as a day count with a date style, TRUE as
 * 1. Written back as the text a person would have typed into the template.
 */
final class CellValues {

    private CellValues() {
    }

    /**
     * A number cell: its date in the template's {@code dd/mm/yyyy/hh:mm} when its style is a date format, else its
     * plain decimal digits: {@code 75008}, never {@code 75008.0} nor {@code 7.5008E4}; a 15-digit phone number
     * stays exact (Excel stores it in full in the XML).
     */
    static String number(String stored, boolean dateStyle, boolean date1904) {
        String raw = stored.strip();
        if (raw.isEmpty()) {
            return raw;
        }
        if (dateStyle) {
            try {
                LocalDateTime time = DateUtil.getLocalDateTime(Double.parseDouble(raw), date1904, true);
                if (time != null) {
                    return AccountValidator.TEMPLATE_DATE.format(time);
                }
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return raw;
            }
        }
        if (digitsOnly(raw)) {
            return raw;
        }
        try {
            BigDecimal value = new BigDecimal(raw).stripTrailingZeros();
            return value.signum() == 0 ? "0" : value.toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /** A boolean cell as the templates' switches spell it. */
    static String bool(String stored) {
        String raw = stored.strip();
        return raw.equals("1") || raw.equalsIgnoreCase("true") ? "YES"
                : raw.equals("0") || raw.equalsIgnoreCase("false") ? "NO" : raw;
    }

    /** An ISO-8601 date cell ({@code t="d"}, strict OOXML) in the template's format. */
    static String isoDate(String stored) {
        String raw = stored.strip();
        try {
            return AccountValidator.TEMPLATE_DATE.format(raw.length() <= 10
                    ? java.time.LocalDate.parse(raw).atStartOfDay() : LocalDateTime.parse(raw.replace("Z", "")));
        } catch (java.time.DateTimeException e) {
            return raw;
        }
    }

    private static boolean digitsOnly(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return text.length() < 2 || text.charAt(0) != '0';
    }
}
