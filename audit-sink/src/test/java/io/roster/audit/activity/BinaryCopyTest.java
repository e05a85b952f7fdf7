package io.roster.audit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The binary COPY layout PostgreSQL documents (COPY, "Binary Format"); every IT writing entries copies it for real. */
class BinaryCopyTest {

    private static String hex(BinaryCopy copy) throws IOException {
        return HexFormat.of().formatHex(copy.end().readAllBytes());
    }

    private static final String HEADER = "5047434f50590aff0d0a00" + "00000000" + "00000000";
    private static final String TRAILER = "ffff";

    @Test
    void noRowsIsTheHeaderAndTheTrailer() throws IOException {
        assertThat(hex(new BinaryCopy(0))).isEqualTo(HEADER + TRAILER);
    }

    @Test
    void eachValueIsItsLengthAndItsBytes() throws IOException {
        BinaryCopy copy = new BinaryCopy(1).row(5)
                .uuid(UUID.fromString("0b4f8e44-6a53-4c1e-9d39-1c1b8f2a7e10"))
                .int8(258)
                .text("é")
                .text(null)
                .bytea(new byte[] {1, 2});
        assertThat(hex(copy)).isEqualTo(HEADER + "0005"
                + "00000010" + "0b4f8e446a534c1e9d391c1b8f2a7e10"
                + "00000008" + "0000000000000102"
                + "00000002" + "c3a9"
                + "ffffffff"
                + "00000002" + "0102"
                + TRAILER);
    }

    @Test
    void aSmallintIsTwoBytesAndAJsonbIsItsVersionAndItsText() throws IOException {
        assertThat(hex(new BinaryCopy(0).row(3).int2(258).jsonb("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .jsonb(null))).isEqualTo(HEADER + "0003"
                        + "00000002" + "0102"
                        + "00000003" + "01" + "7b7d"
                        + "ffffffff"
                        + TRAILER);
    }

    @Test
    void aTimestampCountsMicrosecondsFrom2000() throws IOException {
        assertThat(hex(new BinaryCopy(0).row(1).timestamptz(Instant.parse("2000-01-01T00:00:01.000002Z"))))
                .isEqualTo(HEADER + "0001" + "00000008" + "00000000000f4242" + TRAILER);
        assertThat(hex(new BinaryCopy(0).row(1).timestamptz(Instant.parse("1999-12-31T23:59:59.999999Z"))))
                .isEqualTo(HEADER + "0001" + "00000008" + "ffffffffffffffff" + TRAILER);
    }

    @Test
    void aTimeFinerThanMicrosecondsIsRefused() {
        assertThatThrownBy(() -> new BinaryCopy(0).timestamptz(Instant.parse("2026-01-01T00:00:00.0000001Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
