package io.roster.testsupport;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;

/** What the JVM's shared SMTP server received, by recipient. */
public final class Mailboxes {

    private Mailboxes() {
    }

    public static MimeMessage[] receivedBy(String address) {
        return Arrays.stream(SharedInfrastructure.get().mail().greenMail().getReceivedMessages())
                .filter(m -> addressedTo(m, address))
                .toArray(MimeMessage[]::new);
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().equals(address));
        } catch (MessagingException e) {
            return false;
        }
    }
}
