package io.roster.audit.activity;

import java.time.Instant;
import java.util.UUID;

/** A row's key: its event id and, the partition key, its time. */
public record RowKey(UUID eventId, Instant occurredAt) {
}
