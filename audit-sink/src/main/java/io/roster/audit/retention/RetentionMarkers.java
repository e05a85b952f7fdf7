package io.roster.audit.retention;

import io.roster.audit.chain.Markers;
import io.roster.audit.chain.Sealer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** What retention leaves in the workspaces' chains before a day's partition is dropped: signed markers. */
@Component("auditRetentionMarkers")
class RetentionMarkers {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'activity_chain_p'yyyyMMdd");

    private final Markers markers;
    private final Sealer sealer;

    RetentionMarkers(Markers markers, Sealer sealer) {
        this.markers = markers;
        this.sealer = sealer;
    }

    void beforeDrop(LocalDate day, Instant now) {
        // every row of the day in the chain first, so that the marker accounts for all of them
        sealer.sealPending();
        markers.beforeDrop(day, NAME.format(day), now);
    }
}
