package io.roster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PostgreSQL's binary COPY format, value by value (the server's own send/receive functions define it). */
class BinaryCopyRowsTest {

    private static final String HEADER = "5047434f50590aff0d0a00" + "00000000" + "00000000";
    private static final String NULL = "ffffffff";

    @Test
    void writesTheSignatureFlagsAndTrailerAroundTheRows() {
        assertThat(hex(new BinaryCopyRows(0))).isEqualTo(HEADER + "ffff");
    }

    @Test
    void writesEachTypeAsTheServerKeepsIt() {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(8)
                .uuid(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"))
                .text("é")
                .text("")
                .int8(10L << 30)
                .int4(-2)
                .bool(true)
                .bool(false)
                .utf8(new byte[] {0, 1, (byte) 0xff});

        assertThat(hex(rows)).isEqualTo(HEADER + "0008"
                + "00000010" + "00112233445566778899aabbccddeeff"
                + "00000002" + "c3a9"
                + "00000000"
                + "00000008" + "0000000280000000"
                + "00000004" + "fffffffe"
                + "00000001" + "01"
                + "00000001" + "00"
                + "00000003" + "0001ff"
                + "ffff");
        assertThat(rows.rows()).isEqualTo(1);
    }

    @Test
    void writesANullOfEveryType() {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(9).uuid(null).text(null).int8(null).int4(null).bool(null).utf8(null).timestamptz(null)
                .textArray(null).nullValue();

        assertThat(hex(rows)).isEqualTo(HEADER + "0009" + NULL.repeat(9) + "ffff");
    }

    @Test
    void writesTextOutsideAsciiAsUtf8WhereverItStarts() {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(2).text("abc€").text("日本");

        assertThat(hex(rows)).isEqualTo(HEADER + "0002"
                + "00000006" + hexOf("abc€") + "00000006" + hexOf("日本") + "ffff");
    }

    @Test
    void writesTimestampsAsMicrosecondsFrom2000RoundedAsPostgresRoundsText() {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(6)
                .timestamptz(Instant.parse("2000-01-01T00:00:01.000002Z"))
                .timestamptz(Instant.parse("1999-12-31T23:59:59Z"))
                .timestamptz(Instant.parse("2000-01-01T00:00:00.000000501Z"))
                .timestamptz(Instant.parse("2000-01-01T00:00:00.000000500Z"))
                .timestamptz(Instant.parse("2000-01-01T00:00:00.000001500Z"))
                .timestamptz(Instant.parse("2000-01-01T00:00:00.000000499Z"));

        assertThat(hex(rows)).isEqualTo(HEADER + "0006"
                + "00000008" + "00000000000f4242"
                + "00000008" + "fffffffffff0bdc0"
                + "00000008" + "0000000000000001" // above a half: up
                + "00000008" + "0000000000000000" // a half, to even: down
                + "00000008" + "0000000000000002" // a half, to even: up
                + "00000008" + "0000000000000000"
                + "ffff");
    }

    @Test
    void writesTextArraysWithTheirDimensionAndElementType() {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(3).textArray(List.of()).textArray(List.of("ab")).textArray(Arrays.asList("a", null));

        assertThat(hex(rows)).isEqualTo(HEADER + "0003"
                + "0000000c" + "00000000" + "00000000" + "00000019"
                + "0000001a" + "00000001" + "00000000" + "00000019" + "00000001" + "00000001" + "00000002" + "6162"
                + "0000001d" + "00000001" + "00000001" + "00000019" + "00000002" + "00000001"
                + "00000001" + "61" + NULL
                + "ffff");
    }

    @Test
    void growsItsBufferAsRowsComeAndTakesNoRowAfterTheEnd() {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        String longText = "x".repeat(1000);
        for (int i = 0; i < 3; i++) {
            rows.row(1).text(longText);
        }

        assertThat(hex(rows)).isEqualTo(HEADER + ("0001" + "000003e8" + hexOf(longText)).repeat(3) + "ffff");
        assertThat(rows.rows()).isEqualTo(3);
        assertThatThrownBy(() -> rows.row(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writesASmallintAsTwoBytesAndRefusesOneOutsideItsRange() {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(3).int2(258).int2(-1).int2(null);

        assertThat(hex(rows)).isEqualTo(HEADER + "0003"
                + "00000002" + "0102"
                + "00000002" + "ffff"
                + NULL
                + "ffff");
        assertThatThrownBy(() -> new BinaryCopyRows(0).row(1).int2(32_768))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesAJsonbAsItsVersionThenItsTextAndAByteaAsItsBytes() {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(3).jsonb("{}".getBytes(StandardCharsets.UTF_8)).jsonb(null).bytea(new byte[] {1, 2});

        assertThat(hex(rows)).isEqualTo(HEADER + "0003"
                + "00000003" + "01" + "7b7d"
                + NULL
                + "00000002" + "0102"
                + "ffff");
    }

    @Test
    void writesTextAsItsBytesWithoutEscapingAnything() {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(1).text("L\u00e9o\tO'Hara \"x\" \\");

        assertThat(hex(rows)).isEqualTo(HEADER + "0001"
                + "00000011" + "4cc3a96f" + "09" + "4f2748617261" + "20" + "22782220" + "5c"
                + "ffff");
    }

    @Test
    void writesMicrosecondsSince1970AsTheyAreFrom2000() {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(3)
                .timestamptzMicros(946_684_801_000_002L)
                .timestamptzMicros(946_684_799_999_999L)
                .timestamptz(Instant.parse("1999-12-31T23:59:59.999999Z"));

        assertThat(hex(rows)).isEqualTo(HEADER + "0003"
                + "00000008" + "00000000000f4242"
                + "00000008" + "ffffffffffffffff"
                + "00000008" + "ffffffffffffffff"
                + "ffff");
    }

    @Test
    void startsAgainFromTheHeaderWhenCleared() {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(1).text("a long enough text to grow the buffer beyond its first sixty-four bytes, twice over");
        rows.toByteArray();

        rows.clear();
        rows.row(1).text("a");

        assertThat(hex(rows)).isEqualTo(HEADER + "0001" + "00000001" + "61" + "ffff");
        assertThat(rows.rows()).isEqualTo(1);
    }

    @Test
    void streamsTheWholeCopyItWritesWithoutCopyingIt() throws IOException {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(1).int4(7);

        assertThat(HexFormat.of().formatHex(rows.toInputStream().readAllBytes()))
                .isEqualTo(HEADER + "0001" + "00000004" + "00000007" + "ffff");
    }

    @Test
    void aPartIsItsRowsAloneAndTheHeaderAndTrailerFrameAStreamOfParts() {
        BinaryCopyRows first = BinaryCopyRows.part(0);
        first.row(1).int8(-2L);
        BinaryCopyRows second = BinaryCopyRows.part(0);
        second.row(1).bool(true);

        assertThat(hex(first)).isEqualTo("0001" + "00000008" + "fffffffffffffffe");
        assertThat(HexFormat.of().formatHex(BinaryCopyRows.header())).isEqualTo(HEADER);
        assertThat(HexFormat.of().formatHex(BinaryCopyRows.trailer())).isEqualTo("ffff");
        BinaryCopyRows whole = new BinaryCopyRows(0);
        whole.row(1).int8(-2L).row(1).bool(true);
        assertThat(HexFormat.of().formatHex(BinaryCopyRows.header()) + hex(first) + hex(second)
                + HexFormat.of().formatHex(BinaryCopyRows.trailer())).isEqualTo(hex(whole));

        first.clear();
        assertThat(first.toByteArray()).isEmpty();
        assertThatThrownBy(second::toInputStream).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> second.copyInto(null, "COPY t FROM STDIN (FORMAT binary)"))
                .isInstanceOf(IllegalStateException.class);
    }

    private static String hex(BinaryCopyRows rows) {
        return HexFormat.of().formatHex(rows.toByteArray());
    }

    private static String hexOf(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
