package io.roster.importer.job;

import io.roster.importer.ImportProperties;
import io.roster.importer.file.ImportFile;
import io.roster.importer.file.ImportFileException;
import io.roster.importer.file.ImportFiles;
import io.roster.importer.upload.FileStore;
import io.roster.importer.upload.ReceivedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The files this instance is reading, left open between slices at the job's checkpoint. A job whose checkpoint is
 * not where this instance left it — read on by another instance, or this one restarted — is copied from the
 * {@link FileStore} again and its rows up to the checkpoint skipped. A job first opened on the instance that received
 * its upload reads the copy made while it was received ({@link ReceivedFiles}). The files of jobs read on elsewhere,
 * or ended, are closed by {@link #closeStale}.
 */
@Component("importerOpenFiles")
class OpenFiles {

    private final FileStore store;
    private final ReceivedFiles received;
    private final ImportFiles files;
    private final JobRepository jobs;
    private final ImportProperties properties;
    private final Map<UUID, Open> open = new ConcurrentHashMap<>();

    OpenFiles(FileStore store, ReceivedFiles received, ImportFiles files, JobRepository jobs,
            ImportProperties properties) {
        this.store = store;
        this.received = received;
        this.files = files;
        this.jobs = jobs;
        this.properties = properties;
    }

    private record Open(ImportFile file, Path path, long position) {
    }

    /** The job's file, positioned after its checkpoint's rows. */
    ImportFile at(ImportJob job) throws ImportFileException {
        Open cached = open.get(job.id());
        if (cached != null && cached.position() == job.rowsConsumed()) {
            return cached.file();
        }
        close(job.id());
        // the upload's own copy when this instance received it and nothing read it yet: no copy out of PostgreSQL
        Path path = received.take(job.id()).orElseGet(() -> copy(job));
        ImportFile file;
        try {
            file = files.open(path, job.fileName(), job.template(), properties.limits());
        } catch (ImportFileException | RuntimeException e) {
            delete(path);
            throw e;
        }
        open.put(job.id(), new Open(file, path, job.rowsConsumed()));
        for (long skipped = 0; skipped < job.rowsConsumed(); skipped++) {
            if (file.next() == null) {
                break;
            }
        }
        return file;
    }

    /** What is done with a file read from its start. */
    interface Reading {
        void read(ImportFile file) throws ImportFileException;
    }

    /**
     * Reads the job's file once more from its first row, on a copy of its own (the job's reading position, if this
     * instance holds one, is left alone), and removes that copy after.
     */
    void fromStart(ImportJob job, Reading reading) throws ImportFileException {
        Path path = copy(job);
        try (ImportFile file = files.open(path, job.fileName(), job.template(), properties.limits())) {
            reading.read(file);
        } finally {
            delete(path);
        }
    }

    private Path copy(ImportJob job) {
        try {
            Path dir = properties.workDir().isBlank() ? null : Files.createDirectories(Path.of(properties.workDir()));
            Path path = dir == null ? Files.createTempFile("roster-import-", ".upload")
                    : Files.createTempFile(dir, "roster-import-", ".upload");
            store.copyTo(job.id(), path);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The slice that read up to {@code position} committed. */
    void advanced(UUID jobId, long position) {
        open.computeIfPresent(jobId, (id, o) -> new Open(o.file(), o.path(), position));
    }

    void close(UUID jobId) {
        Open o = open.remove(jobId);
        if (o != null) {
            closed(o);
        }
    }

    /**
     * Closes the files of the jobs this instance will not read on from where it left them: read on by another
     * instance (which took the job once it was no longer left to this one), past their reading, or gone. Each would
     * otherwise keep its handle and its temporary copy of the upload until this instance stops, as nothing here
     * claims such a job again. A job {@code owner} holds (another of this instance's threads reading it) is left
     * alone; so is a file replaced meanwhile.
     */
    void closeStale(String owner) {
        Map<UUID, Open> held = Map.copyOf(open);
        if (held.isEmpty()) {
            return;
        }
        Map<UUID, Long> positions = new HashMap<>();
        held.forEach((id, o) -> positions.put(id, o.position()));
        for (UUID stale : jobs.notReadOnFrom(positions, owner)) {
            Open o = held.get(stale);
            if (open.remove(stale, o)) {
                closed(o);
            }
        }
    }

    /** The temporary copy of the job's file this instance holds open, if any. */
    Optional<Path> copyOf(UUID jobId) {
        return Optional.ofNullable(open.get(jobId)).map(Open::path);
    }

    private static void closed(Open o) {
        o.file().close();
        delete(o.path());
    }

    void closeAll() {
        open.keySet().forEach(this::close);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a temporary file: the system's cleanup removes it eventually
        }
    }
}
