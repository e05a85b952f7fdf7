package io.roster.scheduler.suspension;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountStatusChanged;
import java.sql.Timestamp;
import java.util.Date;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps one Quartz trigger per account with a suspension date. Quartz's JDBC store joins this transaction, so
 * the schedule row and the trigger commit together, before the offset.
 */
@Component
class AccountScheduleListener {

    private final Scheduler scheduler;
    private final JdbcClient jdbc;

    AccountScheduleListener(Scheduler scheduler, JdbcClient jdbc) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
    }

    @KafkaListener(id = "suspension-scheduler.account-events", topics = Topics.ACCOUNT_EVENTS,
            groupId = "${roster.scheduler.consumer-group:roster-suspension-scheduler}",
            containerFactory = "schedulerListenerContainerFactory")
    @Transactional
    public void onEvent(Envelope<Payload> event) throws SchedulerException {
        if (event.payload() instanceof AccountCreated created && created.suspensionAt() != null
                && created.status() == AccountStatus.ACTIVE) {
            jdbc.sql("""
                    INSERT INTO scheduler.account_schedule (workspace_id, account_id, suspension_at, expiration_mode,
                        prevent_automatic_suspension)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (workspace_id, account_id) DO UPDATE SET suspension_at = excluded.suspension_at,
                        updated_at = now()""")
                    .params(event.workspaceId(), created.accountId(), Timestamp.from(created.suspensionAt()),
                            created.expirationMode().name(), created.preventAutomaticSuspension())
                    .update();
            schedule(event.workspaceId(), created.accountId(), Date.from(created.suspensionAt()));
        } else if (event.payload() instanceof AccountStatusChanged changed && changed.to() == AccountStatus.CLOSED) {
            unschedule(event.workspaceId(), changed.accountId());
        } else if (event.payload() instanceof AccountDeleted deleted) {
            unschedule(event.workspaceId(), deleted.accountId());
        }
    }

    private void schedule(String workspaceId, String accountId, Date at) throws SchedulerException {
        JobKey job = JobKey.jobKey(workspaceId + "/" + accountId, "suspension");
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(job.getName(), job.getGroup()))
                .forJob(job)
                .startAt(at)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        if (scheduler.checkExists(job)) {
            scheduler.rescheduleJob(trigger.getKey(), trigger);
        } else {
            scheduler.scheduleJob(JobBuilder.newJob(SuspensionJob.class).withIdentity(job)
                    .usingJobData(SuspensionJob.WORKSPACE, workspaceId)
                    .usingJobData(SuspensionJob.ACCOUNT, accountId)
                    .requestRecovery()
                    .build(), trigger);
        }
    }

    private void unschedule(String workspaceId, String accountId) throws SchedulerException {
        scheduler.deleteJob(JobKey.jobKey(workspaceId + "/" + accountId, "suspension"));
        jdbc.sql("DELETE FROM scheduler.account_schedule WHERE workspace_id = ? AND account_id = ?")
                .params(workspaceId, accountId).update();
    }
}
