package io.roster.scheduler;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The scheduler's clock replaced by one the tests move. */
@TestConfiguration(proxyBeanMethods = false)
public class SchedulerTestConfiguration {

    @Bean(defaultCandidate = false)
    MutableClock schedulerClock() {
        return new MutableClock();
    }
}
