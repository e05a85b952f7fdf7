package io.roster.audit.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COPY's text format written as bytes: escapes, null, NUL and every kind of character as PostgreSQL reads them. */
class CopyTextTest {

    @Test
    void plainValuesAreCopiedAsTheyAre() throws IOException {
        CopyText text = new CopyText(0).field("acme", '\t').field("2026-11-23T09:00:00Z", '\t').field("", '\n');
        assertThat(text.stream().readAllBytes()).isEqualTo("acme\t2026-11-23T09:00:00Z\t\n"
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nullIsBackslashN() {
        assertThat(new CopyText(0).field(null, '\t').field("x", '\n').text()).isEqualTo("\\N\tx\n");
    }

    @Test
    void separatorsBackslashesAndNulAreEscapedOrReplaced() {
        assertThat(new CopyText(0).field("tab\there\nnew line \\N \\. back\\slash\r\u0000end", '\n').text())
                .isEqualTo("tab\\there\\nnew line \\\\N \\\\. back\\\\slash\\r\uFFFDend\n");
    }

    @Test
    void anyCharacterIsWrittenInUtf8() throws IOException {
        for (String value : List.of("é", "Zoë\tO'Brien", "日本語", "emoji \uD83D\uDE00", "lone \uD800 surrogate",
                "{\"login\":\"ada\\u0000\"}", "\u007f\u0080\u00ff")) {
            String expected = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                    .replace("\r", "\\r").replace('\u0000', '\uFFFD') + "\t";
            assertThat(new CopyText(1).field(value, '\t').stream().readAllBytes()).as(value)
                    .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theBufferGrowsAsRowsAreAdded() {
        CopyText text = new CopyText(1);
        String[] values = new String[10_000];
        Arrays.fill(values, "0123456789");
        for (String value : values) {
            text.field(value, '\n');
        }
        assertThat(text.text()).hasSize(110_000).startsWith("0123456789\n0123456789\n");
    }
}
