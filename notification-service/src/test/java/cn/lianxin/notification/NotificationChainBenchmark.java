package cn.lianxin.notification;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.notification.support.BenchmarkTraffic;
import cn.lianxin.notification.support.BenchmarkTraffic.Branch;
import cn.lianxin.notification.support.Payloads.Contact;
import cn.lianxin.testing.BenchmarkReport;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.RawKafka;

/**
 * Issue 14, P3, the steady chain: {@code ContactMissed} reminders (as tracking-service's scan publishes them on
 * {@code contact.events}, the member's liaison in the event; the members of {@value #BRANCHES} branches taken in turn,
 * as a scan finds them due across a district) produced at a steady {@value #DEFAULT_RATE} events/s for
 * {@value #DEFAULT_SECONDS} s after a warm-up at the same rate; for each, the latency from its send to its
 * notification row (one, to the liaison; HELD for the liaison's digest) being stored, with p50, p95, p99, max and the
 * rate achieved. Target: p99 &lt; 100 ms. "Stored" is measured twice: committed, i.e. seen by a reader polling the
 * branch's new notifications every {@value #POLL_MILLIS} ms (the moment of the poll that first saw the row, so up to
 * one poll late), and the row's {@code created_at}, which the service stamps from its Clock when it inserts the row,
 * before its transaction commits (a batch's rows wait for the batch's commit). Baseline, same run and records: each
 * record is also sent, at the same moment and by the same producer, to a copy topic that a raw consumer in this JVM
 * reads: the broker's produce-to-consume latency. The chain's write floor, same run and records, measured after the
 * service's run (so that neither takes the cores from the other) at the same rate on a topic of its own:
 * {@link ChainWriteFloor}, a raw consumer committing each poll's inbox, look-up and notification rows with the
 * service's statements; its latency is the send to that commit (exact, where the service's is up to one poll late).
 * Prints figures, asserts no timing. Run: {@code ./mvnw verify -Pbenchmarks -pl notification-service
 * -Dtest=NotificationChainBenchmark} ({@code -Dnotification.chain.seconds=N}, {@code -Dnotification.chain.rate=R}).
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@TestProfile(BenchmarkTraffic.Quiet.class)
class NotificationChainBenchmark {

    static final int DEFAULT_RATE = 500;
    static final int DEFAULT_SECONDS = 20;
    static final int RATE = Integer.getInteger("notification.chain.rate", DEFAULT_RATE);
    static final int SECONDS = Integer.getInteger("notification.chain.seconds", DEFAULT_SECONDS);
    static final int WARM_UP_SECONDS = Integer.getInteger("notification.chain.warm-up", 5);
    /** Members the reminders are about, in {@link #BRANCHES} branches, each with one of {@link #LIAISONS} liaisons. */
    static final int MEMBERS = 1_000;
    static final int BRANCHES = 20;
    static final int LIAISONS = 50;
    static final int POLL_MILLIS = 5;
    static final String CONTACT_MISSED = "lianxin.contact.ContactMissed.v1";
    static final String BENCHMARK = "notification NotificationChainBenchmark";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void storesEachContactMissedNotificationAtFiveHundredEventsPerSecondAgainstARawConsumer() throws Exception {
        UUID root = BenchmarkTraffic.root(dataSource);
        List<Branch> branches = new ArrayList<>();
        for (int b = 1; b <= BRANCHES; b++) {
            branches.add(BenchmarkTraffic.branch(dataSource, root, "第" + b + "党支部", MEMBERS / BRANCHES));
        }
        List<Contact> liaisons = new ArrayList<>();
        for (int i = 0; i < LIAISONS; i++) {
            liaisons.add(BenchmarkTraffic.contact("联络员" + (i + 1)));
        }
        String copyTopic = "bench.notification-chain." + UUID.randomUUID();
        String floorTopic = "bench.notification-chain-floor." + UUID.randomUUID();
        RawKafka.createTopic(copyTopic);
        RawKafka.createTopic(floorTopic);
        ChainWriteFloor.makeTables();

        new Run(reminders(branches, liaisons, WARM_UP_SECONDS * RATE), branches).paced(copyTopic);
        Run run = new Run(reminders(branches, liaisons, SECONDS * RATE), branches);
        run.paced(copyTopic);
        new Run(reminders(branches, liaisons, WARM_UP_SECONDS * RATE), branches).pacedToTheFloor(floorTopic);
        Run floorRun = new Run(reminders(branches, liaisons, SECONDS * RATE), branches);
        floorRun.pacedToTheFloor(floorTopic);

        double[] stored = run.latencies(run.visible);
        double[] stamped = run.stampedLatencies();
        double[] raw = run.latencies(run.consumed);
        double[] floor = floorRun.latencies(floorRun.floorCommitted);
        double rate = (run.size() - 1) / ((run.sentNanos[run.size() - 1] - run.sentNanos[0]) / 1e9);

        System.out.printf("%n=== NotificationChainBenchmark: ContactMissed at %d/s for %d s (%,d events, after %,d at the same rate), %d branches, %,d members ===%n",
                RATE, SECONDS, run.size(), WARM_UP_SECONDS * RATE, BRANCHES, MEMBERS);
        System.out.printf("sent at %,.1f events/s%n", rate);
        print("project: send -> notification stored (committed, polled every " + POLL_MILLIS + " ms)", stored);
        print("project: send -> the row's created_at (service clock, before its commit)", stamped);
        print("baseline: send -> raw consumer of a copy topic", raw);
        print("floor (the same records next, alone): send -> a raw consumer's commit of the poll's rows", floor);

        String chain = "P3 chain at %d/s: ContactMissed -> notification stored".formatted(RATE);
        String baseline = "raw producer -> raw consumer (copy topic), same records";
        String writeFloor = "write floor: raw consumer committing each poll's inbox, look-up and notification rows";
        BenchmarkReport.figure(BENCHMARK, chain + ", p99", p(stored, 0.99), "ms", baseline + ", p99", p(raw, 0.99), "< 100 ms");
        BenchmarkReport.figure(BENCHMARK, chain + ", p99 against its write floor", p(stored, 0.99), "ms",
                writeFloor + ", p99", p(floor, 0.99), "< 100 ms");
        BenchmarkReport.figure(BENCHMARK, chain + ", p50", p(stored, 0.50), "ms", baseline + ", p50", p(raw, 0.50), "-");
        BenchmarkReport.figure(BENCHMARK, chain + ", p50 against its write floor", p(stored, 0.50), "ms",
                writeFloor + ", p50", p(floor, 0.50), "-");
        BenchmarkReport.figure(BENCHMARK, chain + ", max", stored[stored.length - 1], "ms", baseline + ", max",
                raw[raw.length - 1], "-");
        BenchmarkReport.figure(BENCHMARK, chain + " (row's created_at, before commit), p99", p(stamped, 0.99), "ms",
                baseline + ", p99", p(raw, 0.99), "-");
        BenchmarkReport.figure(BENCHMARK, "P3 chain: ContactMissed sent per second, steady for %d s".formatted(SECONDS),
                rate, "events/s", "%d/s offered".formatted(RATE));
        try (Connection c = dataSource.getConnection()) {
            BenchmarkReport.settings(c);
        }
    }

    /**
     * tracking-service's T1 reminders (LIAISON_MONTHLY, REMINDER) as its scan writes them (instants in UTC, the
     * liaison it knows), one per event, the members taken in turn, a branch after another; schema-checked.
     */
    private static List<ProducerRecord<String, String>> reminders(List<Branch> branches, List<Contact> liaisons,
            int count) {
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant due = asOf.minus(3, ChronoUnit.DAYS);
        Instant started = due.minus(31, ChronoUnit.DAYS);
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Branch branch = branches.get(i % BRANCHES);
            UUID member = branch.members().get(i / BRANCHES % branch.members().size());
            Contact liaison = liaisons.get(i % MEMBERS % LIAISONS);
            String payload = """
                    {"memberId":"%s","orgId":"%s","obligation":"LIAISON_MONTHLY","level":"REMINDER","clockStartedAt":"%s",\
                    "dueAt":"%s","threshold":"P1M","lastReachedAt":"%s","liaison":{"name":"%s","phone":"%s","wechat":"%s"},\
                    "daysOverdue":3,"asOf":"%s"}"""
                    .formatted(member, branch.id(), started, due, started, liaison.name(), liaison.phone(),
                            liaison.wechat(), asOf);
            if (i == 0) {
                EventSchemas.load().assertValid(CONTACT_MISSED, payload);
            }
            records.add(BenchmarkTraffic.event(CONTACT_MISSED, member, payload, asOf));
        }
        return records;
    }

    /**
     * One paced run of records sent at {@link #RATE}/s: to the service (each with its copy), a raw consumer of the copy
     * topic and a reader polling the branches' notifications noting when each arrives; or to the write floor alone.
     */
    private final class Run {

        final List<ProducerRecord<String, String>> records;
        final List<Branch> branches;
        final Map<UUID, Integer> index = new ConcurrentHashMap<>();
        final UUID[] ids;
        final Instant[] sentAt;
        final long[] sentNanos;
        /** nanoTime when the raw consumer got the copy; written by its thread only. */
        final long[] consumed;
        /** nanoTime of the poll that first saw the notification; written by the poller only. */
        final long[] visible;
        /** nanoTime when the write floor committed the record's rows; written by its thread only. */
        final long[] floorCommitted;
        final AtomicInteger sent = new AtomicInteger();
        volatile boolean stop;

        Run(List<ProducerRecord<String, String>> records, List<Branch> branches) {
            this.records = records;
            this.branches = branches;
            int n = records.size();
            ids = new UUID[n];
            sentAt = new Instant[n];
            sentNanos = new long[n];
            consumed = new long[n];
            visible = new long[n];
            floorCommitted = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = BenchmarkTraffic.id(records.get(i));
                index.put(ids[i], i);
            }
        }

        int size() {
            return records.size();
        }

        /** Sends every record on schedule, then waits until every copy is consumed and every notification stored. */
        void paced(String copyTopic) throws Exception {
            KafkaConsumer<String, String> consumer = atTheEnd(copyTopic);
            Thread reader = new Thread(() -> consume(consumer), "chain-raw-consumer");
            Thread poller = new Thread(this::poll, "chain-poller");
            reader.start();
            poller.start();
            send(record -> List.of(record, RawKafka.copy(record, copyTopic)));
            reader.join(Duration.ofMinutes(5).toMillis());
            poller.join(Duration.ofMinutes(5).toMillis());
            stop = true;
            long missing = Arrays.stream(visible).filter(t -> t == 0).count();
            long unread = Arrays.stream(consumed).filter(t -> t == 0).count();
            if (missing > 0 || unread > 0) {
                throw new IllegalStateException(missing + " notifications not stored and " + unread
                        + " copies not consumed within 5 minutes of the last send");
            }
        }

        /** Sends every record on schedule to {@code floorTopic} only, then waits until the write floor committed each. */
        void pacedToTheFloor(String floorTopic) throws Exception {
            KafkaConsumer<String, String> consumer = atTheEnd(floorTopic);
            Thread floor = new Thread(() -> new ChainWriteFloor(index, floorCommitted, () -> stop, dataSource)
                    .apply(consumer), "chain-write-floor");
            floor.start();
            send(record -> List.of(RawKafka.copy(record, floorTopic)));
            floor.join(Duration.ofMinutes(5).toMillis());
            stop = true;
            long unapplied = Arrays.stream(floorCommitted).filter(t -> t == 0).count();
            if (unapplied > 0) {
                throw new IllegalStateException(unapplied + " records not committed by the write floor within 5 minutes"
                        + " of the last send");
            }
        }

        /** A raw consumer of every partition of {@code topic}, its positions resolved now, at the end, before any send. */
        private KafkaConsumer<String, String> atTheEnd(String topic) {
            KafkaConsumer<String, String> consumer = RawKafka.consumer();
            List<TopicPartition> partitions = RawKafka.assignAll(consumer, topic);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            return consumer;
        }

        /** Sends what {@code sends} makes of each record at its moment of the schedule, then waits for every ack. */
        private void send(Function<ProducerRecord<String, String>, List<ProducerRecord<String, String>>> sends)
                throws Exception {
            List<Future<RecordMetadata>> acks = new ArrayList<>(2 * size());
            try (KafkaProducer<String, String> producer = RawKafka.producer()) {
                long period = 1_000_000_000L / RATE;
                long start = System.nanoTime();
                for (int i = 0; i < size(); i++) {
                    // the schedule, not the previous send, sets each send's moment: a late send is not made up for
                    // by spacing the next ones out (parking is the pacing here, not a wait for a condition)
                    long due = start + i * period;
                    for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                        LockSupport.parkNanos(due - now);
                    }
                    ProducerRecord<String, String> record = records.get(i);
                    sentAt[i] = Instant.now();
                    sentNanos[i] = System.nanoTime();
                    sends.apply(record).forEach(each -> acks.add(producer.send(each)));
                    sent.incrementAndGet();
                }
                producer.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(); // a record the broker refused fails the benchmark, rather than its figures
                }
            }
        }

        private void consume(KafkaConsumer<String, String> consumer) {
            try (consumer) {
                int read = 0;
                while (read < size() && !stop) {
                    var polled = consumer.poll(Duration.ofMillis(50));
                    long now = System.nanoTime();
                    for (ConsumerRecord<String, String> record : polled) {
                        Integer i = index.get(UUID.fromString(new String(
                                record.headers().lastHeader(CloudEventHeaders.ID).value())));
                        if (i != null && consumed[i] == 0) {
                            consumed[i] = now;
                            read++;
                        }
                    }
                }
            }
        }

        /**
         * Every {@link #POLL_MILLIS} ms, the branches' ContactMissed notifications created since the oldest send not
         * seen yet (notification_path index: the branch's path, created_at); each id first seen is noted with the
         * moment the poll started (its snapshot is taken right after: the row committed before that).
         */
        private void poll() {
            String sql = """
                    SELECT source_event_id FROM notification
                    WHERE org_path = ANY (?) AND created_at >= ?
                    AND source_event_type = 'lianxin.contact.ContactMissed.v1'""";
            int seen = 0;
            int oldest = 0;
            try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
                q.setArray(1, c.createArrayOf("text", branches.stream().map(Branch::orgPath).toArray()));
                while (seen < size() && !stop) {
                    long next = System.nanoTime() + POLL_MILLIS * 1_000_000L;
                    int sentSoFar = sent.get();
                    while (oldest < sentSoFar && visible[oldest] != 0) {
                        oldest++;
                    }
                    if (oldest < sentSoFar) {
                        // created_at and sentAt come from the same clock (the service runs in this JVM)
                        q.setTimestamp(2, Timestamp.from(sentAt[oldest].minusMillis(1)));
                        long now = System.nanoTime();
                        try (ResultSet r = q.executeQuery()) {
                            while (r.next()) {
                                Integer i = index.get(r.getObject(1, UUID.class));
                                if (i != null && visible[i] == 0) {
                                    visible[i] = now;
                                    seen++;
                                }
                            }
                        }
                    }
                    for (long now = System.nanoTime(); now < next; now = System.nanoTime()) {
                        LockSupport.parkNanos(next - now);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("polling the notifications failed", e);
            }
        }

        /** Milliseconds from each send to the given moment (nanoTime), sorted. */
        double[] latencies(long[] at) {
            double[] ms = new double[size()];
            for (int i = 0; i < size(); i++) {
                ms[i] = (at[i] - sentNanos[i]) / 1e6;
            }
            Arrays.sort(ms);
            return ms;
        }

        /** Milliseconds from each send to its row's created_at, sorted. */
        double[] stampedLatencies() throws Exception {
            double[] ms = new double[size()];
            Arrays.fill(ms, Double.NaN);
            try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                    SELECT source_event_id, min(created_at) FROM notification WHERE source_event_id = ANY (?)
                    GROUP BY source_event_id""")) {
                Array array = c.createArrayOf("uuid", ids);
                q.setArray(1, array);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        int i = index.get(r.getObject(1, UUID.class));
                        Instant created = r.getTimestamp(2).toInstant();
                        ms[i] = Duration.between(sentAt[i], created).toNanos() / 1e6;
                    }
                }
            }
            Arrays.sort(ms); // a missing row (NaN) sorts last: it shows as the max
            return ms;
        }
    }

    private static void print(String what, double[] ms) {
        System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, p(ms, 0.50), p(ms, 0.95),
                p(ms, 0.99), ms[ms.length - 1]);
    }

    /** The q-quantile of sorted values (nearest rank). */
    private static double p(double[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
