package io.roster.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Real Kafka, PostgreSQL and SMTP servers in this JVM, for tests and the standalone run. Exposes their
 * addresses as the standard Spring Boot properties, so the services cannot tell them from external ones.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    /**
     * The producers' compression when the broker is this embedded one (messaging's default, for a broker elsewhere,
     * is snappy): the broker runs in the same process and is reached over loopback, so compression saves no network,
     * and it costs CPU at every step of a record's way — the producer compresses each batch, and every consumer
     * group decompresses it again. Measured on the outbox path ({@code OutboxPathBenchmark}, three pairs back to
     * back): the relay's thread and the consumer spent 1–2 µs less an event each without it, the broker as much as
     * with it. What it costs is disk: the embedded broker's logs keep the JSON uncompressed.
     */
    public static final String EMBEDDED_BROKER_COMPRESSION = "none";

    /**
     * What to start and where.
     *
     * @param dataDir where Kafka ({@code kafka/}), PostgreSQL ({@code postgres/}) and the mail server
     *     ({@code mail/}) keep their data; null for a temporary directory deleted on close
     * @param kafka, postgres, mail which parts to start
     * @param kafkaPort, postgresPort, smtpPort, imapPort 0 = a free port picked at runtime
     */
    public record Options(Path dataDir, boolean kafka, boolean postgres, boolean mail, int kafkaPort,
            int postgresPort, int smtpPort, int imapPort) {

        /** Everything, on free ports, in a temporary directory: what a test JVM shares. */
        public static Options throwaway() {
            return new Options(null, true, true, true, 0, 0, 0, 0);
        }
    }

    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedDatabase database;
    private final EmbeddedMailServer mail;
    private final Path temporaryDir;
    private final DataDirectoryLock lock;
    private boolean closed;

    private EmbeddedInfrastructure(EmbeddedKafkaBroker kafka, EmbeddedDatabase database, EmbeddedMailServer mail,
            Path temporaryDir, DataDirectoryLock lock) {
        this.lock = lock;
        this.kafka = kafka;
        this.database = database;
        this.mail = mail;
        this.temporaryDir = temporaryDir;
    }

    /** Starts the parts asked for, Kafka and PostgreSQL in parallel. */
    public static EmbeddedInfrastructure start(Options options) {
        Path temporary = null;
        Path dataDir = options.dataDir();
        try {
            if (dataDir == null) {
                temporary = Files.createTempDirectory("roster-infra-");
                dataDir = temporary;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DataDirectoryLock lock = options.dataDir() == null ? null : DataDirectoryLock.acquire(dataDir);
        Path kafkaDir = dataDir.resolve("kafka");
        Path postgresDir = options.dataDir() == null ? null : dataDir.resolve("postgres");
        CompletableFuture<EmbeddedDatabase> database = options.postgres()
                ? CompletableFuture.supplyAsync(() -> EmbeddedDatabase.start(postgresDir, options.postgresPort()))
                : CompletableFuture.completedFuture(null);
        EmbeddedKafkaBroker kafka = null;
        EmbeddedMailServer mail = null;
        try {
            kafka = options.kafka() ? EmbeddedKafkaBroker.start(kafkaDir, options.kafkaPort()) : null;
            mail = options.mail() ? EmbeddedMailServer.start(options.smtpPort(), options.imapPort(),
                    options.dataDir() == null ? null : dataDir.resolve("mail")) : null;
            return new EmbeddedInfrastructure(kafka, database.join(), mail, temporary, lock);
        } catch (RuntimeException e) {
            EmbeddedInfrastructure partial = new EmbeddedInfrastructure(kafka, database.exceptionally(t -> null)
                    .join(), mail, temporary, lock);
            try {
                partial.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            // join() wraps PostgreSQL's failure; report it as it was thrown.
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public EmbeddedKafkaBroker kafka() {
        return require(kafka, "Kafka");
    }

    public EmbeddedDatabase database() {
        return require(database, "PostgreSQL");
    }

    public EmbeddedMailServer mail() {
        return require(mail, "mail server");
    }

    /**
     * The standard Spring Boot properties pointing at the started parts, and the producers' compression for the
     * embedded broker: {@code none} (see {@link #EMBEDDED_BROKER_COMPRESSION}).
     */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (kafka != null) {
            properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            properties.put("spring.kafka.producer.compression-type", EMBEDDED_BROKER_COMPRESSION);
        }
        if (database != null) {
            properties.put("spring.datasource.url", database.jdbcUrl());
            properties.put("spring.datasource.username", database.username());
            properties.put("spring.datasource.password", database.password());
        }
        if (mail != null) {
            properties.put("spring.mail.host", mail.host());
            properties.put("spring.mail.port", String.valueOf(mail.smtpPort()));
        }
        return properties;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (AutoCloseable part : new AutoCloseable[] {mail, kafka, database}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException("could not stop embedded infrastructure", e)
                        : failure;
            }
        }
        if (lock != null) {
            lock.close();
        }
        if (temporaryDir != null) {
            try (Stream<Path> files = Files.walk(temporaryDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp dir is harmless
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static <T> T require(T part, String name) {
        if (part == null) {
            throw new IllegalStateException(name + " was not started embedded");
        }
        return part;
    }
}
