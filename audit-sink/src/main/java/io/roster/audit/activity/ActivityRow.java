package io.roster.audit.activity;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.invitation.InvitationChanged;
import java.time.Instant;
import java.util.UUID;

/**
 * One row as written: the event's envelope, its description and its payload as the details. Its values are the
 * stored ones, so that the writer hashes what the verifier will read back: the time in whole microseconds (as
 * PostgreSQL keeps it), NUL (which PostgreSQL's text refuses) as U+FFFD, the details in jsonb's own text form.
 */
record ActivityRow(UUID eventId, String workspaceId, Instant occurredAt, String type, String action,
        String accountId, String subject, String actorKind, String actorId, String clientIp, String requestId,
        String summary, String detailsJson, String invitationId) {

    ActivityRow {
        occurredAt = ChainContent.toMicros(occurredAt);
        workspaceId = stored(workspaceId);
        type = stored(type);
        action = stored(action);
        accountId = stored(accountId);
        subject = stored(subject);
        actorKind = stored(actorKind);
        actorId = stored(actorId);
        clientIp = stored(clientIp);
        requestId = stored(requestId);
        summary = stored(summary);
        invitationId = stored(invitationId);
    }

    static ActivityRow of(Envelope<?> event, ActivityDescription d, EnvelopeCodec codec) {
        String invitationId = event.payload() instanceof InvitationChanged i ? i.invitationId() : null;
        return new ActivityRow(event.eventId(), event.workspaceId(), event.occurredAt(), event.type(), d.action(),
                d.accountId(), event.payload().subject(),
                event.actor() == null ? null : event.actor().kind().name(),
                event.actor() == null ? null : event.actor().id(),
                event.actor() == null ? null : event.actor().clientIp(), event.requestId(), d.summary(),
                JsonbText.of(codec.mapper().valueToTree(event.payload())), invitationId);
    }

    /** The row's key: its event id and time. */
    RowKey key() {
        return new RowKey(eventId, occurredAt);
    }

    private static String stored(String value) {
        return value == null || value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD');
    }
}
