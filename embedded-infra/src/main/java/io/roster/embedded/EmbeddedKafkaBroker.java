package io.roster.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in this JVM: KRaft, one node acting as broker and controller, listening on
 * 127.0.0.1. The log directory is formatted once; a later start on the same directory keeps every topic and
 * record. The controller quorum is static ({@code controller.quorum.voters}), so ports may change between runs.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on {@code logDir}; {@code port} 0 picks a free port. */
    public static EmbeddedKafkaBroker start(Path logDir, int port) {
        long started = System.nanoTime();
        int brokerPort = FreePorts.resolve(port);
        int controllerPort = FreePorts.resolve(0);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // No forced fsync per message: a clean close flushes, and a killed JVM leaves its writes in the page cache.
        // Controlled shutdown fences the broker in the metadata log; without it a restart on the same directory
        // waits out broker.session.timeout.ms (DUPLICATE_BROKER_REGISTRATION) before the old session expires.
        p.put("controlled.shutdown.enable", "true");
        p.put("controller.quorum.election.timeout.ms", "1000");
        p.put("controller.quorum.fetch.timeout.ms", "2000");
        p.put("broker.heartbeat.interval.ms", "500");
        // Long enough that a starved machine (a loaded CI runner, a benchmark) does not fence its only broker.
        p.put("broker.session.timeout.ms", "9000");
        p.put("server.max.startup.time.ms", "60000");
        KafkaConfig config = KafkaConfig.fromProps(p, false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config, logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            try {
                server.shutdown(); // a failed startup() may leave the controller half running; stop what there is
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        String bootstrap = "127.0.0.1:" + brokerPort;
        log.info("Kafka broker started on {} in {} ms (data in {})", bootstrap,
                (System.nanoTime() - started) / 1_000_000, logDir);
        return new EmbeddedKafkaBroker(server, bootstrap);
    }

    private static void format(KafkaConfig config, Path logDir) {
        try {
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(java.util.List.of(logDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName("CONTROLLER")
                    .setHasDynamicQuorum(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + logDir, e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
    }
}
