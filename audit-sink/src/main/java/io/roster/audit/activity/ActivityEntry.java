package io.roster.audit.activity;

import java.time.Instant;
import java.util.UUID;

/** One line of the activity log: what happened, to which account, by whom, from which address. */
public record ActivityEntry(UUID eventId, Instant occurredAt, String type, String action, String accountId,
        String subject, String actorKind, String actorId, String clientIp, String requestId, String summary) {
}
