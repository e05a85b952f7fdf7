package io.roster.importer.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextRunGuardTest {

    /** The rule as it reads: refused once more than MAX_RUN bytes follow the last '<' (or the start). */
    private static long refusedAt(byte[] bytes) {
        long run = 0;
        for (int i = 0; i < bytes.length; i++) {
            run = bytes[i] == '<' ? 0 : run + 1;
            if (run > TextRunGuard.MAX_RUN) {
                return i;
            }
        }
        return -1;
    }

    /** Reads it all in reads of random sizes; the bytes handed over before the refusal, or -1 read whole. */
    private static long readUntilRefused(byte[] bytes, Random random, int maxRead) throws IOException {
        long handed = 0;
        try (InputStream in = new TextRunGuard(new ByteArrayInputStream(bytes))) {
            byte[] buffer = new byte[maxRead + 16];
            while (true) {
                int offset = random.nextInt(16);
                int n = random.nextInt(8) == 0 ? readOne(in, buffer, offset)
                        : in.read(buffer, offset, 1 + random.nextInt(maxRead));
                if (n < 0) {
                    return -1;
                }
                if (!Arrays.equals(buffer, offset, offset + n, bytes, (int) handed, (int) handed + n)) {
                    throw new AssertionError("bytes " + handed + " to " + (handed + n) + " handed over changed");
                }
                handed += n;
            }
        } catch (TextRunGuard.TextTooLongException e) {
            return handed;
        }
    }

    private static int readOne(InputStream in, byte[] buffer, int offset) throws IOException {
        int b = in.read();
        if (b < 0) {
            return -1;
        }
        buffer[offset] = (byte) b;
        return 1;
    }

    @Test
    void refusesTheTextRunOverTheBoundWhateverTheReadsAndPassesEveryOther() throws IOException {
        Random random = new Random(19);
        int max = TextRunGuard.MAX_RUN;
        for (int round = 0; round < 60; round++) {
            // markup at random places, runs just under, at and over the bound, across reads of every size
            byte[] bytes = new byte[max + 1 + random.nextInt(max)];
            Arrays.fill(bytes, (byte) 'a');
            int marks = random.nextInt(4);
            for (int m = 0; m < marks; m++) {
                bytes[random.nextInt(bytes.length)] = '<';
            }
            if (round % 3 == 0) {
                int at = random.nextInt(bytes.length - max);
                bytes[at] = '<';
                int end = at + max + (round % 2);
                if (end < bytes.length) {
                    bytes[end] = '<';
                }
                for (int i = at + 1; i < end && i < bytes.length; i++) {
                    bytes[i] = 'b';
                }
            }
            long expected = refusedAt(bytes);
            int maxRead = round % 4 == 0 ? 2 * max : 1 + random.nextInt(round % 2 == 0 ? 64 : 1 << 16);
            long handed = readUntilRefused(bytes, random, maxRead);
            if (expected < 0) {
                assertThat(handed).as("round %d: read whole", round).isEqualTo(-1);
            } else {
                assertThat(handed).as("round %d: refused with the read holding byte %d", round, expected)
                        .isLessThanOrEqualTo(expected).isGreaterThan(expected - maxRead - 1);
            }
        }
    }

    @Test
    void aSheetOfShortTextsPassesWhole() throws IOException {
        StringBuilder xml = new StringBuilder("<sheetData>");
        for (int i = 0; i < 50_000; i++) {
            xml.append("<c r=\"A").append(i).append("\"><is><t>text ").append(i).append("</t></is></c>");
        }
        byte[] bytes = xml.append("</sheetData>").toString().getBytes();
        assertThat(readUntilRefused(bytes, new Random(1), 4000)).isEqualTo(-1);
        assertThat(readUntilRefused(("<t>" + "x".repeat(TextRunGuard.MAX_RUN + 1)).getBytes(), new Random(2), 1 << 16))
                .isGreaterThan(TextRunGuard.MAX_RUN - (1 << 16));
    }
}
