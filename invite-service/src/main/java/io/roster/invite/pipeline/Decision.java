package io.roster.invite.pipeline;

import io.roster.contracts.Payload;
import io.roster.contracts.account.FieldProblem;
import java.util.List;
import java.util.UUID;

/**
 * What a handler decided. Most handlers leave the bookkeeping to the pipeline (it publishes the event and logs the
 * outcome); a handler that writes its outcome in its own statements, to spare round trips, says it logged it.
 *
 * @param accountId the account the command concerned, when it concerned one
 * @param event the event the pipeline publishes for an accepted command (none: the handler announced it itself)
 * @param result what an HTTP answer shows without a second read (the account created, the invitations made)
 */
public record Decision(Verdict verdict, Bookkeeping bookkeeping, UUID accountId, Payload event, Object result,
        List<FieldProblem> problems) {

    public enum Verdict { ACCEPTED, REFUSED }

    /** Who publishes the outcome and logs the request. */
    public enum Bookkeeping { BY_THE_PIPELINE, DONE_BY_THE_HANDLER }

    /** Accepted: the pipeline publishes {@code event} (if any) and logs the request. */
    public static Decision accepted(UUID accountId, Payload event) {
        return new Decision(Verdict.ACCEPTED, Bookkeeping.BY_THE_PIPELINE, accountId, event, null, List.of());
    }

    /** Accepted, with what the HTTP answer shows. */
    public Decision showing(Object shown) {
        return new Decision(verdict, bookkeeping, accountId, event, shown, problems);
    }

    /** Accepted, its events published and its request logged by the handler. */
    public static Decision acceptedAndLogged(UUID accountId, Object result) {
        return new Decision(Verdict.ACCEPTED, Bookkeeping.DONE_BY_THE_HANDLER, accountId, null, result, List.of());
    }

    /** Refused: the pipeline undoes the handler's writes, and publishes and logs the rejection (Kafka). */
    public static Decision refused(List<FieldProblem> problems) {
        return new Decision(Verdict.REFUSED, Bookkeeping.BY_THE_PIPELINE, null, null, null, List.copyOf(problems));
    }

    public static Decision refused(FieldProblem problem) {
        return refused(List.of(problem));
    }

    /** Refused, the rejection published and logged by the handler in its own statements. */
    public static Decision refusedAndLogged(List<FieldProblem> problems) {
        return new Decision(Verdict.REFUSED, Bookkeeping.DONE_BY_THE_HANDLER, null, null, null,
                List.copyOf(problems));
    }

    public boolean isAccepted() {
        return verdict == Verdict.ACCEPTED;
    }
}
