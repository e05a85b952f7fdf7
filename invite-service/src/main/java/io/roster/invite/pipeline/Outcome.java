package io.roster.invite.pipeline;

import io.roster.contracts.account.FieldProblem;
import java.util.List;
import java.util.UUID;

/**
 * The outcome of a command for its caller: accepted (with the account it concerned and what an HTTP answer shows),
 * refused with its problems, or a replay of a request handled before (nothing done again).
 */
public record Outcome(Kind kind, UUID accountId, Object result, List<FieldProblem> problems) {

    public enum Kind {
        ACCEPTED, REFUSED,
        /** The request id was handled before, for this very request, and accepted then. */
        REPEATED_ACCEPTED,
        /** The request id was handled before, for this very request, and refused then. */
        REPEATED_REFUSED
    }

    static Outcome accepted(UUID accountId, Object result) {
        return new Outcome(Kind.ACCEPTED, accountId, result, List.of());
    }

    static Outcome refused(List<FieldProblem> problems) {
        return new Outcome(Kind.REFUSED, null, null, List.copyOf(problems));
    }

    static Outcome repeated(RequestLog.Handled handled) {
        return new Outcome(handled.accepted() ? Kind.REPEATED_ACCEPTED : Kind.REPEATED_REFUSED, handled.accountId(),
                null, List.of());
    }

    public boolean accepted() {
        return kind == Kind.ACCEPTED || kind == Kind.REPEATED_ACCEPTED;
    }

    /** A request id seen before, for the same request: nothing was done again. */
    public boolean repeated() {
        return kind == Kind.REPEATED_ACCEPTED || kind == Kind.REPEATED_REFUSED;
    }

    /** What the handler gave an HTTP answer to show, if of that type (none for a replay). */
    public <T> T result(Class<T> type) {
        return type.isInstance(result) ? type.cast(result) : null;
    }
}
