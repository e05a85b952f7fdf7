package io.roster.invite.session;

import io.roster.invite.InviteProperties;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * SMS through an email-to-SMS gateway ({@code <digits>@<roster.invite.sms.mail-gateway-domain>}) over the
 * service's mail sender. Sent at once, not through the mail queue: the code expires within minutes, and a
 * queued mail would keep it at rest in {@code mail_delivery}.
 */
@Component
@ConditionalOnProperty("roster.invite.sms.mail-gateway-domain")
class MailGatewaySmsSender implements SmsSender {

    private final JavaMailSender mail;
    private final String domain;
    private final String from;

    MailGatewaySmsSender(JavaMailSender mail, InviteProperties properties,
            @Value("${roster.invite.mail.from:Roster <no-reply@roster.local>}") String from) {
        this.mail = mail;
        this.domain = properties.sms().mailGatewayDomain().strip();
        this.from = from;
    }

    @Override
    public void send(String phoneNumber, String text) {
        String digits = phoneNumber.replaceAll("\\D", "");
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(digits + "@" + domain);
            helper.setSubject("Roster");
            helper.setText(text, false);
            mail.send(message);
        } catch (Exception e) {
            throw new SmsDeliveryException("the SMS gateway did not take the message: " + e.getMessage(), e);
        }
    }
}
