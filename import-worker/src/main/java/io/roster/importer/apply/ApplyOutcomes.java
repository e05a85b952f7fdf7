package io.roster.importer.apply;

import io.roster.contracts.Envelope;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.FieldProblem;
import io.roster.importer.file.FailedRow.RowError;
import io.roster.importer.job.JobRepository;
import io.roster.importer.rows.ImportRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Matches invite-service's answers on {@code roster.account.events} to the rows whose commands they answer, by
 * workspace and request id: created accounts count for their jobs — a run of them in one statement and one counter
 * update per job; a refusal (a login taken since the checks) joins the job's errors under the columns at fault. Runs
 * in the transaction of the consumed events; an answer to no row of ours (another workspace's request under the same
 * id included), or to a row answered already, changes nothing. Answers are applied in their order: the first answer
 * to a row is the one that counts, whichever kinds follow it in the same poll.
 */
@Component("importerApplyOutcomes")
public class ApplyOutcomes {

    private final ImportRows rows;
    private final JobRepository jobs;

    public ApplyOutcomes(ImportRows rows, JobRepository jobs) {
        this.rows = rows;
        this.jobs = jobs;
    }

    public void onEvents(List<? extends Envelope<?>> events) {
        List<ImportRows.Answer> created = new ArrayList<>();
        for (Envelope<?> event : events) {
            Optional<UUID> requestId = requestId(event.requestId());
            if (requestId.isEmpty() || event.workspaceId() == null) {
                continue;
            }
            ImportRows.Answer answer = new ImportRows.Answer(event.workspaceId(), requestId.get());
            if (event.payload() instanceof AccountCreated) {
                created.add(answer);
            } else if (event.payload() instanceof AccountRequestRejected rejected) {
                // the creations before it first: an earlier answer to the same row must win, as across polls
                created(created);
                created.clear();
                rows.awaiting(answer).ifPresent(outcome -> rejected(outcome, rejected));
            }
        }
        created(created);
    }

    private void created(List<ImportRows.Answer> created) {
        for (Map.Entry<UUID, Long> job : rows.createdAll(created).entrySet()) {
            jobs.outcome(job.getKey(), job.getValue(), 0);
        }
    }

    private void rejected(ImportRows.Outcome outcome, AccountRequestRejected rejected) {
        List<FieldProblem> problems = rejected.problems() == null ? List.of() : rejected.problems();
        rows.rejected(outcome, problems.stream()
                .map(p -> new RowError(outcome.template().columnOf(p).orElse(null), p.code(), p.message()))
                .toList());
        jobs.outcome(outcome.jobId(), 0, 1);
    }

    private static Optional<UUID> requestId(String requestId) {
        try {
            return requestId == null ? Optional.empty() : Optional.of(UUID.fromString(requestId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
