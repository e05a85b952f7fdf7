package io.roster.scheduler.suspension;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.account.SuspendAccount;
import io.roster.messaging.Outbox;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.PersistJobDataAfterExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires on an account's suspension date: asks invite-service, through the outbox, to suspend the account.
 * The request id is derived from the account and the scheduled time, so a re-fire after a crash is one request.
 */
@DisallowConcurrentExecution
@PersistJobDataAfterExecution
public class SuspensionJob extends QuartzJobBean {

    static final String WORKSPACE = "workspaceId";
    static final String ACCOUNT = "accountId";

    @Autowired
    @Qualifier("schedulerOutbox")
    private Outbox outbox;

    @Autowired
    private TransactionTemplate transactions;

    @Override
    protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
        String workspaceId = context.getMergedJobDataMap().getString(WORKSPACE);
        String accountId = context.getMergedJobDataMap().getString(ACCOUNT);
        long scheduledFor = context.getScheduledFireTime().toInstant().getEpochSecond();
        transactions.executeWithoutResult(status -> outbox.publish(Envelope.of(workspaceId,
                "scheduler:suspend:" + accountId + ":" + scheduledFor, new Actor(Actor.Kind.SCHEDULER,
                        "suspension-scheduler", null),
                new SuspendAccount(accountId, "suspension date reached"))));
    }
}
