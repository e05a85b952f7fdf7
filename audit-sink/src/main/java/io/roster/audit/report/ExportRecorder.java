package io.roster.audit.report;

import io.roster.audit.activity.ActivityWriter;
import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.activity.ActivityAction;
import io.roster.contracts.activity.ActivityRecorded;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** An export is itself an activity entry (LOG_EXPORTED), by the admin key that asked for it, from its address. */
@Component
class ExportRecorder {

    private final ActivityWriter writer;
    private final EnvelopeCodec codec;

    ExportRecorder(ActivityWriter writer, EnvelopeCodec codec) {
        this.writer = writer;
        this.codec = codec;
    }

    void exported(String format, ExportHeading heading, long rows, String keyId, String clientIp, Instant at) {
        ActivityRecorded exported = new ActivityRecorded(ActivityAction.LOG_EXPORTED.name(), null, null,
                format + " export of " + heading.range() + ", " + rows + " entries, chain heads "
                        + heading.chain());
        Envelope<Payload> event = new Envelope<>(UUID.randomUUID(), MessageType.ACTIVITY_RECORDED.typeName(), at,
                heading.workspaceId(), "export-" + UUID.randomUUID(), new Actor(Actor.Kind.ADMIN, keyId, clientIp),
                exported);
        writer.write(List.of(ActivityWriter.describe(event, codec)));
    }
}
