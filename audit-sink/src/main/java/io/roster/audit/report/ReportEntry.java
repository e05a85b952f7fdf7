package io.roster.audit.report;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/**
 * One line of the activity log: what happened (a stable activity code and a readable text), to which account, by
 * whom and from which address; when, in UTC and in the workspace's time zone.
 *
 * @param action the activity code, stable across versions (ACCOUNT_CREATED, SIGN_IN...)
 * @param date the day in the workspace's time zone
 * @param time the time of day in the workspace's time zone
 * @param timeZone the workspace's time zone
 * @param details the event's payload as recorded (erased with the personal data)
 */
public record ReportEntry(UUID eventId, Instant occurredAt, LocalDate date, LocalTime time, String timeZone,
        String type, String action, String accountId, String subject, String actorKind, String actorId,
        String clientIp, String requestId, String summary, @JsonRawValue String details) {
}
