package io.roster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * V3 on a schema that V1 and V2 made: the suspension dates the per-account Quartz triggers held become due rows, and
 * the triggers and their jobs are gone (their job class no longer exists).
 */
class DueTransitionsMigrationIT extends SchedulerIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void pendingPerAccountTriggersBecomeDueRows() {
        String schema = "scheduler_v2_" + UUID.randomUUID().toString().substring(0, 8);
        Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                .locations("classpath:db/scheduler").target("2").load().migrate();
        Instant date = Instant.parse("2031-01-02T03:04:00Z");
        jdbc.sql("INSERT INTO " + schema + ".account_schedule (workspace_id, account_id, suspension_at)"
                + " VALUES ('acme', 'a-1', ?), ('acme', 'a-2', NULL)").param(Timestamp.from(date)).update();
        jdbc.sql("INSERT INTO " + schema + ".qrtz_job_details (sched_name, job_name, job_group, job_class_name,"
                + " is_durable, is_nonconcurrent, is_update_data, requests_recovery)"
                + " VALUES ('roster-scheduler', 'acme/a-1', 'suspension',"
                + " 'io.roster.scheduler.suspension.SuspensionJob', false, true, true, true)").update();
        jdbc.sql("INSERT INTO " + schema + ".qrtz_triggers (sched_name, trigger_name, trigger_group, job_name,"
                + " job_group, next_fire_time, trigger_state, trigger_type, start_time) VALUES ('roster-scheduler',"
                + " 'acme/a-1', 'suspension', 'acme/a-1', 'suspension', ?, 'WAITING', 'SIMPLE', ?)")
                .params(date.toEpochMilli(), date.toEpochMilli())
                .update();
        jdbc.sql("INSERT INTO " + schema + ".qrtz_simple_triggers (sched_name, trigger_name, trigger_group,"
                + " repeat_count, repeat_interval, times_triggered) VALUES ('roster-scheduler', 'acme/a-1',"
                + " 'suspension', 0, 0, 0)").update();

        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/scheduler").load()
                .migrate();

        assertThat(jdbc.sql("SELECT subject_id, kind, due_at FROM " + schema + ".due_transition")
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getTimestamp(3).toInstant())
                .list()).containsExactly("a-1 SUSPENSION_DATE " + date);
        assertThat(jdbc.sql("SELECT count(*) FROM " + schema + ".qrtz_triggers").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM " + schema + ".qrtz_job_details").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT status FROM " + schema + ".account_schedule WHERE account_id = 'a-1'")
                .query(String.class).single()).isEqualTo("ACTIVE");
        jdbc.sql("DROP SCHEMA " + schema + " CASCADE").update();
    }
}
