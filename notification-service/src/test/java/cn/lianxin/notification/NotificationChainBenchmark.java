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
 * {@code contact.events}, the member's liaison in the event) produced at a steady {@value #DEFAULT_RATE} events/s for
 * {@value #DEFAULT_SECONDS} s after a warm-up at the same rate; for each, the latency from its send to its
 * notification row (one, to the liaison; HELD for the liaison's digest) being stored, with p50, p95, p99, max and the
 * rate achieved. Target: p99 &lt; 100 ms. "Stored" is measured twice: committed, i.e. seen by a reader polling the
 * branch's new notifications every {@value #POLL_MILLIS} ms (the moment of the poll that first saw the row, so up to
 * one poll late), and the row's {@code created_at}, which the service stamps from its Clock when it inserts the row,
 * before its transaction commits (a batch's rows wait for the batch's commit). Baseline, same run and records: each
 * record is also sent, at the same moment and by the same producer, to a copy topic that a raw consumer in this JVM
 * reads: the broker's produce-to-consume latency. Prints figures, asserts no timing. Run: {@code ./mvnw verify
 * -Pbenchmarks -pl notification-service -Dtest=NotificationChainBenchmark} ({@code -Dnotification.chain.seconds=N},
 * {@code -Dnotification.chain.rate=R}).
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
    /** Members the reminders are about, in one branch, each with one of {@link #LIAISONS} liaisons. */
    static final int MEMBERS = 1_000;
    static final int LIAISONS = 50;
    static final int POLL_MILLIS = 5;
    static final String CONTACT_MISSED = "lianxin.contact.ContactMissed.v1";
    static final String BENCHMARK = "notification NotificationChainBenchmark";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void storesEachContactMissedNotificationAtFiveHundredEventsPerSecondAgainstARawConsumer() throws Exception {
        Branch branch = BenchmarkTraffic.branch(dataSource, BenchmarkTraffic.root(dataSource), "第一党支部", MEMBERS);
        List<Contact> liaisons = new ArrayList<>();
        for (int i = 0; i < LIAISONS; i++) {
            liaisons.add(BenchmarkTraffic.contact("联络员" + (i + 1)));
        }
        String copyTopic = "bench.notification-chain." + UUID.randomUUID();
        RawKafka.createTopic(copyTopic);

        Run warmUp = new Run(reminders(branch, liaisons, WARM_UP_SECONDS * RATE), branch);
        warmUp.paced(copyTopic);
        Run run = new Run(reminders(branch, liaisons, SECONDS * RATE), branch);
        run.paced(copyTopic);

        double[] stored = run.latencies(run.visible);
        double[] stamped = run.stampedLatencies();
        double[] raw = run.latencies(run.consumed);
        double rate = (run.size() - 1) / ((run.sentNanos[run.size() - 1] - run.sentNanos[0]) / 1e9);

        System.out.printf("%n=== NotificationChainBenchmark: ContactMissed at %d/s for %d s (%,d events, after %,d at the same rate), one branch, %,d members ===%n",
                RATE, SECONDS, run.size(), warmUp.size(), MEMBERS);
        System.out.printf("sent at %,.1f events/s%n", rate);
        print("project: send -> notification stored (committed, polled every " + POLL_MILLIS + " ms)", stored);
        print("project: send -> the row's created_at (service clock, before its commit)", stamped);
        print("baseline: send -> raw consumer of a copy topic", raw);

        String chain = "P3 chain at %d/s: ContactMissed -> notification stored".formatted(RATE);
        String baseline = "raw producer -> raw consumer (copy topic), same records";
        BenchmarkReport.figure(BENCHMARK, chain + ", p99", p(stored, 0.99), "ms", baseline + ", p99", p(raw, 0.99), "< 100 ms");
        BenchmarkReport.figure(BENCHMARK, chain + ", p50", p(stored, 0.50), "ms", baseline + ", p50", p(raw, 0.50), "-");
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
     * liaison it knows), one per event, the members taken in turn; schema-checked.
     */
    private static List<ProducerRecord<String, String>> reminders(Branch branch, List<Contact> liaisons, int count) {
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant due = asOf.minus(3, ChronoUnit.DAYS);
        Instant started = due.minus(31, ChronoUnit.DAYS);
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID member = branch.members().get(i % MEMBERS);
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
     * One paced run: the records sent at {@link #RATE}/s (each with its copy), a raw consumer of the copy topic and a
     * reader polling the branch's notifications noting when each arrives.
     */
    private final class Run {

        final List<ProducerRecord<String, String>> records;
        final Branch branch;
        final Map<UUID, Integer> index = new ConcurrentHashMap<>();
        final UUID[] ids;
        final Instant[] sentAt;
        final long[] sentNanos;
        /** nanoTime when the raw consumer got the copy; written by its thread only. */
        final long[] consumed;
        /** nanoTime of the poll that first saw the notification; written by the poller only. */
        final long[] visible;
        final AtomicInteger sent = new AtomicInteger();
        volatile boolean stop;

        Run(List<ProducerRecord<String, String>> records, Branch branch) {
            this.records = records;
            this.branch = branch;
            int n = records.size();
            ids = new UUID[n];
            sentAt = new Instant[n];
            sentNanos = new long[n];
            consumed = new long[n];
            visible = new long[n];
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
            KafkaConsumer<String, String> consumer = RawKafka.consumer();
            List<TopicPartition> partitions = RawKafka.assignAll(consumer, copyTopic);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolved now, before the first send
            Thread reader = new Thread(() -> consume(consumer), "chain-raw-consumer");
            Thread poller = new Thread(this::poll, "chain-poller");
            reader.start();
            poller.start();
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
                    acks.add(producer.send(record));
                    acks.add(producer.send(RawKafka.copy(record, copyTopic)));
                    sent.incrementAndGet();
                }
                producer.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(); // a record the broker refused fails the benchmark, rather than its figures
                }
            }
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
         * Every {@link #POLL_MILLIS} ms, the branch's ContactMissed notifications created since the oldest send not
         * seen yet (notification_path index: the branch's path, created_at); each id first seen is noted with the
         * moment the poll started (its snapshot is taken right after: the row committed before that).
         */
        private void poll() {
            String sql = """
                    SELECT source_event_id FROM notification
                    WHERE org_path = ? AND created_at >= ? AND source_event_type = 'lianxin.contact.ContactMissed.v1'""";
            int seen = 0;
            int oldest = 0;
            try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
                q.setString(1, branch.orgPath());
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
