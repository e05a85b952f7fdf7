package io.roster.audit.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.testsupport.SharedInfrastructure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The writer hashes an entry's details in {@link JsonbText}'s form and the verifier hashes what PostgreSQL prints
 * back: on the real database, every text in that form comes back unchanged — every golden sample's payload as the
 * writer renders it, and JSON of every kind of key, string and number.
 */
class JsonbTextIT {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private static JdbcClient database() {
        var postgres = SharedInfrastructure.get().database();
        return JdbcClient.create(new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password()));
    }

    private static List<String> printedBack(JdbcClient jdbc, List<String> texts) {
        List<String> printed = new ArrayList<>();
        for (String text : texts) {
            printed.add(jdbc.sql("SELECT ?::jsonb::text").param(text).query(String.class).single());
        }
        return printed;
    }

    @Test
    void everyGoldenSamplesPayloadComesBackAsWritten() {
        List<String> written = new ArrayList<>();
        for (MessageType type : MessageType.values()) {
            written.add(JsonbText.of(CODEC.mapper().valueToTree(GoldenSamples.envelope(type).payload())));
        }
        assertThat(printedBack(database(), written)).containsExactlyElementsOf(written);
    }

    @Test
    void keysStringsAndNumbersOfEveryKindComeBackAsWritten() {
        List<String> written = new ArrayList<>();
        for (String json : List.of(
                "{}", "[]", "{\"a\": []}", "[{}, [], null, true, false]",
                // keys: by length first, then bytewise, multibyte ones by their bytes
                "{\"bb\": 1, \"a\": 2, \"ccc\": 3, \"B\": 4, \"é\": 5, \"z\": 6, \"日本\": 7, \"\\u0001\": 8}",
                // strings: the short escapes, other control characters, quotes, backslash, slash, DEL, non-ASCII
                "{\"s\": \"tab\\there\\nnew\\r\\b\\f \\u0001\\u001f \\\" \\\\ / \\u007f é 日本 \\ud83d\\ude00\"}",
                "{\"nul\": \"before\\u0000after\"}",
                // numbers: integers of any size, decimals with their scale, exponents, negative zero
                "[0, -1, 12345678901234567890123, 1.50, 0.1, -0.0, 1e3, 1.0E10, 1.23e-5, 2E+2, 100]",
                "{\"nested\": {\"deeper\": [1, {\"x\": \"y\", \"a\": null}]}, \"list\": [\"a\", \"b\"]}")) {
            written.add(JsonbText.ofJson(json));
        }
        assertThat(printedBack(database(), written)).containsExactlyElementsOf(written);
        assertThat(written.get(4)).isEqualTo(
                "{\"\\u0001\": 8, \"B\": 4, \"a\": 2, \"z\": 6, \"bb\": 1, \"é\": 5, \"ccc\": 3, \"日本\": 7}");
        assertThat(written.get(6)).isEqualTo("{\"nul\": \"before\uFFFDafter\"}");
    }
}
