package io.roster.contracts.account;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PHONE as Google's libphonenumber reads it, stored in E.164 ({@code +33612345678}) whatever way it was written.
 *
 * <p>A number written with {@code +} and its country code is read as such. One written without (a national
 * {@code 06 12 34 56 78}, or the digits a spreadsheet's number cell kept: {@code 612345678}) is read in a
 * <em>default country</em>: the account's COUNTRY when it names one (an ISO code such as {@code FR} or
 * {@code FRA}, or the country's name in English or in one of the mail languages: {@code France},
 * {@code Deutschland}), else the country of its MAIL_LANGUAGE (fr France, de Germany, nl the Netherlands, es Spain,
 * it Italy, pt-br Brazil, zh-cn China, ja Japan, th Thailand; en names no single country). Without either, the number
 * is refused and the message asks for the country code: a guess would send SMS codes to a stranger. A number
 * that is not valid in its country (libphonenumber's metadata: length and prefixes) is refused too, and so is a
 * landline or service number when two-factor mode is SMS.
 */
final class PhoneNumbers {

    /** Number types an SMS cannot reach (a landline, a premium-rate or toll-free service...). */
    private static final Set<PhoneNumberType> NO_SMS = EnumSet.of(PhoneNumberType.FIXED_LINE,
            PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST,
            PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL, PhoneNumberType.PAGER);
    static final String EXAMPLE = "+33 6 12 34 56 78";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The number in E.164, or why it is refused. */
    sealed interface Reading permits Normalized, Refused {
    }

    record Normalized(String e164, boolean reachesSms) implements Reading {
    }

    record Refused(String code, String message) implements Reading {
    }

    /**
     * @param written the PHONE cell or field, stripped, not blank, without control characters
     * @param country the account's COUNTRY as written, or null
     * @param language the account's mail language, or null when missing or invalid
     */
    static Reading read(String written, String country, MailLanguage language) {
        if (!isWritten(written)) {
            return new Refused("invalid_format", "must be a phone number with its country code, such as "
                    + EXAMPLE + ": digits, spaces, dots, dashes and brackets only (was "
                    + FieldProblem.quote(written) + ")");
        }
        Optional<String> region = written.startsWith("+") ? Optional.empty()
                : regionOfCountry(country).or(() -> regionOfLanguage(language));
        if (!written.startsWith("+") && region.isEmpty()) {
            return new Refused("invalid_format", "must start with + and the country code, such as " + EXAMPLE
                    + " (without it the number is read in the account's COUNTRY or the country of its mail"
                    + " language, and neither names one; was " + FieldProblem.quote(written) + ")"
                    + numberCellHint(written));
        }
        String compact = compact(written);
        PhoneNumber number = InternationalForm.parse(compact);
        boolean readShort = number != null;
        if (number == null) {
            try {
                number = UTIL.parse(compact, region.orElse("ZZ"));
            } catch (NumberParseException e) {
                return refusedAsInvalid(written, region);
            }
        }
        // isValidNumber is getNumberType(number) != UNKNOWN (the same region look-up and number-type patterns):
        // asking for the type once halves the cost, which an import pays on every row.
        PhoneNumberType type = NumberTypes.of(number);
        if (type == PhoneNumberType.UNKNOWN) {
            return refusedAsInvalid(written, region);
        }
        // read the short way, the number is its compact form: + the calling code and the national number, as E.164
        String e164 = readShort ? compact : UTIL.format(number, PhoneNumberFormat.E164);
        return new Normalized(e164, !NO_SMS.contains(type));
    }

    /**
     * {@code \+?[0-9(][0-9 ().\-/]*}: what a phone number may be written with; letters (vanity numbers, "ext 12")
     * are not read.
     */
    static boolean isWritten(String written) {
        int i = written.startsWith("+") ? 1 : 0;
        if (i >= written.length() || !(isDigit(written.charAt(i)) || written.charAt(i) == '(')) {
            return false;
        }
        for (i++; i < written.length(); i++) {
            char c = written.charAt(i);
            if (!isDigit(c) && " ().-/".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A written number ({@link #isWritten}) as its leading {@code +} and its digits: libphonenumber drops the
     * spaces, dots, dashes, slashes and brackets anyway (none of them can start an extension or a second number),
     * and its regular expressions run faster on the short form. Under three digits the number is passed as
     * written: libphonenumber's viability rule treats two digits with and without punctuation differently.
     */
    static String compact(String written) {
        StringBuilder digits = new StringBuilder(written.length());
        if (written.startsWith("+")) {
            digits.append('+');
        }
        int count = 0;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (isDigit(c)) {
                digits.append(c);
                count++;
            }
        }
        return count < 3 ? written : digits.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Refused refusedAsInvalid(String written, Optional<String> region) {
        String where = region.map(r -> " in " + new Locale("", r).getDisplayCountry(Locale.ENGLISH)
                + " (read there because it has no country code)").orElse("");
        return new Refused("invalid_format", "is not a valid phone number" + where + ": write the mobile number"
                + " with its country code, such as " + EXAMPLE + " (was " + FieldProblem.quote(written) + ")"
                + numberCellHint(written));
    }

    /**
     * Plain digits are what a spreadsheet keeps of a number typed into a cell formatted as a number: its {@code +}
     * and leading zeros are gone, which is often why such a number reads wrong.
     */
    private static String numberCellHint(String written) {
        return written.chars().allMatch(c -> c >= '0' && c <= '9')
                ? "; in a spreadsheet, format the cell as text before typing: a number cell drops the + and leading"
                        + " zeros"
                : "";
    }

    /**
     * The number libphonenumber's {@code parse} gives for the common international form, {@code +} and only digits,
     * found without its parse, or {@code null} when the form is another or libphonenumber would do more with it
     * (then it parses the number itself). libphonenumber's parse is most of a phone check's cost (its regular
     * expressions: possible number, viability, extension, normalisation, national prefix), which an import pays on
     * every row; what it does with {@code +} and digits reduces to: the country calling code is the shortest known
     * one among the first one to three digits (none starts with 0), the rest is the national significant number,
     * unchanged when the country's national prefix for parsing cannot start it, of 2 to 17 digits. A number whose
     * country's prefix for parsing is a pattern rather than plain digits, or which starts with that prefix or with
     * a 0 (an Italian leading zero), is left to the library. {@code PhoneNumbersTest} holds this to the library's
     * parse on every supported calling code.
     */
    static final class InternationalForm {

        /** libphonenumber's bounds on a national significant number (MIN_LENGTH_FOR_NSN, MAX_LENGTH_FOR_NSN). */
        private static final int NSN_MIN = 2;
        private static final int NSN_MAX = 17;
        private static final Set<Integer> CALLING_CODES = Set.copyOf(UTIL.getSupportedCallingCodes());
        /** By calling code: its national prefix for parsing when plain digits ("" for none), else {@link #PATTERN}. */
        private static final Map<Integer, String> PREFIXES = new ConcurrentHashMap<>();
        private static final String PATTERN = "pattern";

        private InternationalForm() {
        }

        /** @param compact a written number as {@link #compact} gives it */
        static PhoneNumber parse(String compact) {
            int length = compact.length();
            if (length < 4 || compact.charAt(0) != '+' || compact.charAt(1) == '0') {
                return null;
            }
            for (int i = 1; i < length; i++) {
                if (!isDigit(compact.charAt(i))) {
                    return null;
                }
            }
            int countryCode = 0;
            int nsnStart = 0;
            for (int i = 1; i <= 3 && i < length; i++) {
                int candidate = Integer.parseInt(compact, 1, i + 1, 10);
                if (CALLING_CODES.contains(candidate)) {
                    countryCode = candidate;
                    nsnStart = i + 1;
                    break;
                }
            }
            int nsnLength = length - nsnStart;
            if (countryCode == 0 || nsnLength < NSN_MIN || nsnLength > NSN_MAX || compact.charAt(nsnStart) == '0') {
                return null;
            }
            String prefix = PREFIXES.computeIfAbsent(countryCode, InternationalForm::prefixForParsing);
            if (PATTERN.equals(prefix) || (!prefix.isEmpty() && compact.startsWith(prefix, nsnStart))) {
                return null;
            }
            return new PhoneNumber().setCountryCode(countryCode)
                    .setNationalNumber(Long.parseLong(compact, nsnStart, length, 10));
        }

        /**
         * The national prefix for parsing of the metadata libphonenumber's parse uses for a calling code (its main
         * region's, or the non-geographical entity's): "" when it has none, the prefix when plain digits (it then
         * strips it only from a number starting with it), else {@link #PATTERN}.
         */
        private static String prefixForParsing(int countryCode) {
            String region = UTIL.getRegionCodeForCountryCode(countryCode);
            MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
            PhoneMetadata metadata = "001".equals(region) ? source.getMetadataForNonGeographicalRegion(countryCode)
                    : source.getMetadataForRegion(region);
            if (metadata == null) {
                return PATTERN;
            }
            String prefix = metadata.getNationalPrefixForParsing();
            for (int i = 0; i < prefix.length(); i++) {
                if (!isDigit(prefix.charAt(i))) {
                    return PATTERN;
                }
            }
            return prefix;
        }
    }

    /**
     * libphonenumber's {@code getNumberType}, without what it allocates on every call: the region's metadata is
     * looked up once per calling code (the library builds a resource name for each look-up), and the number-type
     * patterns are matched with a {@link Matcher} each thread keeps per pattern (the library creates one per pattern
     * tried, up to ten a number: a fifth of what a dry run's checks allocated). The type is decided as the library
     * decides it — the general pattern first, then premium rate, toll free, shared cost, VoIP, personal number,
     * pager, UAN, voicemail, and last fixed line and mobile; each pattern tried only when the number's length is one
     * of its possible lengths, and matched whole. A calling code shared by several regions (+1, +7, +44...) is left
     * to the library, which picks the region by the number itself. {@code PhoneNumbersTest} holds this to the
     * library's {@code getNumberType} on every region's example numbers, cut, lengthened and changed.
     */
    static final class NumberTypes {

        /** By calling code: the metadata of its only region, or {@link Optional#empty()} to ask the library. */
        private static final Map<Integer, Optional<PhoneMetadata>> METADATA = new ConcurrentHashMap<>();
        private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
        /** The types tried after the general pattern and before fixed line and mobile, in the library's order. */
        private static final List<Map.Entry<PhoneNumberType, Function<PhoneMetadata, PhoneNumberDesc>>> SPECIAL_TYPES =
                List.of(Map.entry(PhoneNumberType.PREMIUM_RATE, PhoneMetadata::getPremiumRate),
                        Map.entry(PhoneNumberType.TOLL_FREE, PhoneMetadata::getTollFree),
                        Map.entry(PhoneNumberType.SHARED_COST, PhoneMetadata::getSharedCost),
                        Map.entry(PhoneNumberType.VOIP, PhoneMetadata::getVoip),
                        Map.entry(PhoneNumberType.PERSONAL_NUMBER, PhoneMetadata::getPersonalNumber),
                        Map.entry(PhoneNumberType.PAGER, PhoneMetadata::getPager),
                        Map.entry(PhoneNumberType.UAN, PhoneMetadata::getUan),
                        Map.entry(PhoneNumberType.VOICEMAIL, PhoneMetadata::getVoicemail));
        /** A thread's matchers by pattern: bounded by the metadata's patterns, a few thousand at most. */
        private static final ThreadLocal<Map<String, Matcher>> MATCHERS = ThreadLocal.withInitial(HashMap::new);

        private NumberTypes() {
        }

        static PhoneNumberType of(PhoneNumber number) {
            Optional<PhoneMetadata> metadata = METADATA.computeIfAbsent(number.getCountryCode(),
                    NumberTypes::metadataOfOnlyRegion);
            if (metadata.isEmpty()) {
                return UTIL.getNumberType(number);
            }
            return of(UTIL.getNationalSignificantNumber(number), metadata.get());
        }

        private static PhoneNumberType of(String nsn, PhoneMetadata metadata) {
            if (!matches(nsn, metadata.getGeneralDesc())) {
                return PhoneNumberType.UNKNOWN;
            }
            for (Map.Entry<PhoneNumberType, Function<PhoneMetadata, PhoneNumberDesc>> special : SPECIAL_TYPES) {
                if (matches(nsn, special.getValue().apply(metadata))) {
                    return special.getKey();
                }
            }
            boolean sameAsMobile = metadata.getSameMobileAndFixedLinePattern();
            if (matches(nsn, metadata.getFixedLine())) {
                return sameAsMobile || matches(nsn, metadata.getMobile()) ? PhoneNumberType.FIXED_LINE_OR_MOBILE
                        : PhoneNumberType.FIXED_LINE;
            }
            return !sameAsMobile && matches(nsn, metadata.getMobile()) ? PhoneNumberType.MOBILE
                    : PhoneNumberType.UNKNOWN;
        }

        private static boolean matches(String nsn, PhoneNumberDesc desc) {
            List<Integer> lengths = desc.getPossibleLengthList();
            if (!lengths.isEmpty() && !lengths.contains(nsn.length())) {
                return false;
            }
            String pattern = desc.getNationalNumberPattern();
            if (pattern.isEmpty()) {
                return false;
            }
            Map<String, Matcher> matchers = MATCHERS.get();
            Matcher matcher = matchers.get(pattern);
            if (matcher == null) {
                matcher = PATTERNS.computeIfAbsent(pattern, Pattern::compile).matcher(nsn);
                matchers.put(pattern, matcher);
            } else {
                matcher.reset(nsn);
            }
            return matcher.matches();
        }

        private static Optional<PhoneMetadata> metadataOfOnlyRegion(int countryCode) {
            List<String> regions = UTIL.getRegionCodesForCountryCode(countryCode);
            if (regions.size() != 1) {
                return Optional.empty();
            }
            MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
            return Optional.ofNullable("001".equals(regions.get(0))
                    ? source.getMetadataForNonGeographicalRegion(countryCode)
                    : source.getMetadataForRegion(regions.get(0)));
        }
    }

    /** The ISO 3166 region a COUNTRY cell names: a code of two or three letters, or a name. */
    static Optional<String> regionOfCountry(String country) {
        if (country == null || country.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CountryNames.BY_KEY.get(key(country)));
    }

    static Optional<String> regionOfLanguage(MailLanguage language) {
        if (language == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (language) {
            case EN -> null;
            case FR -> "FR";
            case DE -> "DE";
            case NL -> "NL";
            case ES -> "ES";
            case IT -> "IT";
            case PT_BR -> "BR";
            case ZH_CN -> "CN";
            case JA -> "JP";
            case TH -> "TH";
        });
    }

    /** Case, accents, spaces and punctuation do not matter: "côte d'ivoire" is "Côte d’Ivoire". */
    private static String key(String text) {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("[\\p{M}\\p{P}\\p{Z}\\s]", "")
                .toLowerCase(Locale.ROOT);
    }

    /** Built on first use: every region libphonenumber knows, by its codes and its names in these languages. */
    private static final class CountryNames {

        static final Map<String, String> BY_KEY = build();

        private static Map<String, String> build() {
            List<Locale> languages = Stream.concat(Stream.of(Locale.ENGLISH),
                    Stream.of(MailLanguage.values()).map(MailLanguage::locale)).toList();
            Map<String, String> byKey = new HashMap<>();
            for (String region : UTIL.getSupportedRegions()) {
                Locale locale = new Locale("", region);
                byKey.putIfAbsent(key(region), region);
                try {
                    byKey.putIfAbsent(key(locale.getISO3Country()), region);
                } catch (java.util.MissingResourceException e) {
                    // a region without an alpha-3 code (such as XK): its other names still count
                }
                for (Locale language : languages) {
                    byKey.putIfAbsent(key(locale.getDisplayCountry(language)), region);
                }
            }
            // what people write that is no ISO code
            byKey.putIfAbsent("uk", "GB");
            byKey.putIfAbsent("usa", "US");
            return Map.copyOf(byKey);
        }
    }
}
