package io.roster.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureIT {

    @TempDir
    Path dataDir;

    @Test
    void kafkaKeepsTopicsAndRecordsAcrossARestartOnOtherPorts() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "k", "survives")).get();
            }
            assertThat(readAll(broker.bootstrapServers(), "kept")).containsExactly("survives");
        }
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0)) {
            assertThat(readAll(again.bootstrapServers(), "kept")).containsExactly("survives");
        }
    }

    /**
     * A new cluster runs under PostgreSQL's builtin C.UTF-8 (texts compare as bytes in code-point order, lower()
     * folds every script: a case-folded unique index refuses "éLODIE" beside "Élodie"), and keeps its rows.
     */
    @Test
    void postgresKeepsRowsAcrossARestartAndFoldsTextsWithItsBuiltinUnicodeLocale() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("pg"), 0);
                Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            ResultSet rs = c.createStatement().executeQuery("SELECT datlocprovider, datlocale, lower('ÉLODIE.ÑÚÑEZ'),"
                    + " 'Z' < 'a' AND 'a' < 'é' FROM pg_database WHERE datname = current_database()");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("b");
            assertThat(rs.getString(2)).isEqualTo("C.UTF-8");
            assertThat(rs.getString(3)).isEqualTo("élodie.ñúñez");
            assertThat(rs.getBoolean(4)).isTrue();
            c.createStatement().execute("CREATE TABLE kept (v TEXT)");
            c.createStatement().execute("CREATE UNIQUE INDEX kept_folded ON kept (lower(v))");
            c.createStatement().execute("INSERT INTO kept VALUES ('survives'), ('Élodie')");
            assertThatThrownBy(() -> c.createStatement().execute("INSERT INTO kept VALUES ('éLODIE')"))
                    .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("kept_folded");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("pg"), 0);
                Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept ORDER BY v"); // s before É
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("survives");
        }
    }

    @Test
    void mailSentOverSmtpCanBeReadOverImapWithAnyPassword() throws Exception {
        try (EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0)) {
            Properties props = new Properties();
            props.put("mail.smtp.host", mail.host());
            props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
            Session session = Session.getInstance(props);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("roster@example.com"));
            message.setRecipients(Message.RecipientType.TO, "ada@example.com");
            message.setSubject("hello");
            message.setText("body");
            Transport.send(message);

            assertThat(mail.greenMail().getReceivedMessages()).extracting(MimeMessage::getSubject)
                    .containsExactly("hello");
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect(mail.host(), mail.imapPort(), "ada@example.com", "any-password");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessages()).extracting(Message::getSubject).containsExactly("hello");
            store.close();
        }
    }

    @Test
    void mailboxesWithAStoreSurviveARestart() throws Exception {
        Path store = dataDir.resolve("mail");
        try (EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0, store)) {
            send(mail, "grace@example.com", "kept");
        }
        try (EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0, store)) {
            assertThat(mail.greenMail().getReceivedMessages()).extracting(MimeMessage::getSubject)
                    .containsExactly("kept");
            send(mail, "grace@example.com", "second");
        }
        try (EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0, store)) {
            assertThat(mail.greenMail().getReceivedMessages()).extracting(MimeMessage::getSubject)
                    .containsExactly("kept", "second");
        }
    }

    /** Mailboxes beyond the latest recipients' are dropped, oldest first: the server neither slows nor fills. */
    @Test
    void onlyTheLatestRecipientsKeepTheirMailboxes() throws Exception {
        try (EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0, null, 3)) {
            for (String name : new String[] {"a", "b", "c", "d", "e"}) {
                send(mail, name + "@example.com", "to " + name);
                assertThat(mail.prune()).isEqualTo(name.compareTo("c") > 0 ? 1 : 0);
            }
            assertThat(mail.greenMail().getUserManager().listUser())
                    .extracting(com.icegreen.greenmail.user.GreenMailUser::getEmail)
                    .containsExactlyInAnyOrder("c@example.com", "d@example.com", "e@example.com");
            assertThat(mail.greenMail().getReceivedMessages()).extracting(MimeMessage::getSubject)
                    .containsExactlyInAnyOrder("to c", "to d", "to e");
            send(mail, "c@example.com", "to c again");
            assertThat(mail.prune()).isZero();
        }
    }

    private static void send(EmbeddedMailServer mail, String to, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", mail.host());
        props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("roster@example.com"));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject);
        message.setText("body");
        Transport.send(message);
    }

    @Test
    void infrastructureExposesTheStandardSpringPropertiesOfWorkingServers() throws Exception {
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(
                new EmbeddedInfrastructure.Options(dataDir, true, true, true, 0, 0, 0, 0));
        try (infra) {
            Map<String, String> spring = infra.springProperties();
            assertThat(spring).containsOnlyKeys("spring.kafka.bootstrap-servers",
                    "spring.kafka.producer.compression-type", "spring.datasource.url",
                    "spring.datasource.username", "spring.datasource.password", "spring.mail.host",
                    "spring.mail.port");
            // the broker is in this process: compression would cost CPU and save no network
            assertThat(spring).containsEntry("spring.kafka.producer.compression-type", "none");
            assertThat(spring.get("spring.datasource.url")).contains("/roster");
            try (Connection c = DriverManager.getConnection(spring.get("spring.datasource.url"),
                    spring.get("spring.datasource.username"), spring.get("spring.datasource.password"))) {
                assertThat(c.getCatalog()).isEqualTo("roster");
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    spring.get("spring.kafka.bootstrap-servers")))) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }
            try (Socket smtp = new Socket(spring.get("spring.mail.host"),
                    Integer.parseInt(spring.get("spring.mail.port")))) {
                assertThat(new BufferedReader(new InputStreamReader(smtp.getInputStream())).readLine())
                        .startsWith("220");
            }
            assertThat(dataDir.resolve("kafka").resolve("meta.properties")).exists();
            assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();
        }
        infra.close(); // idempotent
    }

    @Test
    void aSecondStartOnTheSameDataDirectoryIsRefusedAndLeavesTheFirstWorking() throws Exception {
        EmbeddedInfrastructure.Options options = new EmbeddedInfrastructure.Options(dataDir, true, false, false, 0, 0,
                0, 0);
        try (EmbeddedInfrastructure first = EmbeddedInfrastructure.start(options)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedInfrastructure.start(options))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another Roster is already running on");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    first.kafka().bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("after-refusal", 1, (short) 1))).all().get();
                // The controller has accepted the topic; the broker's metadata may list it a moment later.
                long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
                while (!admin.listTopics().names().get().contains("after-refusal") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(admin.listTopics().names().get()).contains("after-refusal");
            }
        }
        // released on close: the directory can be used again
        try (EmbeddedInfrastructure again = EmbeddedInfrastructure.start(options)) {
            assertThat(again.kafka().bootstrapServers()).isNotBlank();
        }
    }

    private static List<String> readAll(String bootstrap, String topic) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
