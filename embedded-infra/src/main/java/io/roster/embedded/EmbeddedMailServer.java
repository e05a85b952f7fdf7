package io.roster.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real SMTP server (GreenMail) with IMAP to read what it received. Authentication is off: any user name and
 * password open that address's mailbox, which suits a local run and tests. With a store directory, the
 * mailboxes are saved there on close (one {@code .eml} file per message, a folder per address) and delivered
 * again on the next start, so a local run keeps its mail across restarts.
 */
public final class EmbeddedMailServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;
    private final Path store;
    private boolean closed;

    private EmbeddedMailServer(GreenMail greenMail, int smtpPort, int imapPort, Path store) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.store = store;
    }

    /** Ports 0 = free ports; nothing kept. */
    public static EmbeddedMailServer start(int smtpPort, int imapPort) {
        return start(smtpPort, imapPort, null);
    }

    /** Ports 0 = free ports; {@code store} null = nothing kept. */
    public static EmbeddedMailServer start(int smtpPort, int imapPort, Path store) {
        int smtp = FreePorts.resolve(smtpPort);
        int imap = FreePorts.resolve(imapPort);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, HOST, ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        EmbeddedMailServer server = new EmbeddedMailServer(greenMail, smtp, imap, store);
        server.restore();
        return server;
    }

    private void restore() {
        if (store == null || !Files.isDirectory(store)) {
            return;
        }
        try (Stream<Path> files = Files.walk(store)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                String address = file.getParent().getFileName().toString();
                GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
                if (user == null) {
                    user = greenMail.setUser(address, address, "");
                }
                try (InputStream in = Files.newInputStream(file)) {
                    user.deliver(new MimeMessage(Session.getInstance(new Properties()), in));
                }
            }
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("could not restore the mailboxes from " + store, e);
        }
    }

    private void save() throws IOException, MessagingException, FolderException {
        if (store == null) {
            return;
        }
        Path next = store.resolveSibling(store.getFileName() + ".new");
        deleteRecursively(next);
        for (GreenMailUser user : greenMail.getUserManager().listUser()) {
            Path box = next.resolve(user.getEmail());
            Files.createDirectories(box);
            int n = 0;
            for (StoredMessage message : greenMail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
                try (OutputStream out = Files.newOutputStream(box.resolve(String.format("%06d.eml", ++n)))) {
                    message.getMimeMessage().writeTo(out);
                }
            }
        }
        Files.createDirectories(next);
        deleteRecursively(store);
        Files.move(next, store);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
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
            try {
                save();
            } catch (Exception e) {
                throw new IllegalStateException("could not save the mailboxes to " + store, e);
            } finally {
                greenMail.stop();
            }
        }
    }
}
