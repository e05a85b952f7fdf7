package io.roster.audit.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The content hash's bytes are part of every chain already written: a change of layout would make every chained
 * row look altered. The expected value was computed outside Java from the layout the class documents.
 */
class ChainContentTest {

    private static final String[] TEXTS = {"0b4f8e44-6a53-4c1e-9d39-1c1b8f2a7e10", "acme", "activity.recorded.v1",
        "SIGN_IN", null, "acc-1", "USER", "acc-1", "198.51.100.7", "req-1", "SIGN_IN Zoë 日本", "{\"login\": \"ada\"}",
        null};

    @Test
    void theContentHashKeepsItsLayout() {
        assertThat(HexFormat.of().formatHex(ChainContent.hash(1764925200123456L, TEXTS, ChainContent.sha256())))
                .isEqualTo("eca1e0c51bb6eb2181d4a6c97566f2b096ef4829a819248d6414020182bc6b10");
    }

    @Test
    void aReusedDigestGivesTheSameHashes() {
        MessageDigest digest = ChainContent.sha256();
        byte[] first = ChainContent.hash(1L, TEXTS, digest);
        ChainContent.hash(2L, new String[TEXTS.length], digest);
        assertThat(ChainContent.hash(1L, TEXTS, digest)).isEqualTo(first);
        byte[] link = ChainContent.link(new byte[32], first, digest);
        assertThat(ChainContent.link(new byte[32], first)).isEqualTo(link);
    }

    @Test
    void aTimeIsKeptInWholeMicrosecondsTheNanosecondsRoundedHalfUpAsPostgresqlDoes() {
        assertThat(ChainContent.toMicros(java.time.Instant.parse("2026-12-05T03:00:00.123456499Z")))
                .isEqualTo(java.time.Instant.parse("2026-12-05T03:00:00.123456Z"));
        assertThat(ChainContent.toMicros(java.time.Instant.parse("2026-12-05T03:00:00.123456500Z")))
                .isEqualTo(java.time.Instant.parse("2026-12-05T03:00:00.123457Z"));
        assertThat(ChainContent.toMicros(java.time.Instant.parse("2026-12-05T23:59:59.999999700Z")))
                .isEqualTo(java.time.Instant.parse("2026-12-06T00:00:00Z"));
    }

    @Test
    void aRowIsHashedFromItsTextsInUtf8AsTheyAreRead() {
        ActivityRow row = new ActivityRow(java.util.UUID.fromString(TEXTS[0]), "acme",
                java.time.Instant.ofEpochSecond(1764925200L, 123456000L), "activity.recorded.v1", "SIGN_IN", null,
                "acc-1", "USER", "acc-1", "198.51.100.7", "req-1", "SIGN_IN Zoë 日本", "{\"login\": \"ada\"}", null);
        assertThat(ChainContent.hash(ChainContent.micros(row.occurredAt()), ChainContent.texts(row),
                ChainContent.sha256())).isEqualTo(ChainContent.hash(1764925200123456L, TEXTS, ChainContent.sha256()));
    }

    @Test
    void aNullIsNotAnEmptyText() {
        String[] empty = TEXTS.clone();
        empty[4] = "";
        assertThat(ChainContent.hash(1L, empty, ChainContent.sha256()))
                .isNotEqualTo(ChainContent.hash(1L, TEXTS, ChainContent.sha256()));
    }
}
