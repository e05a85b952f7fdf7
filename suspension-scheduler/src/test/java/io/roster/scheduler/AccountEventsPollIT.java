package io.roster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountStatus;
import io.roster.testsupport.KafkaTestClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Account events are applied a poll at a time, in one transaction: a record that cannot be read does not hold back
 * the events around it — those before it stay applied, it goes to the dead-letter topic with its reason, those after
 * it are applied on redelivery — and an event delivered twice is applied once.
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
        assertThat(jdbc.sql("SELECT count(*) FROM scheduler.inbox WHERE event_id = ?").param(events.get(4).eventId())
                .query(Long.class).single()).isEqualTo(1);
    }
}
