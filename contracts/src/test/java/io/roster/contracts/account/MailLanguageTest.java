package io.roster.contracts.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link MailLanguage#fromCode} reads a code as its normalised form says (spaces dropped, _ as -, lower case). */
class MailLanguageTest {

    @Test
    void readsEveryWrittenFormAsItsNormalisedForm() {
        Random random = new Random(3);
        String alphabet = "enfrdlsitpbzhcjaENFRDLSITPBZHCJA- _İıKſ";
        List<String> inputs = new java.util.ArrayList<>(List.of("fr", "FR", "Fr", "pt-br", "PT-BR", "pt_br", "pt - br",
                "zh-CN", " fr", "fr ", "İt", "ıt", "Kr", "ſe", "", "-", "e", "enn", "pt-b"));
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(7);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            inputs.add(text.toString());
        }
        int found = 0;
        for (String input : inputs) {
            Optional<MailLanguage> read = MailLanguage.fromCode(input);
            assertThat(read).as(input).isEqualTo(normalised(input));
            found += read.isPresent() ? 1 : 0;
        }
        assertThat(found).as("inputs naming a language").isGreaterThan(100);
    }

    /** The rule as it reads: the written code normalised, then compared with each language's code. */
    private static Optional<MailLanguage> normalised(String value) {
        String normalized = value.replace(" ", "").replace('_', '-').toLowerCase(Locale.ROOT);
        return Arrays.stream(MailLanguage.values()).filter(l -> l.code().equals(normalized)).findFirst();
    }
}
