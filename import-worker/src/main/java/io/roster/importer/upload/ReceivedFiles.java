package io.roster.importer.upload;

import io.roster.importer.ImportClock;
import io.roster.importer.ImportProperties;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The uploads this instance received, also written to its local disk as they were streamed into the
 * {@link FileStore}, so that the worker that reads a job here first takes that copy instead of copying the file back
 * out of PostgreSQL (1.4 s of a 182 MB file's READING). PostgreSQL stays the file's storage: a job read by another
 * instance, resumed after a restart or read again from its start copies it from there as before. A copy not taken
 * within {@link #KEPT_FOR} (the job was read elsewhere) is deleted.
 */
@Component("importerReceivedFiles")
public class ReceivedFiles implements DisposableBean {

    /** How long a received copy waits for a worker of this instance. */
    static final Duration KEPT_FOR = Duration.ofMinutes(10);

    private final ImportProperties properties;
    private final ImportClock clock;
    private final Map<UUID, Received> received = new ConcurrentHashMap<>();

    public ReceivedFiles(ImportProperties properties, ImportClock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    private record Received(Path path, Instant at) {
    }

    /** An upload's bytes as they are read, copied to a local file; {@link #keep} it once the upload is stored. */
    public Copy copy(InputStream upload) {
        try {
            Path dir = properties.workDir().isBlank() ? null : Files.createDirectories(Path.of(properties.workDir()));
            Path path = dir == null ? Files.createTempFile("roster-received-", ".upload")
                    : Files.createTempFile(dir, "roster-received-", ".upload");
            return new Copy(upload, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The upload's stream, writing what is read to the local copy. */
    public static final class Copy extends FilterInputStream {

        private final Path path;
        private final OutputStream out;
        private boolean failed;

        private Copy(InputStream upload, Path path) throws IOException {
            super(upload);
            this.path = path;
            // buffered: the multipart stream hands over a few KB a read, a write to the disk each otherwise
            this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && !failed) {
                try {
                    out.write(b, off, n);
                } catch (IOException e) {
                    // a full local disk: the upload goes on into PostgreSQL, the worker copies it from there
                    failed = true;
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("an upload is read whole");
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                try {
                    out.close();
                } catch (IOException e) {
                    failed = true;
                }
            }
        }
    }

    /**
     * The job's upload is stored, in the transaction that inserts the job (no worker sees the job before it commits):
     * its local copy is kept for this instance's first reading of it. Call {@link #discard} if that transaction rolls
     * back.
     *
     * @param size the upload's size as stored: a copy of another size is not kept
     */
    public void keep(UUID jobId, Copy copy, long size) {
        sweep();
        try {
            copy.close();
            if (!copy.failed && Files.size(copy.path) == size) {
                received.put(jobId, new Received(copy.path, clock.instant()));
                return;
            }
        } catch (IOException e) {
            // not kept: the worker copies the file from PostgreSQL
        }
        delete(copy.path);
    }

    /** Deletes a copy not kept (the upload failed). */
    public void discard(Copy copy) {
        try {
            copy.close();
        } catch (IOException ignored) {
            // deleted next
        }
        delete(copy.path);
    }

    /** Forgets a job's copy and deletes it (its upload's transaction rolled back). */
    public void discard(UUID jobId) {
        Received r = received.remove(jobId);
        if (r != null) {
            delete(r.path());
        }
    }

    /**
     * The job's local copy, now the caller's (to read, then delete), when this instance received the upload and no
     * reading has taken it yet.
     */
    public Optional<Path> take(UUID jobId) {
        sweep();
        return Optional.ofNullable(received.remove(jobId)).map(Received::path);
    }

    private void sweep() {
        Instant oldest = clock.instant().minus(KEPT_FOR);
        received.forEach((id, r) -> {
            if (r.at().isBefore(oldest) && received.remove(id, r)) {
                delete(r.path());
            }
        });
    }

    @Override
    public void destroy() {
        received.keySet().forEach(this::discard);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a temporary file: the system's cleanup removes it eventually
        }
    }
}
