package io.roster.importer.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.importer.ImportClock;
import io.roster.importer.ImportProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The upload's local copy: the bytes read, kept for one taker, and never left behind. */
class ReceivedFilesTest {

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-05T03:00:00Z"));

    private ReceivedFiles received() {
        ImportProperties properties = new ImportProperties(DataSize.ofGigabytes(1), 1_000_000, 32_767, 5000, 25000, 2,
                Duration.ofMinutes(2), Duration.ofMillis(200), "group", dir.toString(), Duration.ofMinutes(2));
        return new ReceivedFiles(properties, new ImportClock(new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        }));
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Reads as the file store does: whole chunks, then the rest. */
    private static long readAsTheStoreDoes(InputStream in) throws IOException {
        byte[] chunk = new byte[1 << 20];
        long size = 0;
        for (int n = in.readNBytes(chunk, 0, chunk.length); n > 0; n = in.readNBytes(chunk, 0, chunk.length)) {
            size += n;
        }
        return size;
    }

    @Test
    void theCopyHoldsTheBytesReadAndIsTakenOnce() throws Exception {
        ReceivedFiles received = received();
        byte[] upload = bytes(3 * (1 << 20) + 12345);
        UUID job = UUID.randomUUID();
        ReceivedFiles.Copy copy = received.copy(new ByteArrayInputStream(upload));
        long size = readAsTheStoreDoes(copy);
        received.keep(job, copy, size);
        Path taken = received.take(job).orElseThrow();
        assertThat(Files.readAllBytes(taken)).isEqualTo(upload);
        assertThat(received.take(job)).isEmpty();
        assertThat(received.take(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aCopyOfAnotherSizeThanTheStoredFileIsNotKept() throws Exception {
        ReceivedFiles received = received();
        UUID job = UUID.randomUUID();
        ReceivedFiles.Copy copy = received.copy(new ByteArrayInputStream(bytes(1000)));
        readAsTheStoreDoes(copy);
        received.keep(job, copy, 999);
        assertThat(received.take(job)).isEmpty();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aFailedUploadOrARolledBackJobLeavesNoFile() throws Exception {
        ReceivedFiles received = received();
        ReceivedFiles.Copy failed = received.copy(new ByteArrayInputStream(bytes(5000)));
        failed.readNBytes(100);
        received.discard(failed);
        UUID job = UUID.randomUUID();
        ReceivedFiles.Copy copy = received.copy(new ByteArrayInputStream(bytes(5000)));
        received.keep(job, copy, readAsTheStoreDoes(copy));
        received.discard(job);
        assertThat(received.take(job)).isEmpty();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aCopyNoWorkerHereTookIsDeletedAfterAWhile() throws Exception {
        ReceivedFiles received = received();
        UUID readElsewhere = UUID.randomUUID();
        ReceivedFiles.Copy copy = received.copy(new ByteArrayInputStream(bytes(5000)));
        received.keep(readElsewhere, copy, readAsTheStoreDoes(copy));
        now.set(now.get().plus(ReceivedFiles.KEPT_FOR).plusSeconds(1));
        UUID fresh = UUID.randomUUID();
        ReceivedFiles.Copy next = received.copy(new ByteArrayInputStream(bytes(10)));
        received.keep(fresh, next, readAsTheStoreDoes(next));
        assertThat(received.take(readElsewhere)).isEmpty();
        assertThat(received.take(fresh)).isPresent();
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
        received.destroy();
    }
}
