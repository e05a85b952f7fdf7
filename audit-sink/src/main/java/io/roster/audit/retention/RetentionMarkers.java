package io.roster.audit.retention;

import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** What retention leaves in the workspaces' chains before a day's partition is dropped. */
@Component
class RetentionMarkers {

    void beforeDrop(LocalDate day, Instant now) {
        // the chain's retention markers come with the sealer
    }
}
