package io.roster.invite.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

class MailSenderJobTest {

    @Test
    void jakartaMailIsToldWhichStreamProviderToUseSoThatItDoesNotSearchTheClasspathForEveryMessage() {
        MailSenderJob.pinStreamProvider();
        assertThat(System.getProperty(MailSenderJob.STREAM_PROVIDER_PROPERTY))
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider().getClass().getName())
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    }
}
