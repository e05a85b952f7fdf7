package io.roster.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void aCursorReadsBackAndAnythingElseIsRefused() {
        Cursor cursor = new Cursor(Instant.parse("2026-12-04T10:15:30.123456Z"), 42);
        assertThat(Cursor.decode(cursor.encode())).contains(cursor);
        assertThat(Cursor.decode("AAAA")).isEmpty();
        assertThat(Cursor.decode("not base64!")).isEmpty();
        assertThat(Cursor.decode("")).isEmpty();
    }
}
