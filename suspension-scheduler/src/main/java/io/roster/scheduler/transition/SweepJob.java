package io.roster.scheduler.transition;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The one Quartz job of the scheduler, fired every {@code sweepInterval} on one instance of the cluster at a time
 * (clustered JDBC store; {@code @DisallowConcurrentExecution} keeps runs from overlapping). Should two sweeps overlap
 * anyway (a run outliving its instance's cluster check-in), the row locks still keep each transition to one of them.
 */
@DisallowConcurrentExecution
public class SweepJob extends QuartzJobBean {

    /** The job's and its trigger's name (group {@code scheduler}). */
    public static final String NAME = "sweep-due-transitions";

    @Autowired
    private Sweeper sweeper;

    @Override
    protected void executeInternal(JobExecutionContext context) {
        sweeper.sweep();
    }
}
