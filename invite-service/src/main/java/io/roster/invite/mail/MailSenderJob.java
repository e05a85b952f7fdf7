package io.roster.invite.mail;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued mails; a failure (SMTP down) is retried with growing delays, up to an hour apart, for ever.
 * The Message-ID is derived from the event id, so even the one unavoidable duplicate (a crash after the SMTP
 * server accepted the mail, before it was marked sent) can be recognised by the receiving side.
 */
@Component
class MailSenderJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailSenderJob.class);

    private final MailDeliveryRepository deliveries;
    private final JavaMailSender sender;
    private final TransactionTemplate transactions;
    private final String from;
    private final long intervalMillis;
    private ScheduledExecutorService executor;

    MailSenderJob(MailDeliveryRepository deliveries, JavaMailSender sender, TransactionTemplate transactions,
            @Value("${roster.invite.mail.from:Roster <no-reply@roster.local>}") String from,
            @Value("${roster.invite.mail.poll-interval:500ms}") java.time.Duration interval) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.transactions = transactions;
        this.from = from;
        this.intervalMillis = interval.toMillis();
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "invite-mail-sender");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sendDue, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Sends what is due; returns how many mails went out. */
    int sendDue() {
        try {
            Integer sent = transactions.execute(status -> {
                int count = 0;
                List<MailDeliveryRepository.Delivery> due = deliveries.claimDue(50);
                for (MailDeliveryRepository.Delivery d : due) {
                    try {
                        sender.send(message(d));
                        deliveries.markSent(d.eventId());
                        count++;
                    } catch (Exception e) {
                        long delay = Math.min(3600, 1L << Math.min(d.attempts(), 12));
                        log.warn("Mail {} to {} failed (attempt {}), retrying in {} s: {}", d.eventId(),
                                d.recipient(), d.attempts() + 1, delay, e.toString());
                        deliveries.markFailed(d.eventId(), e.toString(), delay);
                    }
                }
                return count;
            });
            return sent == null ? 0 : sent;
        } catch (RuntimeException e) {
            log.warn("Mail sender could not read its queue: {}", e.toString());
            return 0;
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
