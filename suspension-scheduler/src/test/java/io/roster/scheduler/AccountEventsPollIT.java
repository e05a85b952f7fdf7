package io.roster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountStatus;
import io.roster.scheduler.account.AccountFeed;
import io.roster.testsupport.KafkaTestClient;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Account events are applied a poll at a time, in one transaction: a record that cannot be read does not hold back
 * the events around it — those before it stay applied, it goes to the dead-letter topic with its reason, those after
 * it are applied on redelivery — and an event delivered twice is applied once, told from a new event of the same
 * instant by the ids its account's row keeps (rows from before V7: by the inbox).
 */
class AccountEventsPollIT extends SchedulerIntegrationTest {

    @Test
    void anUndecodableRecordAmongEventsGoesToTheDeadLettersAndTheOthersAreApplied() {
        String ws = newWorkspace();
        Instant at = clock.instant().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        List<String> accounts = new ArrayList<>();
        List<Envelope<Payload>> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String account = newAccount();
            accounts.add(account);
            events.add(event(ws, created(account, AccountStatus.ACTIVE, at.plusSeconds(60L * i)), clock.instant()));
        }
        // one key for all, so that they share a partition and, most likely, polls: in this order
        String key = ws + "/" + accounts.get(0);
        for (int i = 0; i < 3; i++) {
            kafka.send(Topics.ACCOUNT_EVENTS, key, CODEC.writeString(events.get(i)));
        }
        kafka.send(Topics.ACCOUNT_EVENTS, key, "{\"broken\": " + ws.length());
        for (int i = 3; i < 6; i++) {
            kafka.send(Topics.ACCOUNT_EVENTS, key, CODEC.writeString(events.get(i)));
        }
        kafka.send(Topics.ACCOUNT_EVENTS, key, CODEC.writeString(events.get(4))); // delivered twice

        await().atMost(WAIT).until(() -> accounts.stream().allMatch(a -> dueSuspension(ws, a).isPresent()));
        for (int i = 0; i < 6; i++) {
            assertThat(dueSuspension(ws, accounts.get(i))).contains(at.plusSeconds(60L * i));
        }
        var deadLetters = kafka.await(Topics.deadLetter(Topics.ACCOUNT_EVENTS),
                r -> r.key().equals(key), 1, WAIT);
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).value()).isEqualTo("{\"broken\": " + ws.length());
        assertThat(KafkaTestClient.header(deadLetters.get(0), "roster-dlt-reason")).startsWith("not valid JSON");
        assertThat(eventsAtVersion(ws, accounts.get(4))).containsExactly(events.get(4).eventId());
    }

    @Test
    void twoEventsOfOneInstantAreBothAppliedOnceAndARedeliveryOfEitherChangesNothing() {
        String ws = newWorkspace();
        String account = newAccount();
        // with nanoseconds, as invite-service's clock gives them: the row keeps the version to the microsecond
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_789);
        Instant created = t.plus(1, ChronoUnit.DAYS);
        Instant moved = t.truncatedTo(ChronoUnit.SECONDS).plus(2, ChronoUnit.DAYS);
        // created with a date, and the date moved, both at the same instant (one transaction of invite-service)
        Envelope<Payload> creation = applied(event(ws, created(account, AccountStatus.ACTIVE, created), t));
        Envelope<Payload> update = applied(event(ws, suspensionDateSet(account, moved), t));
        assertThat(dueSuspension(ws, account)).contains(moved);
        assertThat(eventsAtVersion(ws, account)).containsExactly(creation.eventId(), update.eventId());

        // the date falls: swept, its command published, its row gone
        clock.set(moved);
        await().atMost(WAIT).until(() -> commands(ws).size() == 1);
        assertThat(dueSuspension(ws, account)).isEmpty();

        // both delivered again (a poll redelivered after its commit, before its offsets): the creation applied again
        // would schedule its date anew, the update its own
        applied(creation);
        applied(update);
        assertThat(dueSuspension(ws, account)).isEmpty();
        assertThat(eventsAtVersion(ws, account)).containsExactly(creation.eventId(), update.eventId());

        // a third event of that instant is new: applied
        Instant third = moved.plus(1, ChronoUnit.DAYS);
        applied(event(ws, suspensionDateSet(account, third), t));
        assertThat(dueSuspension(ws, account)).contains(third);
        assertThat(commands(ws)).hasSize(1);
    }

    @Test
    void aRowFromBeforeTheIdsAsksTheInboxUntilItsVersionMovesOn() {
        String ws = newWorkspace();
        String account = newAccount();
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant date = t.plus(1, ChronoUnit.DAYS);
        // as V7 found it: the creation applied (in the inbox, not in the row), its transition swept since
        Envelope<Payload> creation = event(ws, created(account, AccountStatus.ACTIVE, date), t);
        jdbc.sql("""
                INSERT INTO scheduler.account_schedule (workspace_id, account_id, status, suspension_at, version,
                    active_since, events_at_version) VALUES (?, ?, 'ACTIVE', ?, ?, ?, NULL)""")
                .params(ws, account, Timestamp.from(date), Timestamp.from(t), Timestamp.from(t)).update();
        jdbc.sql("INSERT INTO scheduler.inbox (consumer, event_id) VALUES (?, ?)")
                .params(AccountFeed.INBOX_CONSUMER, creation.eventId()).update();

        applied(creation);
        assertThat(dueSuspension(ws, account)).as("the creation delivered again").isEmpty();

        // a new event of the same instant: applied, and recorded in the inbox, since the row is still the inbox's
        Instant moved = t.plus(2, ChronoUnit.DAYS);
        Envelope<Payload> update = applied(event(ws, suspensionDateSet(account, moved), t));
        assertThat(dueSuspension(ws, account)).contains(moved);
        assertThat(eventsAtVersion(ws, account)).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM scheduler.inbox WHERE consumer = ? AND event_id = ?")
                .params(AccountFeed.INBOX_CONSUMER, update.eventId()).query(Long.class).single()).isEqualTo(1);
        jdbc.sql("DELETE FROM scheduler.due_transition WHERE workspace_id = ?").param(ws).update();
        applied(update);
        assertThat(dueSuspension(ws, account)).as("the update delivered again").isEmpty();

        // a later event: the row keeps its ids from now on
        Envelope<Payload> later = applied(event(ws, suspensionDateSet(account, date), t.plusSeconds(1)));
        assertThat(dueSuspension(ws, account)).contains(date);
        assertThat(eventsAtVersion(ws, account)).containsExactly(later.eventId());
    }

    /** The ids of the events the account's row says were applied at its version; null for a row on the inbox. */
    private List<UUID> eventsAtVersion(String ws, String account) {
        return jdbc.sql("SELECT events_at_version FROM scheduler.account_schedule WHERE workspace_id = ?"
                        + " AND account_id = ?")
                .params(ws, account)
                .query((rs, n) -> rs.getArray(1) == null ? null : Arrays.asList((UUID[]) rs.getArray(1).getArray()))
                .list().get(0); // single() refuses a null
    }
}
