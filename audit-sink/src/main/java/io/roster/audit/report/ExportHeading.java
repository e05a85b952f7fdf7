package io.roster.audit.report;

import io.roster.audit.chain.ChainHead;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** What every export states above its table: whose log, which range, when, and the chain head it was built from. */
record ExportHeading(String workspaceId, String workspaceName, ReportFilter filter, Instant generatedAt,
        ChainHead chainHead) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    String title() {
        return "Activity log";
    }

    String workspace() {
        return workspaceName == null ? workspaceId : workspaceName + " (" + workspaceId + ")";
    }

    String range() {
        return local(filter.from()) + " to " + local(filter.to()) + " (" + filter.zone().getId() + ")";
    }

    String generated() {
        return local(generatedAt) + " (" + filter.zone().getId() + "), " + generatedAt;
    }

    String chain() {
        return "sealed rows up to #" + chainHead.seq() + ", chain hash " + chainHead.hashHex();
    }

    private String local(Instant instant) {
        return LOCAL.format(ZonedDateTime.ofInstant(instant, filter.zone()));
    }
}
