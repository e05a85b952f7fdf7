package io.roster.audit.activity;

import io.roster.contracts.account.FieldProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/workspaces/{workspaceId}/activity")
class ActivityController {

    /** The seed's report window: a time range within the last 90 days. */
    static final Duration MAX_RANGE = Duration.ofDays(90);

    private final ActivityLogRepository log;

    ActivityController(ActivityLogRepository log) {
        this.log = log;
    }

    private static final int MAX_PAGE = 100_000;

    /** Entries in [from, to), newest first; by default the last 90 days. */
    @GetMapping
    List<ActivityEntry> list(@PathVariable String workspaceId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        Instant end = to == null ? Instant.now() : to;
        Instant start = from == null ? end.minus(MAX_RANGE) : from;
        List<FieldProblem> problems = new ArrayList<>();
        if (!start.isBefore(end)) {
            problems.add(problem("from", "out_of_range", "must be before 'to'"));
        }
        // Bounded so page × size stays an int: page=2147483647 overflowed into a negative OFFSET (a 500).
        if (page < 0 || page > MAX_PAGE) {
            problems.add(problem("page", "out_of_range", "must be within 0.." + MAX_PAGE));
        }
        if (size < 1 || size > 1000) {
            problems.add(problem("size", "out_of_range", "must be within 1..1000"));
        }
        if (!problems.isEmpty()) {
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    problems.size() == 1 ? problems.get(0).field() + ": " + problems.get(0).message()
                            : problems.size() + " problems: see 'errors'");
            detail.setTitle("Invalid request");
            detail.setProperty("errors", problems);
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, detail, null);
        }
        return log.find(workspaceId, start, end, page * size, size);
    }

    private static FieldProblem problem(String field, String code, String message) {
        return new FieldProblem(field, code, message);
    }
}
