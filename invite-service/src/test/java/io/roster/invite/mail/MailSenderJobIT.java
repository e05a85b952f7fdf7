package io.roster.invite.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.invite.InviteServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.roster.testsupport.Mailboxes;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The mail queue against the real SMTP server: mails wait while the server is down and go out once it is back,
 * each exactly once, in batches over one connection; a mail refused for good, or unsent for too long, is given up. The service's own sender is stopped meanwhile, so that only
 * the test sends.
 */
@InviteServiceIntegrationTest
class MailSenderJobIT {

    @Autowired
    MailSenderJob job;

    @Autowired
    MailDeliveryRepository deliveries;

    @Autowired
    JavaMailSender sender;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void stopTheServicesSender() {
        job.stop();
    }

    @AfterEach
    void startItAgain() {
        job.start();
    }

    @Test
    void mailsWaitWhileTheServerIsDownAndGoOutOnceEachWhenItIsBack() throws Exception {
        List<UUID> events = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        events.forEach(e -> assertThat(queue(e)).isTrue());

        MailSenderJob down = new MailSenderJob(deliveries, senderTo(closedPort()), "Roster <r@x.test>",
                Duration.ofMillis(100), Duration.ofDays(7), Duration.ofDays(5), meters());
        // The first retry is due a second after the failure: checked against the time of the attempt, not against
        // the time of the check, which a loaded machine may reach more than a second later.
        Timestamp beforeTheAttempt = jdbc.sql("SELECT clock_timestamp()").query(Timestamp.class).single();
        assertThat(down.sendDue()).isZero();
        for (UUID e : events) {
            assertThat(jdbc.sql("SELECT attempts = 1 AND sent_at IS NULL AND last_error IS NOT NULL"
                            + " AND next_attempt_at >= ?::timestamptz + interval '1 second'"
                            + " FROM invite.mail_delivery WHERE event_id = ?")
                    .params(beforeTheAttempt, e).query(Boolean.class).single()).as("kept for a retry later").isTrue();
            assertThat(Mailboxes.receivedBy(recipient(e))).isEmpty();
        }

        jdbc.sql("UPDATE invite.mail_delivery SET next_attempt_at = now() WHERE event_id = ANY(?)")
                .param(events.toArray(UUID[]::new)).update();
        // At least these three: mails of other test classes, queued by their events as they are still consumed,
        // or failed by the sender above, may be due too. Each of these three goes out once (below).
        assertThat(job.sendDue()).isGreaterThanOrEqualTo(3);
        job.sendDue();
        events.forEach(e -> assertThat(queue(e)).as("the same event queues no second mail").isFalse());
        job.sendDue();
        for (UUID e : events) {
            MimeMessage[] received = Mailboxes.receivedBy(recipient(e));
            assertThat(received).hasSize(1);
            assertThat(received[0].getHeader("Message-ID")).containsExactly("<" + e + "@roster>");
            assertThat(jdbc.sql("SELECT attempts FROM invite.mail_delivery WHERE event_id = ?").param(e)
                    .query(Integer.class).single()).isEqualTo(2);
        }
    }

    @Test
    void aBacklogGoesOutInBatchesUntilTheQueueIsEmpty() {
        List<UUID> events = IntStream.range(0, 250).mapToObj(i -> UUID.randomUUID()).toList();
        events.forEach(this::queue);

        // at least these: other test classes' mails may be due as well
        assertThat(job.sendDue()).isGreaterThanOrEqualTo(250);
        assertThat(events).allSatisfy(e -> assertThat(Mailboxes.receivedBy(recipient(e))).hasSize(1));
        assertThat(jdbc.sql("SELECT count(*) FROM invite.mail_delivery WHERE event_id = ANY(?) AND sent_at IS NULL")
                .param(events.toArray(UUID[]::new)).query(Long.class).single()).isZero();
    }

    @Test
    void aMailToAnAddressThatCannotBeSentIsGivenUpAtOnceAndTheBacklogBehindItGoesOut() {
        UUID unsendable = UUID.randomUUID();
        deliveries.enqueue(unsendable, "acme", MailKind.INVITATION, "queue-" + unsendable + " <unclosed",
                "Subject", "Body with an activation link");
        // due before the backlog: in the first batch
        jdbc.sql("UPDATE invite.mail_delivery SET next_attempt_at = now() - interval '1 day' WHERE event_id = ?")
                .param(unsendable).update();
        List<UUID> events = IntStream.range(0, 150).mapToObj(i -> UUID.randomUUID()).toList();
        events.forEach(this::queue);

        assertThat(job.sendDue()).isGreaterThanOrEqualTo(150);
        assertThat(events).allSatisfy(e -> assertThat(Mailboxes.receivedBy(recipient(e))).hasSize(1));
        assertThat(jdbc.sql("SELECT attempts = 1 AND sent_at IS NULL AND given_up_at IS NOT NULL"
                        + " AND last_error LIKE '%AddressException%' AND body NOT LIKE '%activation%'"
                        + " FROM invite.mail_delivery WHERE event_id = ?")
                .param(unsendable).query(Boolean.class).single()).as("given up, its link redacted").isTrue();

        // due again by its time: still never leased, never retried
        jdbc.sql("UPDATE invite.mail_delivery SET next_attempt_at = now() - interval '1 day' WHERE event_id = ?")
                .param(unsendable).update();
        job.sendDue();
        assertThat(jdbc.sql("SELECT attempts FROM invite.mail_delivery WHERE event_id = ?").param(unsendable)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aMailTheServerCouldNotTakeForLongerThanTheGiveUpTimeIsGivenUpAndAYoungerOneKeptForARetry() throws Exception {
        UUID old = UUID.randomUUID();
        UUID young = UUID.randomUUID();
        List.of(old, young).forEach(this::queue);
        jdbc.sql("UPDATE invite.mail_delivery SET created_at = now() - interval '6 days', attempts = 40"
                + " WHERE event_id = ?").param(old).update();
        jdbc.sql("UPDATE invite.mail_delivery SET next_attempt_at = now() - interval '1 day' WHERE event_id = ANY(?)")
                .param(new UUID[] {old, young}).update();

        MailSenderJob down = new MailSenderJob(deliveries, senderTo(closedPort()), "Roster <r@x.test>",
                Duration.ofMillis(100), Duration.ofDays(7), Duration.ofDays(5), meters());
        down.sendDue();

        assertThat(jdbc.sql("SELECT given_up_at IS NOT NULL FROM invite.mail_delivery WHERE event_id = ?").param(old)
                .query(Boolean.class).single()).as("queued 6 days ago: given up").isTrue();
        assertThat(jdbc.sql("SELECT given_up_at IS NULL AND attempts = 1 AND next_attempt_at > now()"
                        + " FROM invite.mail_delivery WHERE event_id = ?").param(young)
                .query(Boolean.class).single()).as("queued just now: kept for a retry").isTrue();
    }

    @Test
    void mailsSentLongerAgoThanTheRetentionArePurgedAndNoOthers() {
        UUID oldSent = UUID.randomUUID();
        UUID recentSent = UUID.randomUUID();
        UUID oldUnsent = UUID.randomUUID();
        UUID oldGivenUp = UUID.randomUUID();
        List.of(oldSent, recentSent, oldUnsent, oldGivenUp).forEach(this::queue);
        jdbc.sql("UPDATE invite.mail_delivery SET given_up_at = now() - interval '8 days' WHERE event_id = ?")
                .param(oldGivenUp).update();
        jdbc.sql("UPDATE invite.mail_delivery SET sent_at = now() - interval '8 days' WHERE event_id = ?")
                .param(oldSent).update();
        jdbc.sql("UPDATE invite.mail_delivery SET sent_at = now() - interval '6 days' WHERE event_id = ?")
                .param(recentSent).update();
        jdbc.sql("UPDATE invite.mail_delivery SET created_at = now() - interval '30 days',"
                + " next_attempt_at = now() + interval '1 hour' WHERE event_id = ?").param(oldUnsent).update();

        assertThat(job.purgeSent()).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("SELECT event_id FROM invite.mail_delivery WHERE event_id = ANY(?)")
                .param(new UUID[] {oldSent, recentSent, oldUnsent, oldGivenUp}).query(UUID.class).list())
                .containsExactlyInAnyOrder(recentSent, oldUnsent);
    }

    private boolean queue(UUID event) {
        return deliveries.enqueue(event, "acme", MailKind.CREATION_NOTIFICATION, recipient(event), "Subject " + event,
                "Body " + event);
    }

    private static String recipient(UUID event) {
        return "queue-" + event + "@mail.example";
    }

    private static ObjectProvider<MeterRegistry> meters() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("meters", new SimpleMeterRegistry());
        return beans.getBeanProvider(MeterRegistry.class);
    }

    private static JavaMailSender senderTo(int port) {
        JavaMailSenderImpl down = new JavaMailSenderImpl();
        down.setHost("127.0.0.1");
        down.setPort(port);
        return down;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
