package io.roster.audit.report;

import io.roster.contracts.account.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The activity report: a workspace's entries in a range within the last 90 days, filtered, newest first, a page at a
 * time. The body is the page's entries; the next page's address is in the {@code Link} header ({@code rel="next"},
 * absent on the last page) and its opaque cursor in {@code Roster-Next-Cursor}.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspaceId}/activity")
class ActivityReportController {

    static final int MAX_PAGE_SIZE = 1000;
    static final String NEXT_CURSOR = "Roster-Next-Cursor";

    private final ReportRequests requests;
    private final ActivityQueries queries;

    ActivityReportController(ReportRequests requests, ActivityQueries queries) {
        this.requests = requests;
        this.queries = queries;
    }

    @GetMapping
    ResponseEntity<List<ReportEntry>> report(@PathVariable String workspaceId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String activity,
            @RequestParam(required = false) String account, @RequestParam(required = false) String ip,
            @RequestParam(required = false) String text, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "100") int size) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<Cursor> after = cursor == null ? Optional.empty() : Cursor.decode(cursor);
        if (cursor != null && after.isEmpty()) {
            problems.add(new FieldProblem("cursor", "invalid_format",
                    "is not a cursor this report gave (take it from the Link header of the previous page)"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            problems.add(new FieldProblem("size", "out_of_range", "must be within 1.." + MAX_PAGE_SIZE));
        }
        ReportFilter filter;
        try {
            filter = requests.filter(workspaceId, from, to, actor, activity, account, ip, text);
        } catch (org.springframework.web.ErrorResponseException e) {
            @SuppressWarnings("unchecked")
            List<FieldProblem> more = (List<FieldProblem>) e.getBody().getProperties().get("errors");
            problems.addAll(0, more);
            ReportRequests.fail(problems);
            throw e;
        }
        ReportRequests.fail(problems);

        List<ActivityQueries.Row> rows = queries.page(filter, after.orElse(null), size + 1);
        List<ReportEntry> page = rows.stream().limit(size).map(ActivityQueries.Row::entry).toList();
        HttpHeaders headers = new HttpHeaders();
        if (rows.size() > size) {
            ActivityQueries.Row last = rows.get(size - 1);
            String next = new Cursor(last.entry().occurredAt(), last.id()).encode();
            headers.add(NEXT_CURSOR, next);
            headers.add(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", next)
                    // the range as resolved: "the last 90 days" must not move between pages
                    .replaceQueryParam("from", filter.from()).replaceQueryParam("to", filter.to())
                    .build().toUriString() + ">; rel=\"next\"");
        }
        return ResponseEntity.ok().headers(headers).body(page);
    }
}
