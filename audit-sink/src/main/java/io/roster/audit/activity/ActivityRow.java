package io.roster.audit.activity;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.invitation.InvitationChanged;
import java.time.Instant;
import java.util.UUID;

/** One row as written: the event's envelope, its description and its payload as the details. */
record ActivityRow(UUID eventId, String workspaceId, Instant occurredAt, String type, String action,
        String accountId, String subject, String actorKind, String actorId, String clientIp, String requestId,
        String summary, String detailsJson, String invitationId) {

    static ActivityRow of(Envelope<?> event, ActivityDescription d, EnvelopeCodec codec) {
        String invitationId = event.payload() instanceof InvitationChanged i ? i.invitationId() : null;
        return new ActivityRow(event.eventId(), event.workspaceId(), event.occurredAt(), event.type(), d.action(),
                d.accountId(), event.payload().subject(),
                event.actor() == null ? null : event.actor().kind().name(),
                event.actor() == null ? null : event.actor().id(),
                event.actor() == null ? null : event.actor().clientIp(), event.requestId(), d.summary(),
                json(codec.mapper().writeValueAsString(event.payload())), invitationId);
    }

    /** PostgreSQL's jsonb refuses the NUL escape; the record it came in is fine otherwise. */
    private static String json(String json) {
        return json.replace("\\u0000", "\\uFFFD");
    }
}
