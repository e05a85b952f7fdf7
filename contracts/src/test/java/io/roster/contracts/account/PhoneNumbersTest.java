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
            PhoneNumbers.Reading expected = asTheLibraryReadsIt(text, region);
            if (expected == null) {
                assertThat(reading).as(text + " in " + region).isInstanceOf(PhoneNumbers.Refused.class);
            } else {
                assertThat(reading).as(text + " in " + region).isEqualTo(expected);
                normalized++;
            }
        }
        assertThat(normalized).as("numbers read as valid among the generated ones").isGreaterThan(150);
    }

    /**
     * The international form's own reading ({@link PhoneNumbers.InternationalForm}) gives libphonenumber's parse
     * exactly, or leaves the number to it: on every supported calling code, its example numbers of every type (as
     * they are, with the national prefix, with leading zeros, cut and lengthened) and random digits of every length.
     */
    @Test
    void internationalFormReadsAsTheLibraryParses() {
        Random random = new Random(7);
        List<String> inputs = new java.util.ArrayList<>();
        for (int code : UTIL.getSupportedCallingCodes()) {
            String cc = Integer.toString(code);
            for (int length = 0; length <= 19; length++) {
                for (int n = 0; n < 2; n++) {
                    inputs.add("+" + cc + digits(random, length));
                }
            }
            List<PhoneNumber> examples = new java.util.ArrayList<>();
            for (String region : UTIL.getRegionCodesForCountryCode(code)) {
                for (PhoneNumberType type : PhoneNumberType.values()) {
                    PhoneNumber example = "001".equals(region) ? UTIL.getExampleNumberForNonGeoEntity(code)
                            : UTIL.getExampleNumberForType(region, type);
                    if (example != null) {
                        examples.add(example);
                    }
                }
            }
            String nationalPrefix = UTIL.getNddPrefixForRegion(UTIL.getRegionCodeForCountryCode(code), true);
            for (PhoneNumber example : examples) {
                String nsn = UTIL.getNationalSignificantNumber(example);
                inputs.add("+" + cc + nsn);
                inputs.add("+" + cc + "0" + nsn);
                inputs.add("+" + cc + "00" + nsn);
                if (nationalPrefix != null) {
                    inputs.add("+" + cc + nationalPrefix + nsn);
                }
                for (int n = 0; n < 2; n++) {
                    int cut = random.nextInt(nsn.length() + 1);
                    inputs.add("+" + cc + nsn.substring(0, cut));
                    inputs.add("+" + cc + nsn + digits(random, 1 + random.nextInt(4)));
                    inputs.add("+" + cc + nsn.substring(0, cut) + digits(random, nsn.length() - cut));
                }
            }
        }
        for (int n = 0; n < 5_000; n++) {
            inputs.add("+" + digits(random, random.nextInt(22)));
        }
        int readHere = 0;
        for (String compact : inputs) {
            PhoneNumber own = PhoneNumbers.InternationalForm.parse(compact);
            if (own == null) {
                continue;
            }
            readHere++;
            PhoneNumber parsed;
            try {
                parsed = UTIL.parse(compact, "ZZ");
            } catch (NumberParseException e) {
                throw new AssertionError(compact + " is refused by libphonenumber (" + e + ") but read as " + own);
            }
            assertThat(own.exactlySameAs(parsed)).as(compact + ": " + own + " against the library's " + parsed)
                    .isTrue();
            assertThat(UTIL.format(parsed, PhoneNumberFormat.E164)).as("E.164 of " + compact).isEqualTo(compact);
        }
        assertThat(readHere).as("inputs read without the library's parse, of " + inputs.size())
                .isGreaterThan(inputs.size() / 2);
    }

    /** The common shapes of a written international number go the short way, with the same result. */
    @Test
    void writtenInternationalNumbersReadAsTheLibraryReadsThem() {
        for (String written : List.of("+33 6 12 34 56 78", "+33 (0)6 12 34 56 78", "+33 1 23 45 67 89",
                "+44 7700 900123", "+44 20 7946 0958", "+1 (650) 253-0000", "+1 800 555 0100", "+49 1512 3456789",
                "+39 06 1234 5678", "+39 312 345 6789", "+7 912 345-67-89", "+86 131 2345 6789", "+81 90-1234-5678",
                "+800 1234 5678", "+882 3456 7890 12")) {
            PhoneNumbers.Reading reading = PhoneNumbers.read(written, null, null);
            PhoneNumbers.Reading expected = asTheLibraryReadsIt(written, "ZZ");
            if (expected == null) {
                assertThat(reading).as(written).isInstanceOf(PhoneNumbers.Refused.class);
            } else {
                assertThat(reading).as(written).isEqualTo(expected);
            }
        }
        assertThat(PhoneNumbers.InternationalForm.parse(PhoneNumbers.compact("+33 6 12 34 56 78")))
                .as("a French mobile number is read the short way").isNotNull();
    }

    /**
     * The number type found with reused matchers ({@link PhoneNumbers.NumberTypes}) is libphonenumber's
     * {@code getNumberType}: on every calling code, its regions' example numbers of every type and their invalid
     * example, each cut, lengthened, with a digit changed, and random national numbers of every length; Italian
     * leading zeros too.
     */
    @Test
    void theNumberTypeIsTheLibrarys() {
        Random random = new Random(11);
        List<PhoneNumber> numbers = new java.util.ArrayList<>();
        for (int code : UTIL.getSupportedCallingCodes()) {
            List<String> nsns = new java.util.ArrayList<>();
            for (String region : UTIL.getRegionCodesForCountryCode(code)) {
                List<PhoneNumber> examples = new java.util.ArrayList<>();
                if ("001".equals(region)) {
                    examples.add(UTIL.getExampleNumberForNonGeoEntity(code));
                } else {
                    for (PhoneNumberType type : PhoneNumberType.values()) {
                        examples.add(UTIL.getExampleNumberForType(region, type));
                    }
                    examples.add(UTIL.getInvalidExampleNumber(region));
                }
                for (PhoneNumber example : examples) {
                    if (example != null) {
                        numbers.add(example);
                        nsns.add(UTIL.getNationalSignificantNumber(example));
                    }
                }
            }
            for (int length = 1; length <= 17; length++) {
                nsns.add(digits(random, length));
            }
            for (String nsn : nsns) {
                List<String> variants = new java.util.ArrayList<>(List.of(nsn, nsn + digits(random, 1)));
                if (nsn.length() > 1) {
                    variants.add(nsn.substring(0, nsn.length() - 1));
                    int at = random.nextInt(nsn.length());
                    variants.add(nsn.substring(0, at) + digits(random, 1) + nsn.substring(at + 1));
                }
                for (String variant : variants) {
                    String digits = variant.replaceFirst("^0+", "");
                    if (digits.isEmpty() || digits.length() > 17) {
                        continue;
                    }
                    PhoneNumber number = new PhoneNumber().setCountryCode(code)
                            .setNationalNumber(Long.parseLong(digits));
                    if (digits.length() < variant.length()) {
                        number.setItalianLeadingZero(true).setNumberOfLeadingZeros(variant.length() - digits.length());
                    }
                    numbers.add(number);
                }
            }
        }
        Set<PhoneNumberType> seen = EnumSet.noneOf(PhoneNumberType.class);
        for (PhoneNumber number : numbers) {
            PhoneNumberType expected = UTIL.getNumberType(number);
            assertThat(PhoneNumbers.NumberTypes.of(number)).as(number.toString()).isEqualTo(expected);
            seen.add(expected);
        }
        assertThat(numbers).hasSizeGreaterThan(10_000);
        assertThat(seen).as("every type met").containsAll(EnumSet.complementOf(EnumSet.of(PhoneNumberType.UNKNOWN)))
                .contains(PhoneNumberType.UNKNOWN);
    }

    private static String digits(Random random, int length) {
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    /** The reading libphonenumber alone gives (valid: E.164 and whether it takes SMS), or null when it refuses. */
    private static PhoneNumbers.Reading asTheLibraryReadsIt(String written, String region) {
        try {
            PhoneNumber number = UTIL.parse(written, region);
            return UTIL.isValidNumber(number)
                    ? new PhoneNumbers.Normalized(UTIL.format(number, PhoneNumberFormat.E164),
                            !NO_SMS.contains(UTIL.getNumberType(number)))
                    : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
