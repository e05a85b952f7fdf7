package io.roster.importer.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prescan checks UTF-8 on the bytes, without decoding: it must accept exactly what Java's UTF-8 decoder accepts
 * (reading the file with it afterwards must never meet a malformed sequence) and refuse the rest on its line.
 */
class CsvPrescanTest {

    /** Bytes where UTF-8's rules change: ASCII, continuation bounds, lead bytes of each length, never-valid ones. */
    private static final int[] EDGES = {0x01, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
        0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF};

    private static final CharsetDecoder DECODER = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    @TempDir
    Path dir;

    @Test
    void acceptsExactlyWhatJavasDecoderAcceptsForEveryOneAndTwoByteSequence() {
        for (int a = 1; a < 256; a++) {
            assertSameVerdict(new byte[] {(byte) a});
            for (int b = 1; b < 256; b++) {
                assertSameVerdict(new byte[] {(byte) a, (byte) b});
            }
        }
    }

    @Test
    void acceptsExactlyWhatJavasDecoderAcceptsForLongerSequencesOfItsEdgeBytes() {
        for (int a : EDGES) {
            for (int b : EDGES) {
                for (int c : EDGES) {
                    assertSameVerdict(new byte[] {(byte) a, (byte) b, (byte) c});
                    for (int d : a >= 0xF0 ? EDGES : new int[0]) {
                        assertSameVerdict(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
                    }
                }
            }
        }
        Random random = new Random(19);
        for (int n = 0; n < 50_000; n++) {
            byte[] bytes = new byte[1 + random.nextInt(12)];
            for (int i = 0; i < bytes.length; i++) {
                int edge = EDGES[random.nextInt(EDGES.length)];
                bytes[i] = (byte) (random.nextInt(4) == 0 ? 1 + random.nextInt(255) : edge);
            }
            assertSameVerdict(bytes);
        }
    }

    @Test
    void acceptsEveryCharacterOfUnicodeAsUtf8WritesIt() {
        StringBuilder all = new StringBuilder();
        for (int cp = 1; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                all.appendCodePoint(cp);
            }
        }
        byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
        CsvPrescan.Utf8 utf8 = new CsvPrescan.Utf8();
        for (byte b : bytes) {
            assertThat(utf8.accepts(b)).isTrue();
        }
        assertThat(utf8.complete()).isTrue();
    }

    @Test
    void refusesASequenceCutByALineEndOnItsLine() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("LASTNAME,FIRSTNAME\nDurand,Zoé\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(new byte[] {'D', 'u', (byte) 0xE2, (byte) 0x82, '\n'});
        file.writeBytes("Martin,Léo\n".getBytes(StandardCharsets.UTF_8));
        assertRefusedOnLine(file.toByteArray(), 3);
    }

    @Test
    void refusesSurrogatesOverlongFormsAndCodePointsPastTheLast() throws Exception {
        for (String bad : new String[] {"eda080", "c0af", "e080af", "f08282ac", "f4908080", "f5808080", "80", "fe"}) {
            byte[] cell = HexFormat.of().parseHex(bad);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes("LASTNAME\nok\nok\nx".getBytes(StandardCharsets.UTF_8));
            file.writeBytes(cell);
            file.writeBytes("y\n".getBytes(StandardCharsets.UTF_8));
            assertRefusedOnLine(file.toByteArray(), 4);
        }
    }

    @Test
    void refusesASequenceUnfinishedAtTheEndOfTheFile() throws Exception {
        byte[] text = "LASTNAME\nZo".getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(text, text.length + 1);
        cut[text.length] = (byte) 0xC3;
        assertRefusedOnLine(cut, 2);
        byte[] whole = Arrays.copyOf(cut, cut.length + 1);
        whole[cut.length] = (byte) 0xA9;
        assertThatCode(() -> CsvPrescan.check(Files.write(dir.resolve("whole.csv"), whole), "users.csv", ','))
                .doesNotThrowAnyException();
    }

    private void assertRefusedOnLine(byte[] bytes, int line) throws Exception {
        Path file = Files.write(dir.resolve("bad.csv"), bytes);
        assertThatThrownBy(() -> CsvPrescan.check(file, "users.csv", ','))
                .hasMessageContaining("line " + line + " ").extracting("code").isEqualTo("not_utf8");
    }

    private static void assertSameVerdict(byte[] bytes) {
        CsvPrescan.Utf8 utf8 = new CsvPrescan.Utf8();
        boolean accepted = true;
        for (byte b : bytes) {
            if (!utf8.accepts(b)) {
                accepted = false;
                break;
            }
        }
        accepted &= utf8.complete();
        if (accepted != decodes(bytes)) {
            throw new AssertionError(HexFormat.of().formatHex(bytes) + (accepted ? " accepted" : " refused")
                    + ", but Java's decoder " + (accepted ? "refuses" : "accepts") + " it");
        }
    }

    private static boolean decodes(byte[] bytes) {
        // one decoder, and its results rather than its exceptions: hundreds of thousands of sequences are asked
        DECODER.reset();
        CharBuffer out = CharBuffer.allocate(2 * bytes.length + 2);
        return !DECODER.decode(ByteBuffer.wrap(bytes), out, true).isError() && !DECODER.flush(out).isError();
    }
}
