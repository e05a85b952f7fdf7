package io.roster.audit.report;

import io.roster.adminaccess.AdminKey;
import io.roster.audit.chain.ChainHeads;
import io.roster.audit.workspace.WorkspaceZones;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The report as a file, with the report's range and filters: PDF (the seed's "export as PDF") or CSV. Streamed to
 * the client as the rows are read. The heads of the chains it was built from are in the file and in
 * {@code Roster-Chain-Head}.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspaceId}/activity")
class ActivityExportController {

    static final String CHAIN_HEAD = "Roster-Chain-Head";

    private final ReportRequests requests;
    private final ActivityQueries queries;
    private final WorkspaceZones workspaces;
    private final ChainHeads chains;
    private final ExportRecorder recorder;
    private final Clock clock;

    ActivityExportController(ReportRequests requests, ActivityQueries queries, WorkspaceZones workspaces,
            ChainHeads chains, ExportRecorder recorder, @Qualifier("auditClock") Clock clock) {
        this.requests = requests;
        this.queries = queries;
        this.workspaces = workspaces;
        this.chains = chains;
        this.recorder = recorder;
        this.clock = clock;
    }

    @GetMapping("/export.csv")
    void csv(@PathVariable String workspaceId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String activity, @RequestParam(required = false) String account,
            @RequestParam(required = false) String ip, @RequestParam(required = false) String text,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        export(ActivityExport.Format.CSV, requests.filter(workspaceId, from, to, actor, activity, account, ip, text),
                request, response);
    }

    @GetMapping("/export.pdf")
    void pdf(@PathVariable String workspaceId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String activity, @RequestParam(required = false) String account,
            @RequestParam(required = false) String ip, @RequestParam(required = false) String text,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        export(ActivityExport.Format.PDF, requests.filter(workspaceId, from, to, actor, activity, account, ip, text),
                request, response);
    }

    private void export(ActivityExport.Format format, ReportFilter filter, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        ExportHeading heading = heading(filter.workspaceId(), filter);
        start(response, heading, format.contentType, format.extension);
        ActivityExport export = format.open(response.getOutputStream(), heading);
        long rows = queries.stream(filter, export::row);
        export.finish();
        recorder.exported(format.name(), heading, rows, admin(request), request.getRemoteAddr(), clock.instant());
    }

    private ExportHeading heading(String workspaceId, ReportFilter filter) {
        return new ExportHeading(workspaceId, workspaces.nameOf(workspaceId).orElse(null), filter, clock.instant(),
                chains.of(workspaceId));
    }

    private static void start(HttpServletResponse response, ExportHeading heading, String type, String extension) {
        response.setContentType(type);
        response.setHeader(CHAIN_HEAD, heading.chain());
        String name = "activity-" + heading.workspaceId() + "-"
                + LocalDate.ofInstant(heading.filter().from(), heading.filter().zone()) + "-"
                + LocalDate.ofInstant(heading.filter().to(), heading.filter().zone()) + "." + extension;
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
    }

    private static String admin(HttpServletRequest request) {
        return AdminKey.of(request).map(AdminKey::keyId).orElse(null);
    }
}
