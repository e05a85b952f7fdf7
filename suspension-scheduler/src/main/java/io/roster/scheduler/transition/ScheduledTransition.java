package io.roster.scheduler.transition;

import io.roster.contracts.MessageType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A pending transition as the schedule endpoint shows it: what will happen to which account, when.
 *
 * @param accountId the account the transition is about (kinds about accounts)
 * @param invitationId the invitation the transition is about (kinds about invitations)
 * @param command the type of the command sent when it falls
 * @param dueAt when it falls
 * @param timeZone the workspace's time zone, when the scheduler knows it
 * @param dueLocal {@code dueAt} in that zone
 * @param suspensionAt a SUSPENSION_WARNING's automatic suspension, the instant its mail announces
 */
public record ScheduledTransition(String accountId, String invitationId, TransitionKind kind, String command, Instant dueAt, String timeZone,
        LocalDateTime dueLocal, Instant suspensionAt) {

    static ScheduledTransition of(String subjectId, TransitionKind kind, Instant dueAt, String timeZone,
            Instant targetAt) {
        LocalDateTime local = null;
        if (timeZone != null) {
            try {
                local = LocalDateTime.ofInstant(dueAt, ZoneId.of(timeZone));
            } catch (DateTimeException unknownZone) {
                // a zone this JVM does not know: the instant alone is still the truth
            }
        }
        boolean aboutAnAccount = kind.subject == TransitionKind.Subject.ACCOUNT;
        return new ScheduledTransition(aboutAnAccount ? subjectId : null, aboutAnAccount ? null : subjectId, kind,
                MessageType.of(kind.command(subjectId, new TransitionKind.Premise(dueAt, dueAt, targetAt, null)))
                        .typeName(), dueAt,
                timeZone, local, targetAt);
    }
}
