package io.roster.scheduler;

import java.util.Map;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Quartz as the scheduler needs it — clustered JDBC job store in the scheduler's schema, tables from its own
 * Flyway migration — as default properties, so any {@code spring.quartz.*} setting still overrides them. One thread:
 * the cluster runs one job, the sweep, which never runs twice at once.
 */
public class QuartzDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PREFIX = "spring.quartz.properties.org.quartz.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(Map.of(
                "spring.quartz.job-store-type", "jdbc",
                "spring.quartz.jdbc.initialize-schema", "never",
                "spring.quartz.scheduler-name", "roster-scheduler",
                "spring.quartz.wait-for-jobs-to-complete-on-shutdown", "true",
                // the sweep's interval as configured now, not as stored by an earlier start
                "spring.quartz.overwrite-existing-jobs", "true",
                PREFIX + "scheduler.instanceId", "AUTO",
                PREFIX + "jobStore.isClustered", "true",
                PREFIX + "jobStore.tablePrefix", SuspensionSchedulerAutoConfiguration.SCHEMA + ".qrtz_",
                PREFIX + "jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate",
                PREFIX + "threadPool.threadCount", "1"), environment.getPropertySources());
    }
}
