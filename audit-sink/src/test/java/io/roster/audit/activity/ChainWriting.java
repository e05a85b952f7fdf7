package io.roster.audit.activity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** For tests on a database of their own, without the service: entries written as the writer writes them. */
public final class ChainWriting {

    private ChainWriting() {
    }

    /** A sign-in entry of the workspace at {@code at}, appended to its chain of {@code shard}; its event id. */
    public static UUID append(DataSource dataSource, String workspaceId, int shard, Instant at) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        UUID eventId = UUID.randomUUID();
        ActivityRow row = new ActivityRow(eventId, workspaceId, at, "activity.recorded.v1", "SIGN_IN", "acc-1",
                "acc-1", "USER", "acc-1", "198.51.100.7", "req-" + eventId, "SIGN_IN ada",
                JsonbText.ofJson("{\"action\":\"SIGN_IN\",\"accountId\":\"acc-1\"}"), null);
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status ->
                new ActivityRows(jdbc, new ChainHeadLocks(jdbc)).append(List.of(new ActivityRows.Entry(row, shard))));
        return eventId;
    }
}
