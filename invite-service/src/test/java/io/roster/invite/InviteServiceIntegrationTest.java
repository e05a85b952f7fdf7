package io.roster.invite;

import io.roster.invite.app.InviteServiceApplication;
import io.roster.testsupport.SharedInfrastructureInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * invite-service alone, on the JVM's shared real Kafka, PostgreSQL and SMTP servers, with workspaces acme (buckets
 * reports and archive), tiny and other (bucket reports).
 *
 * <p>An IT that needs beans of its own (a test double of one of our ports) brings them with {@code @Import}: its
 * context is then cached apart. A nested {@code @TestConfiguration} was seen reaching the context the other ITs
 * share, giving them the double too (see {@code SmsNotSentIT}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = InviteServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "roster.invite.workspaces[0].id=acme",
                "roster.invite.workspaces[0].licence-count=1000",
                "roster.invite.workspaces[0].time-zone=Europe/Paris",
                "roster.invite.workspaces[0].admin-access-key=rk_acme.acme-secret",
                "roster.invite.workspaces[0].buckets=reports,archive",
                "roster.invite.workspaces[2].id=other",
                "roster.invite.workspaces[2].admin-access-key=rk_other.other-secret",
                "roster.invite.workspaces[2].buckets=reports",
                "roster.invite.workspaces[1].id=tiny",
                "roster.invite.workspaces[1].licence-count=1",
                "roster.invite.workspaces[1].buckets=reports",
                "roster.invite.mail.poll-interval=100ms",
                "roster.invite.invitations.resend-interval=3s",
                "roster.invite.operator-token=operator-test-token",
                "roster.invite.tfa.encryption-key=dGVzdC1vbmx5LWtleS1mb3ItdG90cC1zZWNyZXRzISE=",
                "roster.invite.sms.mail-gateway-domain=sms.roster.test"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public @interface InviteServiceIntegrationTest {
}
