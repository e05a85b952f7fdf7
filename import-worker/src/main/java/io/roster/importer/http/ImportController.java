package io.roster.importer.http;

import io.roster.importer.file.ErrorWorkbooks;
import io.roster.importer.file.FailedRow;
import io.roster.importer.job.ImportJob;
import io.roster.importer.job.JobRepository;
import io.roster.importer.rows.ImportRows;
import java.io.IOException;
import io.roster.importer.ImportClock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Reading an import: the job, the workspace's jobs, the errors (JSON and workbook), the progress as events. */
@RestController("importerImportController")
@RequestMapping("/api/v1/workspaces/{workspaceId}/imports")
class ImportController {

    static final int MAX_PAGE = 100_000;
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final JobRepository jobs;
    private final ImportRows rows;
    private final ObjectProvider<ErrorWorkbooks> workbooks;
    private final ProgressEvents events;
    private final ImportClock clock;

    ImportController(JobRepository jobs, ImportRows rows, ObjectProvider<ErrorWorkbooks> workbooks, ProgressEvents events,
            ImportClock clock) {
        this.jobs = jobs;
        this.rows = rows;
        this.workbooks = workbooks;
        this.events = events;
        this.clock = clock;
    }

    /** A page of items and the total. */
    record Page<T>(List<T> items, int page, int size, long total) {
    }

    @GetMapping
    Page<JobView> list(@PathVariable String workspaceId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        checkPage(page, size);
        return new Page<>(jobs.list(workspaceId, page * size, size).stream()
                .map(job -> JobView.of(job, clock.instant())).toList(), page, size, jobs.count(workspaceId));
    }

    @GetMapping("/{id}")
    JobView get(@PathVariable String workspaceId, @PathVariable String id) {
        return JobView.of(job(workspaceId, id), clock.instant());
    }

    @GetMapping("/{id}/errors")
    Page<ImportRows.CellError> errors(@PathVariable String workspaceId, @PathVariable String id,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        checkPage(page, size);
        ImportJob job = job(workspaceId, id);
        return new Page<>(rows.errors(job.id(), page * size, size), page, size, rows.errorCount(job.id()));
    }

    @GetMapping(value = "/{id}/errors.xlsx", produces = XLSX)
    ResponseEntity<StreamingResponseBody> errorWorkbook(@PathVariable String workspaceId, @PathVariable String id) {
        ImportJob job = job(workspaceId, id);
        ErrorWorkbooks writer = workbooks.getIfAvailable();
        if (writer == null) {
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE, "this build writes no error workbook; read the errors as JSON"
                            + " at " + JobView.of(job, clock.instant()).links().get("errors")), null);
        }
        String name = job.fileName().replaceFirst("\\.[^.]*$", "") + "-errors.xlsx";
        StreamingResponseBody body = out -> writer.write(job.template(), failedRows(job), out);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name,
                        java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(XLSX)).body(body);
    }

    @GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter progress(@PathVariable String workspaceId, @PathVariable String id) throws IOException {
        return events.follow(job(workspaceId, id));
    }

    private ImportJob job(String workspaceId, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ImportNotFoundException(FieldProblemQuote.of(id));
        }
        return jobs.find(workspaceId, uuid).orElseThrow(() -> new ImportNotFoundException(uuid));
    }

    private static void checkPage(int page, int size) {
        if (page < 0 || page > MAX_PAGE) {
            throw new BadImportRequestException("page", "page must be within 0.." + MAX_PAGE);
        }
        if (size < 1 || size > 1000) {
            throw new BadImportRequestException("size", "size must be within 1..1000");
        }
    }

    /** The failed rows a thousand at a time: the workbook streams whatever their number. */
    private Iterator<FailedRow> failedRows(ImportJob job) {
        return new Iterator<>() {
            private final Deque<FailedRow> batch = new ArrayDeque<>();
            private long after;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (batch.isEmpty() && !exhausted) {
                    List<FailedRow> next = rows.failedRows(job.id(), job.template(), after, 1000);
                    exhausted = next.size() < 1000;
                    batch.addAll(next);
                    if (!next.isEmpty()) {
                        after = next.get(next.size() - 1).row();
                    }
                }
                return !batch.isEmpty();
            }

            @Override
            public FailedRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.poll();
            }
        };
    }

    /** An id from the path, quoted bounded in the answer. */
    private static final class FieldProblemQuote {
        static String of(String id) {
            return io.roster.contracts.account.FieldProblem.quote(id);
        }
    }
}
