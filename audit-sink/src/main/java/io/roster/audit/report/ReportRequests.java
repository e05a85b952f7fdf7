package io.roster.audit.report;

import io.roster.audit.workspace.WorkspaceZones;
import io.roster.contracts.account.FieldProblem;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Reads a report's parameters as the seed has them: a start and an end within the last 90 days. A date is a whole
 * day in the workspace's time zone ({@code to=2026-12-04} includes that day); an instant is taken as it is (RFC 3339,
 * {@code to} excluded). Every parameter at fault is listed in one 400 problem+json.
 */
@Component
class ReportRequests {

    /** The seed's report window: a range within the last 90 days. */
    static final int MAX_DAYS = 90;
    static final int MAX_FILTER_LENGTH = 200;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final WorkspaceZones zones;
    private final Clock clock;

    ReportRequests(WorkspaceZones zones, @Qualifier("auditClock") Clock clock) {
        this.zones = zones;
        this.clock = clock;
    }

    /** The filter of a report, export or verification; throws a 400 naming each parameter at fault. */
    ReportFilter filter(String workspaceId, String from, String to, String actor, String action, String account,
            String ip, String text) {
        List<FieldProblem> problems = new ArrayList<>();
        ZoneId zone = zones.zoneOf(workspaceId);
        Instant now = clock.instant();
        Instant end = to == null ? now : parse("to", to, zone, true, problems);
        Instant start = from == null ? (end == null ? now : end).minus(Duration.ofDays(MAX_DAYS))
                : parse("from", from, zone, false, problems);
        Instant earliest = LocalDate.ofInstant(now, zone).minusDays(MAX_DAYS).atStartOfDay(zone).toInstant();
        if (start != null && start.isBefore(earliest)) {
            if (from == null) {
                start = earliest;
            } else {
                problems.add(new FieldProblem("from", "out_of_range", "must be within the last " + MAX_DAYS
                        + " days: not before " + LocalDate.ofInstant(earliest, zone) + " (" + earliest + ")"));
            }
        }
        if (start != null && end != null && !end.isAfter(start)) {
            problems.add(new FieldProblem("to", "out_of_range", "must be after 'from'"));
        }
        check("actor", actor, problems);
        check("activity", action, problems);
        check("account", account, problems);
        check("ip", ip, problems);
        check("text", text, problems);
        fail(problems);
        return new ReportFilter(workspaceId, zone, start, end, blankToNull(actor), blankToNull(action),
                blankToNull(account), blankToNull(ip), blankToNull(text));
    }

    private static Instant parse(String field, String value, ZoneId zone, boolean end, List<FieldProblem> problems) {
        try {
            if (DATE.matcher(value).matches()) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            problems.add(new FieldProblem(field, "invalid_format",
                    "must be a date (2026-12-04, a whole day in the workspace's time zone) or an RFC 3339 instant"
                            + " (2026-12-04T09:30:00Z)"));
            return null;
        }
    }

    private static void check(String field, String value, List<FieldProblem> problems) {
        if (value != null && value.length() > MAX_FILTER_LENGTH) {
            problems.add(new FieldProblem(field, "too_long", "must be at most " + MAX_FILTER_LENGTH + " characters"));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static void fail(List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                problems.size() == 1 ? problems.get(0).field() + ": " + problems.get(0).message()
                        : problems.size() + " problems: see 'errors'");
        detail.setTitle("Invalid request");
        detail.setProperty("errors", problems);
        throw new ErrorResponseException(HttpStatus.BAD_REQUEST, detail, null);
    }
}
