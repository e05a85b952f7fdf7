package io.roster.audit.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/v1/workspaces/{workspaceId}/activity")
class ActivityController {

    /** The seed's report window: a time range within the last 90 days. */
    static final Duration MAX_RANGE = Duration.ofDays(90);

    private final ActivityLogRepository log;

    ActivityController(ActivityLogRepository log) {
        this.log = log;
    }

    /** Entries in [from, to), newest first; by default the last 90 days. */
    @GetMapping
    List<ActivityEntry> list(@PathVariable String workspaceId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        Instant end = to == null ? Instant.now() : to;
        Instant start = from == null ? end.minus(MAX_RANGE) : from;
        if (!start.isBefore(end)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'from' must be before 'to'");
        }
        if (page < 0 || size < 1 || size > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be >= 0 and size within 1..1000");
        }
        return log.find(workspaceId, start, end, page * size, size);
    }
}
