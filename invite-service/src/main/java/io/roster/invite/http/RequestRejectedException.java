package io.roster.invite.http;

import io.roster.contracts.account.FieldProblem;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;

/** A command refused by the rules; carries every problem, field by field. */
public class RequestRejectedException extends RuntimeException {

    private static final Set<String> NOT_FOUND = Set.of("not_found", "workspace_unknown");
    private static final Set<String> FORBIDDEN = Set.of("not_permitted");
    private static final Set<String> CONFLICT = Set.of("duplicate", "licences_exhausted", "illegal_transition",
            "owns_contacts", "bucket_in_use");

    /** Whether a refused request was a replay of one handled (and refused) before. */
    public enum Repetition { FIRST_TIME, REPLAY }

    private final transient List<FieldProblem> problems;

    public RequestRejectedException(List<FieldProblem> problems) {
        super("the request was refused: " + problems);
        this.problems = List.copyOf(problems);
    }

    /** A refusal, or — for a request id already used by a refused request — a conflict on that id. */
    public static RuntimeException of(List<FieldProblem> problems, Repetition repetition, String requestId) {
        if (repetition == Repetition.REPLAY) {
            return new org.springframework.web.server.ResponseStatusException(HttpStatus.CONFLICT,
                    "Idempotency-Key '" + requestId + "' was used by a request that was refused");
        }
        return new RequestRejectedException(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /**
     * 404 for a missing target, 403 for what the workspace does not let the caller do, 429 when rate-limited, 409 for a
     * conflict with the current state, else 422.
     */
    public HttpStatus status() {
        if (problems.stream().anyMatch(p -> NOT_FOUND.contains(p.code()))) {
            return HttpStatus.NOT_FOUND;
        }
        if (problems.stream().anyMatch(p -> FORBIDDEN.contains(p.code()))) {
            return HttpStatus.FORBIDDEN;
        }
        if (problems.stream().anyMatch(p -> p.code().equals("rate_limited"))) {
            return HttpStatus.TOO_MANY_REQUESTS;
        }
        if (problems.stream().anyMatch(p -> CONFLICT.contains(p.code()))) {
            return HttpStatus.CONFLICT;
        }
        return HttpStatus.UNPROCESSABLE_CONTENT;
    }
}
