package io.roster.invite.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends queued mails; a failure that may pass (SMTP down, a temporary refusal) is retried with growing delays, up to
 * an hour apart, until {@code roster.invite.mail.give-up-after} (5 days, as mail servers commonly keep trying); one a
 * retry cannot cure (an address refused for good) is given up at once. A given-up mail stays in the queue with its
 * error until the retention purges it, and counts in the {@code roster.mail.given_up} metric.
 * The Message-ID is derived from the event id, so even the one unavoidable duplicate (a crash after the SMTP
 * server accepted the mail, before it was marked sent) can be recognised by the receiving side.
 */
@Component
class MailSenderJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailSenderJob.class);
    private static final int BATCH = 100;
    /** How long a sender has to deliver the mails it leased before another sender may take them. */
    private static final java.time.Duration LEASE = java.time.Duration.ofMinutes(5);

    private final MailDeliveryRepository deliveries;
    private final JavaMailSender sender;
    private final String from;
    private final long intervalMillis;
    private final java.time.Duration retention;
    private final java.time.Duration giveUpAfter;
    private final Counter givenUp;
    private ScheduledExecutorService executor;

    MailSenderJob(MailDeliveryRepository deliveries, JavaMailSender sender,
            @Value("${roster.invite.mail.from:Roster <no-reply@roster.local>}") String from,
            @Value("${roster.invite.mail.poll-interval:500ms}") java.time.Duration interval,
            @Value("${roster.invite.mail.retention:7d}") java.time.Duration retention,
            @Value("${roster.invite.mail.give-up-after:5d}") java.time.Duration giveUpAfter,
            ObjectProvider<MeterRegistry> meters) {
        pinStreamProvider();
        this.deliveries = deliveries;
        this.sender = sender;
        this.from = from;
        this.intervalMillis = interval.toMillis();
        this.retention = retention;
        this.giveUpAfter = giveUpAfter;
        this.givenUp = Counter.builder("roster.mail.given_up")
                .description("Mails given up: an address refused for good, or unsent for roster.invite.mail.give-up-after")
                .register(meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** The system property by which Jakarta Mail finds its stream provider before it searches the classpath. */
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

    /**
     * Names Jakarta Mail's stream provider (Angus Mail's) unless the property is set. Without it, Jakarta Mail 2.1
     * finds the provider with a ServiceLoader search of the classpath's jars for every message it writes or parses
     * (jakartaee/mail-api#861): 42 % of the sender's CPU at 450 mails a second, profiled. Named, it is a class
     * lookup.
     */
    static void pinStreamProvider() {
        String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null
                && MailSenderJob.class.getClassLoader().getResource(angus.replace('.', '/') + ".class") != null) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, angus);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "invite-mail-sender");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sendDue, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::purgeSent, 1, 10, TimeUnit.MINUTES);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                // a batch being sent ends before the connection pool and the mail server are closed
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /**
     * Sends what is due, a batch at a time until the queue is empty; returns how many mails went out. A mail that
     * fails is kept for a retry later, or given up (see the class), and the next batch goes on: one bad
     * address must not hold a backlog back until the next round. A batch of which no mail went out (the
     * server is down) ends the round, instead of leasing the whole queue only to put it back for later.
     */
    int sendDue() {
        int total = 0;
        Batch batch;
        do {
            batch = sendBatch();
            total += batch.delivered();
        } while (batch.claimed() == BATCH && batch.delivered() > 0 && !Thread.currentThread().isInterrupted());
        return total;
    }

    /**
     * Deletes the mails sent longer ago than the retention, so that the queue does not grow for ever (each mail is
     * queued in the transaction of its event, never again afterwards, so a purged row cannot let a mail go twice);
     * returns how many.
     */
    int purgeSent() {
        try {
            int total = 0;
            int deleted;
            do {
                deleted = deliveries.deleteSentBefore(retention, 10_000);
                total += deleted;
            } while (deleted == 10_000 && !Thread.currentThread().isInterrupted());
            return total;
        } catch (RuntimeException e) {
            log.warn("Mail sender could not purge sent mails: {}", e.toString());
            return 0;
        }
    }

    private record Batch(int claimed, int delivered) {
    }

    /**
     * Up to {@link #BATCH} due mails over one SMTP connection (a connection per mail held the sender to a few dozen
     * mails a second, behind a steady 500 invitations a second), marked sent together. No transaction is open while
     * the SMTP server is talked to: the mails are leased first (see {@link MailDeliveryRepository#lease}). A
     * transaction open for the seconds a batch takes kept PostgreSQL from pruning the versions of every row updated
     * meanwhile: the workspace row, whose counters each invitation updates, grew hundreds of dead versions and every
     * request that read it slowed down (measured: 0.5 ms for its primary-key lookup; invitations held 140/s).
     */
    private Batch sendBatch() {
        try {
            List<MailDeliveryRepository.Delivery> due = deliveries.lease(BATCH, LEASE);
            Map<MimeMessage, MailDeliveryRepository.Delivery> messages = new LinkedHashMap<>();
            Map<MailDeliveryRepository.Delivery, Exception> failed = new LinkedHashMap<>();
            for (MailDeliveryRepository.Delivery d : due) {
                try {
                    messages.put(message(d), d);
                } catch (Exception e) {
                    failed.put(d, e);
                }
            }
            if (!messages.isEmpty()) {
                try {
                    sender.send(messages.keySet().toArray(MimeMessage[]::new));
                } catch (MailSendException e) {
                    e.getFailedMessages().forEach((m, cause) -> failed.put(messages.get(m), cause));
                } catch (MailException e) {
                    messages.values().forEach(d -> failed.put(d, e));
                }
            }
            List<UUID> delivered = new ArrayList<>();
            messages.values().stream().filter(d -> !failed.containsKey(d)).forEach(d -> delivered.add(d.eventId()));
            deliveries.markSent(delivered);
            failed.forEach(this::failed);
            return new Batch(due.size(), delivered.size());
        } catch (RuntimeException e) {
            log.warn("Mail sender could not read its queue: {}", e.toString());
            return new Batch(0, 0);
        }
    }

    private void failed(MailDeliveryRepository.Delivery d, Exception e) {
        if (DeliveryFailures.isPermanent(e)) {
            deliveries.giveUp(d.eventId(), e.toString());
            givenUp.increment();
            log.warn("Mail {} to {} refused for good, given up: {}", d.eventId(), d.recipient(), e.toString());
            return;
        }
        long delay = Math.min(3600, 1L << Math.min(d.attempts(), 12));
        if (deliveries.retryLaterOrGiveUp(d.eventId(), e.toString(), delay, giveUpAfter)) {
            givenUp.increment();
            log.warn("Mail {} to {} failed (attempt {}) and was queued more than {} ago, given up: {}", d.eventId(),
                    d.recipient(), d.attempts() + 1, giveUpAfter, e.toString());
        } else {
            log.warn("Mail {} to {} failed (attempt {}), retrying in {} s: {}", d.eventId(), d.recipient(),
                    d.attempts() + 1, delay, e.toString());
        }
    }

    private MimeMessage message(MailDeliveryRepository.Delivery d) throws Exception {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(from);
        helper.setTo(d.recipient());
        helper.setSubject(d.subject());
        helper.setText(d.body(), false);
        message.setHeader("Message-ID", "<" + d.eventId() + "@roster>");
        return message;
    }
}
