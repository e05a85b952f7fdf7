package io.roster.importer.apply;

import io.roster.contracts.Envelope;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.FieldProblem;
import io.roster.importer.file.FailedRow.RowError;
import io.roster.importer.job.JobRepository;
import io.roster.importer.rows.ImportRows;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Matches invite-service's answers on {@code roster.account.events} to the rows whose commands they answer, by
 * request id: a created account counts for its job; a refusal (a login taken since the checks) joins the job's
 * errors under the columns at fault. Runs in the transaction of the consumed event.
 */
@Component("importerApplyOutcomes")
public class ApplyOutcomes {

    private final ImportRows rows;
    private final JobRepository jobs;

    public ApplyOutcomes(ImportRows rows, JobRepository jobs) {
        this.rows = rows;
        this.jobs = jobs;
    }

    public void onEvent(Envelope<?> event) {
        if (!(event.payload() instanceof AccountCreated) && !(event.payload() instanceof AccountRequestRejected)) {
            return;
        }
        Optional<ImportRows.Outcome> row = requestId(event.requestId()).flatMap(rows::awaiting);
        if (row.isEmpty()) {
            return; // not one of ours, or answered already
        }
        ImportRows.Outcome outcome = row.get();
        if (event.payload() instanceof AccountRequestRejected rejected) {
            List<FieldProblem> problems = rejected.problems() == null ? List.of() : rejected.problems();
            rows.rejected(outcome, problems.stream()
                    .map(p -> new RowError(outcome.template().columnOf(p).orElse(null), p.code(), p.message()))
                    .toList());
            jobs.outcome(outcome.jobId(), 0, 1);
        } else {
            rows.created(outcome);
            jobs.outcome(outcome.jobId(), 1, 0);
        }
    }

    private static Optional<UUID> requestId(String requestId) {
        try {
            return Optional.of(UUID.fromString(requestId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
