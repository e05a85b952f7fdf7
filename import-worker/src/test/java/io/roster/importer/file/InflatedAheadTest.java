package io.roster.importer.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InflatedAheadTest {

    @Test
    void handsOverEveryByteInOrderWhateverTheReads() throws IOException {
        Random random = new Random(19);
        int chunk = InflatedAhead.CHUNK;
        for (int size : new int[] {0, 1, chunk - 1, chunk, chunk + 1, 5 * chunk + 7, 13 * chunk}) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            try (InputStream in = InflatedAhead.start(new ByteArrayInputStream(bytes), "test")) {
                byte[] buffer = new byte[3 * chunk];
                while (true) {
                    if (random.nextInt(10) == 0) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        read.write(b);
                    } else {
                        int offset = random.nextInt(100);
                        int n = in.read(buffer, offset, 1 + random.nextInt(buffer.length - offset - 1));
                        if (n < 0) {
                            break;
                        }
                        read.write(buffer, offset, n);
                    }
                }
                assertThat(in.read()).as("still at the end").isEqualTo(-1);
            }
            assertThat(read.toByteArray()).as("%d bytes", size).isEqualTo(bytes);
        }
    }

    @Test
    void whatTheEntryThrowsIsThrownToTheReaderWhereItHappened() throws IOException {
        IOException bomb = new IOException("Zip bomb detected! The file would exceed the max. ratio");
        int before = 3 * InflatedAhead.CHUNK + 100;
        try (InputStream in = InflatedAhead.start(failingAfter(before, bomb), "test")) {
            assertThat(in.readNBytes(before)).hasSize(before);
            assertThatThrownBy(in::read).isSameAs(bomb);
        }
        IllegalStateException damaged = new IllegalStateException("damaged entry");
        try (InputStream in = InflatedAhead.start(failingAfter(10, damaged), "test")) {
            assertThatThrownBy(() -> in.readNBytes(100)).isSameAs(damaged);
        }
    }

    @Test
    void readsOnlyAFewChunksAheadAndClosingStopsTheThreadAndClosesTheEntry() throws IOException {
        AtomicLong inflated = new AtomicLong();
        AtomicBoolean entryClosed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                inflated.incrementAndGet();
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'x');
                inflated.addAndGet(length);
                return length;
            }

            @Override
            public void close() {
                entryClosed.set(true);
            }
        };
        InflatedAhead in = InflatedAhead.start(endless, "test");
        assertThat(in.read()).isEqualTo('x');
        long bound = (InflatedAhead.CHUNKS_AHEAD + 2L) * InflatedAhead.CHUNK;
        // it fills the queue, then waits for the reader
        await().atMost(Duration.ofSeconds(30)).until(() -> inflated.get() >= (InflatedAhead.CHUNKS_AHEAD)
                * (long) InflatedAhead.CHUNK);
        assertThat(inflated.get()).isLessThanOrEqualTo(bound);
        in.close();
        assertThat(entryClosed).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("xlsx-inflate test")
                && t.isAlive());
    }

    private static InputStream failingAfter(int bytes, Exception failure) {
        return new InputStream() {
            int left = bytes;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left == 0) {
                    if (failure instanceof IOException io) {
                        throw io;
                    }
                    throw (RuntimeException) failure;
                }
                int n = Math.min(left, Math.min(length, 1000));
                left -= n;
                return n;
            }
        };
    }
}
