package io.roster.contracts.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link PhoneNumbers#read} gives what libphonenumber's plain use gives — parse the number as written, then
 * isValidNumber, then getNumberType — though it parses the compact form and asks for the type once.
 */
class PhoneNumbersTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Set<PhoneNumberType> NO_SMS = EnumSet.of(PhoneNumberType.FIXED_LINE,
            PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST,
            PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL, PhoneNumberType.PAGER);

    @Test
    void generatedNumbersReadAsTheLibraryReadsThemWritten() {
        Random random = new Random(42);
        List<String> prefixes = List.of("+33 6", "+33 (0)6", "+33 1", "+33.8", "+1 (650) ", "+1-800-", "+44 7",
                "+44 (0)20 ", "+49 15", "+81 90-", "+39 06 ", "+7 ", "+262 ", "+999 ", "+", "06 ", "0033 6 ", "00 44 ",
                "(0)6 ", "01 ", "08 00 ", "(", "0", "", "1", "9");
        String tail = "0123456789 .-/()";
        int normalized = 0;
        for (int n = 0; n < 8_000; n++) {
            StringBuilder written = new StringBuilder(prefixes.get(random.nextInt(prefixes.size())));
            int length = random.nextInt(13);
            for (int i = 0; i < length; i++) {
                written.append(random.nextInt(3) == 0 ? tail.charAt(random.nextInt(tail.length()))
                        : (char) ('0' + random.nextInt(10)));
            }
            String text = written.toString().strip();
            if (text.isEmpty() || !PhoneNumbers.isWritten(text)) {
                continue;
            }
            String region = List.of("FR", "GB", "US", "DE", "JP", "IT").get(random.nextInt(6));
            PhoneNumbers.Reading reading = PhoneNumbers.read(text, region, null);
            PhoneNumbers.Reading expected;
            try {
                PhoneNumber number = UTIL.parse(text, region);
                expected = UTIL.isValidNumber(number)
                        ? new PhoneNumbers.Normalized(UTIL.format(number, PhoneNumberFormat.E164),
                                !NO_SMS.contains(UTIL.getNumberType(number)))
                        : null;
            } catch (NumberParseException e) {
                expected = null;
            }
            if (expected == null) {
                assertThat(reading).as(text + " in " + region).isInstanceOf(PhoneNumbers.Refused.class);
            } else {
                assertThat(reading).as(text + " in " + region).isEqualTo(expected);
                normalized++;
            }
        }
        assertThat(normalized).as("numbers read as valid among the generated ones").isGreaterThan(150);
    }
}
