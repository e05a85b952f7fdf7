package io.roster.invite.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells a failure that a retry cannot cure from one that it may: an address Jakarta Mail cannot parse, or one the SMTP
 * server refused with a permanent (5xx) reply — which Jakarta Mail reports as an invalid address of a
 * {@link SendFailedException}, a temporary (4xx) refusal being a valid address left unsent. Anything else (no
 * connection, a timeout, a server answering 4xx) may pass later.
 */
final class DeliveryFailures {

    private DeliveryFailures() {
    }

    static boolean isPermanent(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
            if (t instanceof AddressException) {
                return true;
            }
            if (t instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
                    && sendFailed.getInvalidAddresses().length > 0) {
                return true;
            }
        }
        return false;
    }

    /** Jakarta Mail chains its exceptions through getNextException as well as through getCause. */
    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return t.getCause();
    }
}
