package io.roster.importer.apply;

import io.roster.contracts.Envelope;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.FieldProblem;
import io.roster.importer.file.FailedRow.RowError;
import io.roster.importer.job.JobRepository;
import io.roster.importer.rows.ImportRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Matches invite-service's answers on {@code roster.account.events} to the rows whose commands they answer, by
 * workspace and request id: a run of creations is one statement ({@link CreatedAccounts}: the projection and the
 * jobs' counts of the rows answered); a refusal (a login taken since the checks) joins the job's errors under the
 * columns at fault. Runs in the transaction of the consumed events; an answer to no row of ours (another workspace's request
 * under the same id included), or to a row answered already, changes nothing. Answers are applied in their order:
 * the first answer to a row is the one that counts, whichever kinds follow it in the same poll.
 */
@Component("importerApplyOutcomes")
public class ApplyOutcomes {

    private final ImportRows rows;
    private final JobRepository jobs;
    private final CreatedAccounts creations;

    ApplyOutcomes(ImportRows rows, JobRepository jobs, CreatedAccounts creations) {
        this.rows = rows;
        this.jobs = jobs;
        this.creations = creations;
    }

    /**
     * Answers, in their order: {@code account.created.v1} (every account goes into the projection, whether or not
     * it answers a row; read lean, {@link CreatedAccount}, or whole) and {@code account.request-rejected.v1}.
     */
    public void onEvents(List<? extends Envelope<?>> events) {
        List<Envelope<?>> created = new ArrayList<>();
        for (Envelope<?> event : events) {
            if (CreatedAccount.isCreation(event.payload())) {
                created.add(event);
            } else if (event.payload() instanceof AccountRequestRejected rejected) {
                Optional<UUID> requestId = CreatedAccounts.requestId(event.requestId());
                if (requestId.isEmpty() || event.workspaceId() == null) {
                    continue;
                }
                // the creations before it first: an earlier answer to the same row must win, as across polls
                creations.created(created);
                created.clear();
                // a row's creation leaves it as it was (its account in the projection says it was created)
                rows.awaiting(new ImportRows.Answer(event.workspaceId(), requestId.get()))
                        .filter(outcome -> !creations.answered(event.workspaceId(), requestId.get()))
                        .ifPresent(outcome -> rejected(outcome, rejected));
            }
        }
        creations.created(created);
    }

    private void rejected(ImportRows.Outcome outcome, AccountRequestRejected rejected) {
        List<FieldProblem> problems = rejected.problems() == null ? List.of() : rejected.problems();
        rows.rejected(outcome, problems.stream()
                .map(p -> new RowError(outcome.template().columnOf(p).orElse(null), p.code(), p.message()))
                .toList());
        jobs.outcome(outcome.jobId(), 0, 1);
    }
}
