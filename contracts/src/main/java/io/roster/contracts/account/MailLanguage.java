package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The ten mail languages of the templates, by their codes (en / fr / de / nl / es / it / pt-br / zh-cn / ja / th). */
public enum MailLanguage {
    EN("en"), FR("fr"), DE("de"), NL("nl"), ES("es"), IT("it"), PT_BR("pt-br"), ZH_CN("zh-cn"), JA("ja"), TH("th");

    private final String code;

    MailLanguage(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    /** Case-insensitive; tolerates spaces and underscores as the templates' "pt - br" shows. */
    public static Optional<MailLanguage> fromCode(String value) {
        if (value == null) {
            return Optional.empty();
        }
        MailLanguage plain = plainCode(value);
        if (plain != null) {
            return Optional.of(plain);
        }
        String normalized = value.replace(" ", "").replace('_', '-').toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.code.equals(normalized)).findFirst();
    }

    private static final MailLanguage[] LANGUAGES = values();

    /**
     * The language a code written as such names (ASCII letters and hyphens in any case: what nearly every cell holds),
     * found without the normalised copy; null for anything else, which {@link #fromCode} reads the long way. An ASCII
     * text without spaces and underscores lower-cases letter by letter, so both ways agree.
     */
    private static MailLanguage plainCode(String value) {
        for (MailLanguage language : LANGUAGES) {
            String code = language.code;
            if (code.length() != value.length()) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < code.length() && same; i++) {
                char c = value.charAt(i);
                same = (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) == code.charAt(i);
            }
            if (same) {
                return language;
            }
        }
        return null;
    }

    @JsonCreator
    static MailLanguage json(String value) {
        return fromCode(value).orElseThrow(() -> new IllegalArgumentException("unknown mail language: " + value));
    }
}
