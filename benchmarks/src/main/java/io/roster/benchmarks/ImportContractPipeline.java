package io.roster.benchmarks;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.ValidatedAccount;
import io.roster.messaging.BinaryCopyRows;
import io.roster.messaging.EnvelopeSerializer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * One run of the import's contract with nothing else: four threads of plain Kafka clients and JDBC, at once.
 * <ol>
 * <li>the producer sends {@code rows} {@code account.create-user.v1} commands, built and encoded as the import does,
 * keyed as it keys them, with the outbox relay's producer settings (idempotent, acks from all replicas, large
 * batches);</li>
 * <li>the writer polls them in large batches and, per batch, in one transaction writes the accounts and (with an
 * outbox) one outbox row per account holding its encoded {@code account.created.v1}, commits, then commits the
 * offsets; without an outbox it sends the events from memory after the commit, before the offsets;</li>
 * <li>the relay (with an outbox) reads the outbox's rows in batches, sends them, deletes them once acknowledged;</li>
 * <li>the counter counts the events, bytes undecoded.</li>
 * </ol>
 * Writers and relays run in lanes: lane {@code l} of {@code L} consumes the partitions {@code p} with
 * {@code p % L == l} and has an outbox table and a relay of its own. One writer leaves a core idle while PostgreSQL
 * writes its batch (and PostgreSQL idle while it decodes the next); with a lane a core, both stay busy. A lane's one
 * writer commits its outbox ids in order, so its relay reads the ids above the last one it relayed: no gaps to wait
 * for, as messaging's relay must.
 */
final class ImportContractPipeline {

    static final String SCHEMA = "ceiling";
    static final String WORKSPACE = "ceiling";
    /** The partitions of roster.account.requests and roster.account.events (messaging's defaults, infra/topics.yaml). */
    static final int PARTITIONS = 12;
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final byte[] CREATE_USER = MessageType.CREATE_USER.typeName().getBytes(StandardCharsets.UTF_8);
    private static final String COPY_ACCOUNTS = "COPY " + SCHEMA + ".account (" + ImportContractRows.ACCOUNT_COLUMNS
            + ") FROM STDIN (FORMAT binary)";

    /** Lane {@code lane}'s outbox table. */
    static String outbox(int lane) {
        return SCHEMA + ".outbox_" + lane;
    }

    private static String copyOutbox(int lane) {
        return "COPY " + outbox(lane) + " (" + ImportContractRows.OUTBOX_COLUMNS + ") FROM STDIN (FORMAT binary)";
    }

    /** messaging's Outbox.insertAllOf: the values as the codec's bytes, made text by PostgreSQL. */
    private static String insertOutbox(int lane) {
        return "INSERT INTO " + outbox(lane) + " (" + ImportContractRows.OUTBOX_COLUMNS + ") SELECT e::uuid, t, k, y,"
                + " convert_from(v, 'UTF8') FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[])"
                + " WITH ORDINALITY AS m(e, t, k, y, v, n) ORDER BY n";
    }

    /** How a run writes its accounts and where its events come from. */
    enum Variant {
        /** Accounts and outbox rows by binary COPY; the relay sends the events. */
        OUTBOX("outbox", AccountWrite.COPY, EventSource.OUTBOX),
        /** Accounts and outbox rows by {@code INSERT … SELECT … FROM unnest(arrays)}, as invite-service today. */
        OUTBOX_UNNEST("outbox-unnest", AccountWrite.UNNEST, EventSource.OUTBOX),
        /** Accounts by binary COPY, no outbox: the events sent from memory after the commit (what the outbox costs). */
        NO_OUTBOX("no-outbox", AccountWrite.COPY, EventSource.MEMORY);

        final String label;
        final AccountWrite write;
        final EventSource events;

        Variant(String label, AccountWrite write, EventSource events) {
            this.label = label;
            this.write = write;
            this.events = events;
        }

        static Variant of(String label) {
            for (Variant v : values()) {
                if (v.label.equals(label)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("variant " + label + ": one of outbox, outbox-unnest, no-outbox");
        }
    }

    enum AccountWrite { COPY, UNNEST }

    enum EventSource { OUTBOX, MEMORY }

    /** Wall time of each step of a stage's threads, summed over the run and the lanes. */
    static final class Steps {
        private final Map<String, Long> nanos = new java.util.LinkedHashMap<>();

        synchronized void add(String step, long since) {
            nanos.merge(step, System.nanoTime() - since, Long::sum);
        }

        synchronized Map<String, Long> nanos() {
            return new java.util.LinkedHashMap<>(nanos);
        }
    }

    /** When each stage began and ended (System.nanoTime), what each thread's steps took, the batches. */
    record Result(Variant variant, int rows, long start, long sent, long flushed, long writerFirst, long writerLast,
            long relayLast, long eventFirst, long eventLast, Steps writer, Steps relay, int batches,
            int relayBatches, double cpuTotal) {

        double seconds() {
            return (eventLast - start) / 1e9;
        }

        double rate() {
            return rows / seconds();
        }
    }

    private final String bootstrap;
    private final Supplier<Connection> db;
    private final Variant variant;
    private final int rows;
    private final int batch;
    private final String requests;
    private final String events;
    private final UUID job = UUID.randomUUID();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long sent;
    private volatile long flushed;
    private final int lanes;
    private final AtomicLong writerFirst = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong writerLast = new AtomicLong();
    private final AtomicLong relayLast = new AtomicLong();
    private volatile long eventFirst;
    private volatile long eventLast;
    private final AtomicInteger batches = new AtomicInteger();
    /** Rows written and relayed by all lanes: a lane goes on until every lane's rows are done. */
    private final AtomicInteger writtenRows = new AtomicInteger();
    private final AtomicInteger relayedRows = new AtomicInteger();
    private final AtomicInteger relayBatches = new AtomicInteger();
    /** Per lane, released by its writer after each commit: the relay goes on without waiting for its next poll. */
    private final List<Semaphore> written = new ArrayList<>();
    private final Steps writerSteps = new Steps();
    private final Steps relaySteps = new Steps();
    private volatile byte[] firstEvent;
    /**
     * Counted down by each stage once its work is done; the stages then keep their threads and clients (whose I/O
     * threads' CPU would be lost with them) until {@link #release}, after the CPU is read.
     */
    private CountDownLatch finished;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Set<Thread> counted = ConcurrentHashMap.newKeySet();

    ImportContractPipeline(String bootstrap, Supplier<Connection> db, Variant variant, int rows, int batch, int lanes,
            String requests, String events) {
        this.lanes = lanes;
        for (int lane = 0; lane < lanes; lane++) {
            written.add(new Semaphore(0));
        }
        this.bootstrap = bootstrap;
        this.db = db;
        this.variant = variant;
        this.rows = rows;
        this.batch = batch;
        this.requests = requests;
        this.events = events;
    }

    /** Runs the four stages at once until the last event is counted; {@code cpu} restarted at the first command. */
    Result run(CpuUse cpu, String cpuPrefix) throws Exception {
        List<Thread> threads = new ArrayList<>();
        threads.add(thread("ceiling-counter", this::count));
        for (int lane = 0; lane < lanes; lane++) {
            int l = lane;
            threads.add(thread("ceiling-writer-" + lane, () -> write(l)));
            if (variant.events == EventSource.OUTBOX) {
                threads.add(thread("ceiling-relay-" + lane, () -> relay(l)));
            }
        }
        threads.add(thread("ceiling-producer", this::produce));
        finished = new CountDownLatch(threads.size());
        cpu.restart();
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        finished.await();
        double total = failure.get() != null ? 0 : cpuPrefix == null ? cpu.total(rows) : cpu.print(cpuPrefix, rows);
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(variant.label + " failed", failure.get());
        }
        Envelope<Payload> event = CODEC.read(firstEvent);
        if (!event.type().equals(MessageType.ACCOUNT_CREATED.typeName())) {
            throw new IllegalStateException("the events topic holds " + event.type());
        }
        return new Result(variant, rows, start, sent, flushed, writerFirst.get(), writerLast.get(), relayLast.get(),
                eventFirst, eventLast, writerSteps, relaySteps, batches.get(), relayBatches.get(), total);
    }

    /**
     * The producer's stage alone (no variant, no events topic): seconds from its start until flushed; {@code cpu}
     * printed (or only totalled, without a prefix), its total returned in the second element.
     */
    double[] produceAlone(CpuUse cpu, String cpuPrefix) throws Exception {
        Thread producer = thread("ceiling-producer", this::produce);
        finished = new CountDownLatch(1);
        cpu.restart();
        long start = System.nanoTime();
        producer.start();
        finished.await();
        double total = failure.get() != null ? 0 : cpuPrefix == null ? cpu.total(rows) : cpu.print(cpuPrefix, rows);
        release.countDown();
        producer.join();
        if (failure.get() != null) {
            throw new IllegalStateException("the producer alone failed", failure.get());
        }
        return new double[] {(flushed - start) / 1e9, total};
    }

    private interface Stage {
        void run() throws Exception;
    }

    private Thread thread(String name, Stage stage) {
        return new Thread(() -> {
            try {
                stage.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                if (counted.add(Thread.currentThread())) {
                    finished.countDown();
                }
            }
        }, name);
    }

    /** This stage's work is done: it waits, its clients open, until the CPU has been read. */
    private void done() throws InterruptedException {
        if (counted.add(Thread.currentThread())) {
            finished.countDown();
        }
        release.await();
    }

    private boolean failed() {
        return failure.get() != null;
    }

    private void produce() throws InterruptedException {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap, "ceiling-producer")) {
            Actor actor = new Actor(Actor.Kind.IMPORT, job.toString(), "198.51.100.7");
            for (int row = 1; row <= rows && !failed(); row++) {
                Envelope<CreateUser> command = ImportContractRows.command(WORKSPACE, job, actor, row, Instant.now());
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(requests, command.key(),
                        CODEC.write(command));
                record.headers().add(EnvelopeSerializer.TYPE_HEADER, CREATE_USER);
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            sent = System.nanoTime();
            producer.flush();
            flushed = System.nanoTime();
            done();
        }
    }

    private void write(int lane) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, "ceiling-writer-" + lane, batch);
                Connection connection = db.get();
                KafkaProducer<String, byte[]> sender = variant.events == EventSource.MEMORY
                        ? producer(bootstrap, "ceiling-events-" + lane) : null) {
            connection.setAutoCommit(false);
            List<TopicPartition> partitions = partitions(requests, lane);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            BinaryCopyRows accounts = new BinaryCopyRows(batch * 400);
            BinaryCopyRows outbox = new BinaryCopyRows(batch * 900);
            PreparedStatement insertAccounts = connection.prepareStatement(ImportContractRows.Arrays.insert(SCHEMA));
            PreparedStatement insertOutbox = connection.prepareStatement(insertOutbox(lane));
            while (writtenRows.get() < rows && !failed()) {
                long t = System.nanoTime();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                writerSteps.add("poll", t);
                if (records.isEmpty()) {
                    continue;
                }
                writerFirst.accumulateAndGet(System.nanoTime(), Math::min);
                t = System.nanoTime();
                int n = records.count();
                ImportContractRows.Arrays arrays = variant.write == AccountWrite.UNNEST
                        ? new ImportContractRows.Arrays() : null;
                String[] eventIds = new String[n];
                String[] topics = new String[n];
                String[] keys = new String[n];
                String[] types = new String[n];
                byte[][] values = new byte[n][];
                Instant now = Instant.now();
                int i = 0;
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    Envelope<Payload> command = CODEC.read(record.value());
                    ValidatedAccount account = ImportContractRows.account((CreateUser) command.payload(),
                            ZoneOffset.UTC);
                    UUID id = UUID.randomUUID();
                    Envelope<AccountCreated> event = command.answer(ImportContractRows.created(id, account), now);
                    if (arrays != null) {
                        arrays.add(id, WORKSPACE, account);
                    } else {
                        ImportContractRows.copy(id, WORKSPACE, account, accounts);
                    }
                    if (arrays != null) {
                        eventIds[i] = event.eventId().toString();
                    }
                    topics[i] = events;
                    keys[i] = event.key();
                    types[i] = event.type();
                    values[i] = CODEC.write(event);
                    if (variant.events == EventSource.OUTBOX && arrays == null) {
                        ImportContractRows.copyOutbox(event.eventId(), events, keys[i], types[i], values[i], outbox);
                    }
                    i++;
                }
                writerSteps.add("decode_type_encode", t);
                t = System.nanoTime();
                if (arrays != null) {
                    List<Object> params = arrays.params();
                    for (int p = 0; p < params.size(); p++) {
                        insertAccounts.setObject(p + 1, params.get(p));
                    }
                    insertAccounts.executeUpdate();
                } else {
                    copy.copyIn(COPY_ACCOUNTS, accounts.toInputStream());
                }
                writerSteps.add("accounts", t);
                if (variant.events == EventSource.OUTBOX) {
                    t = System.nanoTime();
                    if (arrays != null) {
                        insertOutbox.setObject(1, eventIds);
                        insertOutbox.setObject(2, topics);
                        insertOutbox.setObject(3, keys);
                        insertOutbox.setObject(4, types);
                        insertOutbox.setObject(5, values);
                        insertOutbox.executeUpdate();
                    } else {
                        copy.copyIn(copyOutbox(lane), outbox.toInputStream());
                    }
                    writerSteps.add("outbox", t);
                }
                t = System.nanoTime();
                connection.commit();
                writerSteps.add("commit", t);
                if (variant.events == EventSource.OUTBOX) {
                    written.get(lane).release();
                } else {
                    t = System.nanoTime();
                    send(sender, topics, keys, types, values);
                    writerSteps.add("events_sent", t);
                }
                t = System.nanoTime();
                consumer.commitSync();
                writerSteps.add("offsets", t);
                accounts.clear();
                outbox.clear();
                writtenRows.addAndGet(n);
                batches.incrementAndGet();
            }
            writerLast.accumulateAndGet(System.nanoTime(), Math::max);
            done();
        }
    }

    /** Sends the events and waits for every acknowledgement. */
    private static void send(KafkaProducer<String, byte[]> producer, String[] topics, String[] keys, String[] types,
            byte[][] values) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics[i], keys[i], values[i]);
            record.headers().add(EnvelopeSerializer.TYPE_HEADER, types[i].getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(record));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * messaging's relay, simplified: a lane's outbox has one writer, so the ids above the highest relayed (no gaps to
     * wait for), no advisory lock (one relay an outbox), no parking, no vacuum of its own.
     */
    private void relay(int lane) throws Exception {
        try (Connection connection = db.get();
                KafkaProducer<String, byte[]> producer = producer(bootstrap, "ceiling-relay-" + lane)) {
            try (var settings = connection.createStatement()) {
                // The primary key's index walked from the last id relayed, as messaging's relay reads its outbox: on a
                // fresh table (no statistics yet) the cached plan was once a scan of the whole heap, dead rows
                // included, then sorted — 127 ms a read, more than the rest of PostgreSQL's work together.
                settings.execute("SET enable_seqscan = off");
                settings.execute("SET enable_bitmapscan = off");
            }
            connection.setAutoCommit(false);
            PreparedStatement select = connection.prepareStatement("SELECT id, topic, record_key, type, value FROM "
                    + outbox(lane) + " WHERE id > ? ORDER BY id LIMIT ?");
            PreparedStatement delete = connection.prepareStatement("DELETE FROM " + outbox(lane)
                    + " WHERE id = ANY(?)");
            Semaphore wake = written.get(lane);
            long highest = 0;
            while (relayedRows.get() < rows && !failed()) {
                long t = System.nanoTime();
                select.setLong(1, highest);
                select.setInt(2, batch);
                List<Long> ids = new ArrayList<>(batch);
                List<Future<RecordMetadata>> acks = new ArrayList<>(batch);
                List<ProducerRecord<String, byte[]>> records = new ArrayList<>(batch);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        // the text's bytes as the server sent them (UTF-8): no String made of the JSON
                        ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString(2), rs.getString(3),
                                rs.getBytes(5));
                        record.headers().add(EnvelopeSerializer.TYPE_HEADER,
                                rs.getString(4).getBytes(StandardCharsets.UTF_8));
                        records.add(record);
                    }
                }
                relaySteps.add("select", t);
                if (ids.isEmpty()) {
                    connection.commit();
                    wake.tryAcquire(100, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                    continue;
                }
                t = System.nanoTime();
                for (ProducerRecord<String, byte[]> record : records) {
                    acks.add(producer.send(record));
                }
                producer.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(30, TimeUnit.SECONDS);
                }
                relaySteps.add("send_acknowledged", t);
                t = System.nanoTime();
                delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                delete.executeUpdate();
                connection.commit();
                relaySteps.add("delete_commit", t);
                highest = ids.get(ids.size() - 1);
                relayedRows.addAndGet(ids.size());
                relayBatches.incrementAndGet();
            }
            relayLast.accumulateAndGet(System.nanoTime(), Math::max);
            done();
        }
    }

    private void count() throws InterruptedException {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, "ceiling-counter", 10_000)) {
            List<TopicPartition> partitions = partitions(events, -1);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long counted = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (counted < rows && !failed()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + counted + " of " + rows + " events in 30 minutes");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                if (eventFirst == 0) {
                    eventFirst = System.nanoTime();
                    firstEvent = records.iterator().next().value();
                }
                counted += records.count();
            }
            eventLast = System.nanoTime();
            done();
        }
    }

    /** The topic's partitions of {@code lane}, or all of them for -1. */
    private List<TopicPartition> partitions(String topic, int lane) {
        List<TopicPartition> partitions = new ArrayList<>(PARTITIONS);
        for (int p = 0; p < PARTITIONS; p++) {
            if (lane < 0 || p % lanes == lane) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        return partitions;
    }


    /** messaging's relay producer settings (idempotent, acks=all, linger 100 ms, 512 KB batches, snappy). */
    static KafkaProducer<String, byte[]> producer(String bootstrap, String clientId) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, clientId, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 100,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A consumer of assigned partitions committing to a group, with messaging's fetch settings. */
    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String clientId, int maxPollRecords) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId, ConsumerConfig.GROUP_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords,
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 25),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
