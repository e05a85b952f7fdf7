package io.roster.importer.upload;

import io.roster.adminaccess.AdminKey;
import io.roster.contracts.account.AccountTemplate;
import io.roster.importer.ImportProperties;
import io.roster.importer.http.BadImportRequestException;
import io.roster.importer.http.JobView;
import io.roster.importer.job.ImportMode;
import io.roster.importer.job.JobRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import io.roster.importer.ImportClock;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/workspaces/{ws}/imports?type=USERS|CONTACTS&mode=DRY_RUN|IMPORT[&atomic=true]}, the file in
 * the multipart field {@code file} ({@link MultipartForm}): the file is streamed into the {@link FileStore} with its
 * job, in one transaction, and the job answered 202 at once; the workers do the rest.
 */
@RestController("importerUploadController")
@RequestMapping("/api/v1/workspaces/{workspaceId}/imports")
class UploadController {

    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    private final JobRepository jobs;
    private final FileStore store;
    private final ReceivedFiles received;
    private final TransactionTemplate transactions;
    private final ImportProperties properties;
    private final ImportClock clock;

    UploadController(JobRepository jobs, FileStore store, ReceivedFiles received, TransactionTemplate transactions,
            ImportProperties properties, ImportClock clock) {
        this.jobs = jobs;
        this.store = store;
        this.received = received;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<JobView> upload(@PathVariable String workspaceId, @RequestParam(required = false) String type,
            @RequestParam(required = false) String mode, @RequestParam(required = false) String atomic,
            HttpServletRequest request) throws IOException {
        AccountTemplate template = parse("type", type, AccountTemplate.class, null);
        ImportMode importMode = parse("mode", mode, ImportMode.class, ImportMode.IMPORT);
        boolean allOrNothing = flag(atomic);
        String contentType = (String) request.getAttribute(UploadRequestFilter.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new BadImportRequestException("file", "upload the file as multipart/form-data in the field 'file'"
                    + " (curl -F file=@users.xlsx)");
        }
        String keyId = AdminKey.of(request).map(AdminKey::keyId).orElse(null);
        UUID id = UUID.randomUUID();
        long max = properties.maxFileSize().toBytes();
        try {
            MultipartForm form = new MultipartForm(request.getInputStream(), MultipartForm.boundary(contentType));
            for (MultipartForm.Part part = form.next(); part != null; part = form.next()) {
                if (!part.isFile() || !"file".equals(part.fieldName())) {
                    continue;
                }
                String fileName = fileName(part.fileName());
                InputStream content = part.content();
                try {
                    transactions.executeWithoutResult(status -> {
                        jobs.insert(id, workspaceId, template, importMode, allOrNothing, fileName, keyId,
                                request.getRemoteAddr(), clock.instant());
                        store(id, content, max);
                    });
                } catch (RuntimeException e) {
                    received.discard(id);
                    throw e;
                }
                JobView job = JobView.of(jobs.find(workspaceId, id).orElseThrow(), clock.instant());
                return ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create(job.links().get("self"))).body(job);
            }
        } catch (MultipartForm.MalformedException e) {
            throw unreadable(e);
        } catch (UploadFailed e) {
            if (e.getCause() instanceof MultipartForm.MalformedException malformed) {
                throw unreadable(malformed);
            }
            throw e.getCause();
        }
        throw new BadImportRequestException("file", "the multipart field 'file' is missing: send the file in it"
                + " (curl -F file=@users.xlsx)");
    }

    /**
     * Streams the file into the {@link FileStore}, in the caller's transaction, and keeps the local copy made on the
     * way for this instance's first reading of it ({@link ReceivedFiles}).
     */
    private void store(UUID id, InputStream content, long max) {
        ReceivedFiles.Copy copy = null;
        try (InputStream in = content) {
            copy = received.copy(in);
            long size = store.store(id, copy, max);
            jobs.fileStored(id, size);
            received.keep(id, copy, size);
        } catch (IOException e) {
            discard(copy);
            throw new UploadFailed(e);
        } catch (RuntimeException e) {
            discard(copy);
            throw e;
        }
    }

    private static BadImportRequestException unreadable(MultipartForm.MalformedException e) {
        return new BadImportRequestException("file", "the body is not a readable multipart/form-data upload: "
                + e.getMessage());
    }

    private void discard(ReceivedFiles.Copy copy) {
        if (copy != null) {
            received.discard(copy);
        }
    }

    private static <E extends Enum<E>> E parse(String name, String value, Class<E> type, E fallback) {
        if (value == null || value.isBlank()) {
            if (fallback != null) {
                return fallback;
            }
            throw new BadImportRequestException(name, name + " is required: one of " + values(type));
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadImportRequestException(name, name + " must be one of " + values(type));
        }
    }

    private static String values(Class<? extends Enum<?>> type) {
        return String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new BadImportRequestException("atomic", "atomic must be true or false");
    }

    /** The name as the admin's machine knew it, without a path, printable, bounded. */
    static String fileName(String submitted) {
        if (submitted == null || submitted.isBlank()) {
            return "upload";
        }
        String name = submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
        name = UNPRINTABLE.matcher(name).replaceAll("").strip();
        if (name.length() > 255) {
            name = name.substring(0, 255);
        }
        return name.isEmpty() ? "upload" : name;
    }

    /** An I/O failure inside the transaction, carried out of its callback. */
    private static final class UploadFailed extends RuntimeException {
        UploadFailed(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
