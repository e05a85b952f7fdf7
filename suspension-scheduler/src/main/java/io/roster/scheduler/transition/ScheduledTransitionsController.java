package io.roster.scheduler.transition;

import io.roster.contracts.account.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What will happen to which account, and when: the workspace's pending transitions, the earliest first. An admin key
 * of the workspace is required (admin-access); another workspace's key is answered 404.
 */
@RestController
class ScheduledTransitionsController {

    static final int MAX_PAGE = 100_000;
    static final int MAX_SIZE = 1000;

    private final DueTransitions transitions;

    ScheduledTransitionsController(DueTransitions transitions) {
        this.transitions = transitions;
    }

    @GetMapping("/api/v1/workspaces/{workspaceId}/scheduled-transitions")
    List<ScheduledTransition> list(@PathVariable String workspaceId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        List<FieldProblem> problems = new ArrayList<>();
        // Bounded so page × size stays an int.
        if (page < 0 || page > MAX_PAGE) {
            problems.add(new FieldProblem("page", "out_of_range", "must be within 0.." + MAX_PAGE));
        }
        if (size < 1 || size > MAX_SIZE) {
            problems.add(new FieldProblem("size", "out_of_range", "must be within 1.." + MAX_SIZE));
        }
        if (!problems.isEmpty()) {
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    problems.size() == 1 ? problems.get(0).field() + ": " + problems.get(0).message()
                            : problems.size() + " problems: see 'errors'");
            detail.setTitle("Invalid request");
            detail.setProperty("errors", problems);
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, detail, null);
        }
        return transitions.page(workspaceId, page * size, size);
    }
}
