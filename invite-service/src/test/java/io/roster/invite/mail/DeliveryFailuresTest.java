package io.roster.invite.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class DeliveryFailuresTest {

    private static final Address[] NONE = new Address[0];

    @Test
    void anAddressJakartaMailCannotParseIsPermanent() throws Exception {
        assertThat(DeliveryFailures.isPermanent(new AddressException("Missing '>'", "x <unclosed"))).isTrue();
    }

    @Test
    void anAddressTheServerRefusedForGoodIsPermanentEvenWrappedAndChained() throws Exception {
        Address[] refused = {new InternetAddress("nobody@mail.example")};
        SendFailedException invalid = new SendFailedException("Invalid Addresses", null, NONE, NONE, refused);
        assertThat(DeliveryFailures.isPermanent(invalid)).isTrue();
        assertThat(DeliveryFailures.isPermanent(new MessagingException("send failed", invalid))).isTrue();
        assertThat(DeliveryFailures.isPermanent(new MailSendException("send failed", invalid))).isTrue();
    }

    @Test
    void aTemporaryRefusalOrNoServerMayPassLater() throws Exception {
        Address[] later = {new InternetAddress("busy@mail.example")};
        // a 4xx reply: the address is valid, left unsent
        assertThat(DeliveryFailures.isPermanent(new SendFailedException("Try again", null, NONE, later, NONE)))
                .isFalse();
        assertThat(DeliveryFailures.isPermanent(new MessagingException("Couldn't connect to host",
                new ConnectException("Connection refused")))).isFalse();
        assertThat(DeliveryFailures.isPermanent(new MailSendException("Mail server connection failed"))).isFalse();
    }

    @Test
    void aChainThatLoopsEnds() {
        MessagingException first = new MessagingException("first");
        MessagingException second = new MessagingException("second", first);
        first.setNextException(second);
        assertThat(DeliveryFailures.isPermanent(first)).isFalse();
    }
}
