package io.roster.audit.retention;

import io.roster.audit.chain.Markers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * What retention leaves in the workspaces' chains before a day's partition is dropped: signed markers. Every row of
 * the day is in its chain already (rows are chained as they are written), so the markers account for all of them.
 */
@Component("auditRetentionMarkers")
class RetentionMarkers {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'activity_log_p'yyyyMMdd");

    private final Markers markers;

    RetentionMarkers(Markers markers) {
        this.markers = markers;
    }

    void beforeDrop(LocalDate day, Instant now) {
        markers.beforeDrop(day, NAME.format(day), now);
    }
}
