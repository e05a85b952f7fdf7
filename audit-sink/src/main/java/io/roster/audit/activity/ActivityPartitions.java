package io.roster.audit.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The day partitions of the activity log (UTC days of occurred_at, {@code activity_log_pYYYYMMDD}). Created ahead by
 * the maintenance job and on demand by the writer for a day it has not seen; dropped whole by retention, the rows'
 * places in their chains with them (the retention markers name the last position dropped).
 */
@Component
public class ActivityPartitions {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'activity_log_p'yyyyMMdd");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /** Days known to have a partition: the writer asks the database only for a day not in here. */
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    ActivityPartitions(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public static LocalDate dayOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Makes sure each day has its partition. In its own short transaction, before the rows' one: creating a
     * partition locks the parent table, which a long transaction must not hold.
     */
    public void ensure(Collection<LocalDate> days) {
        for (LocalDate day : days) {
            if (known.contains(day)) {
                continue;
            }
            transactions.executeWithoutResult(status -> {
                // two writers creating the same partition would collide on the catalog: one at a time
                jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext('audit.activity_log partitions'))");
                jdbc.queryForList("SELECT audit.ensure_activity_partition(?)", day);
            });
            known.add(day);
        }
    }

    /** The days that have a partition, oldest first. */
    public List<LocalDate> existing() {
        return jdbc.queryForList("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'audit.activity_log'::regclass ORDER BY c.relname""", String.class)
                .stream().map(name -> LocalDate.parse(name, NAME)).toList();
    }

    /**
     * Removes a day's partition: detached concurrently (inserts into the other days go on meanwhile; not in a
     * transaction, as PostgreSQL requires), then dropped.
     */
    public void drop(LocalDate day) {
        String table = "audit." + NAME.format(day);
        known.remove(day);
        jdbc.execute("ALTER TABLE audit.activity_log DETACH PARTITION " + table + " CONCURRENTLY");
        jdbc.execute("DROP TABLE " + table);
    }
}
