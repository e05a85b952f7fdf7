package io.roster.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) with IMAP to read what it received. Authentication is off: any user name and
 * password open that address's mailbox, which suits a local run and tests.
 */
public final class EmbeddedMailServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;
    private boolean closed;

    private EmbeddedMailServer(GreenMail greenMail, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    /** Ports 0 = free ports. */
    public static EmbeddedMailServer start(int smtpPort, int imapPort) {
        int smtp = FreePorts.resolve(smtpPort);
        int imap = FreePorts.resolve(imapPort);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, HOST, ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new EmbeddedMailServer(greenMail, smtp, imap);
    }

    public String host() {
        return HOST;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** For tests: what the server received. */
    public GreenMail greenMail() {
        return greenMail;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            greenMail.stop();
        }
    }
}
