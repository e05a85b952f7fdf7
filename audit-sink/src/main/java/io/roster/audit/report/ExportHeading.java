package io.roster.audit.report;

import io.roster.audit.chain.ChainHead;
import java.util.List;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What every export states above its table: whose log, which range, when, and the heads of the workspace's chains it
 * was built from.
 */
record ExportHeading(String workspaceId, String workspaceName, ReportFilter filter, Instant generatedAt,
        List<ChainHead> chainHeads) {

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

    /** Each chain's head, {@code chain/position:chain hash}: {@code 0/12:9f86…, 1/1234:…}. */
    String chain() {
        return ChainHead.text(chainHeads);
    }

    private String local(Instant instant) {
        return LOCAL.format(ZonedDateTime.ofInstant(instant, filter.zone()));
    }
}
