package io.roster.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BinaryCopyRowsTest {

    private static final String HEADER = "5047434f50590aff0d0a00" + "00000000" + "00000000";

    @Test
    void writesTheSignatureFlagsAndTrailerAroundTheRows() throws IOException {
        BinaryCopyRows rows = new BinaryCopyRows(0);

        assertThat(hex(rows.end())).isEqualTo(HEADER + "ffff");
    }

    @Test
    void writesEachValueAsTheServerKeepsIt() throws IOException {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(7)
                .uuid(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"))
                .text("é")
                .int8(10L << 30)
                .int4(null)
                .bool(true)
                .timestamptz(Instant.parse("2000-01-01T00:00:01.000002Z"))
                .timestamptz(Instant.parse("1999-12-31T23:59:59Z"));

        assertThat(hex(rows.end())).isEqualTo(HEADER + "0007"
                + "00000010" + "00112233445566778899aabbccddeeff"
                + "00000002" + "c3a9"
                + "00000008" + "0000000280000000"
                + "ffffffff"
                + "00000001" + "01"
                + "00000008" + "00000000000f4242"
                + "00000008" + "fffffffffff0bdc0"
                + "ffff");
        assertThat(rows.rows()).isEqualTo(1);
    }

    @Test
    void writesTextArraysWithTheirDimensionAndElementType() throws IOException {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(3).textArray(List.of()).textArray(List.of("ab")).textArray(Arrays.asList("a", null));

        assertThat(hex(rows.end())).isEqualTo(HEADER + "0003"
                + "0000000c" + "00000000" + "00000000" + "00000019"
                + "0000001a" + "00000001" + "00000000" + "00000019" + "00000001" + "00000001" + "00000002" + "6162"
                + "0000001d" + "00000001" + "00000001" + "00000019" + "00000002" + "00000001"
                + "00000001" + "61" + "ffffffff"
                + "ffff");
    }

    @Test
    void startsAgainFromTheHeaderWhenCleared() throws IOException {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(1).text("a long enough text to grow the buffer beyond its first sixty-four bytes, twice over");
        rows.end();

        rows.clear();
        rows.row(1).text("a");

        assertThat(hex(rows.end())).isEqualTo(HEADER + "0001" + "00000001" + "61" + "ffff");
        assertThat(rows.rows()).isEqualTo(1);
    }

    private static String hex(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return HexFormat.of().formatHex(out.toByteArray());
    }
}
