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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real SMTP server (GreenMail) with IMAP to read what it received. Authentication is off: any user name and
 * password open that address's mailbox, which suits a local run and tests. With a store directory, the
 * mailboxes are saved there on close (one {@code .eml} file per message, a folder per address) and delivered
 * again on the next start, so a local run keeps its mail across restarts.
 *
 * <p>It keeps the mailboxes of the latest {@value #DEFAULT_MAX_MAILBOXES} recipients (system property
 * {@value #MAX_MAILBOXES_PROPERTY} or environment variable {@code ROSTER_EMBEDDED_MAIL_MAX_MAILBOXES}) and drops
 * older ones, checked every second. GreenMail holds every message in memory and finds a recipient's mailbox by
 * scanning all of them: at some 100,000 recipients (a benchmark's invitations) each delivery took milliseconds of
 * CPU, so it received 43 mails a second on two cores while taking a tenth of them.
 */
public final class EmbeddedMailServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    /** System property: how many recipients' mailboxes are kept (the latest); 0 keeps all. */
    public static final String MAX_MAILBOXES_PROPERTY = "roster.embedded.mail.max-mailboxes";
    static final int DEFAULT_MAX_MAILBOXES = 1_000;

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;
    private final Path store;
    private final int maxMailboxes;
    /** Recipients in the order their mailboxes were first seen, oldest first. */
    private final LinkedHashSet<String> mailboxes = new LinkedHashSet<>();
    private ScheduledExecutorService pruner;
    private boolean closed;

    private EmbeddedMailServer(GreenMail greenMail, int smtpPort, int imapPort, Path store, int maxMailboxes) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.store = store;
        this.maxMailboxes = maxMailboxes;
    }

    private static int configuredMaxMailboxes() {
        String value = System.getProperty(MAX_MAILBOXES_PROPERTY, System.getenv("ROSTER_EMBEDDED_MAIL_MAX_MAILBOXES"));
        try {
            return value == null || value.isBlank() ? DEFAULT_MAX_MAILBOXES : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_MAILBOXES_PROPERTY + " must be a number, not '" + value + "'");
        }
    }

    /** Ports 0 = free ports; nothing kept. */
    public static EmbeddedMailServer start(int smtpPort, int imapPort) {
        return start(smtpPort, imapPort, null);
    }

    /** Ports 0 = free ports; {@code store} null = nothing kept. */
    public static EmbeddedMailServer start(int smtpPort, int imapPort, Path store) {
        EmbeddedMailServer server = start(smtpPort, imapPort, store, configuredMaxMailboxes());
        if (server.maxMailboxes > 0) {
            server.pruner = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "embedded-mail-pruner");
                t.setDaemon(true);
                return t;
            });
            server.pruner.scheduleWithFixedDelay(server::pruneQuietly, 1, 1, TimeUnit.SECONDS);
        }
        return server;
    }

    /** Without the scheduled pruning ({@link #prune} is then the caller's): for tests. */
    static EmbeddedMailServer start(int smtpPort, int imapPort, Path store, int maxMailboxes) {
        // GreenMail parses every message it receives: without this, Jakarta Mail 2.1 searches the classpath's jars
        // for its stream provider each time (jakartaee/mail-api#861), a third of GreenMail's CPU, profiled
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null && EmbeddedMailServer.class
                .getClassLoader().getResource("org/eclipse/angus/mail/util/MailStreamProvider.class") != null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        int smtp = FreePorts.resolve(smtpPort);
        int imap = FreePorts.resolve(imapPort);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, HOST, ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        EmbeddedMailServer server = new EmbeddedMailServer(greenMail, smtp, imap, store, maxMailboxes);
        server.restore();
        return server;
    }

    private void pruneQuietly() {
        try {
            prune();
        } catch (RuntimeException e) {
            // a development mail server: the next round tries again
        }
    }

    /** Drops the mailboxes of the oldest recipients beyond the latest {@code maxMailboxes}; returns how many. */
    synchronized int prune() {
        Map<String, GreenMailUser> users = new HashMap<>();
        for (GreenMailUser user : greenMail.getUserManager().listUser()) {
            users.put(user.getEmail(), user);
        }
        mailboxes.retainAll(users.keySet());
        mailboxes.addAll(users.keySet());
        int dropped = 0;
        for (var oldest = mailboxes.iterator(); mailboxes.size() > maxMailboxes && oldest.hasNext(); dropped++) {
            greenMail.getUserManager().deleteUser(users.get(oldest.next()));
            oldest.remove();
        }
        return dropped;
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
            if (pruner != null) {
                pruner.shutdownNow();
            }
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
