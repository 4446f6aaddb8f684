package cn.lianxin.tracking;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.outbox.Outbox.Keyed;
import cn.lianxin.testing.BenchmarkReport;
import cn.lianxin.testing.LianxinTestResource;

/**
 * Issue 14: the outbox relay against a raw Kafka producer, on the real broker. {@code relay.events} events shaped as
 * the scan's {@code ContactMissed} are committed to the outbox in one transaction ({@link Outbox#appendAll}); the
 * relay, woken by that commit as in production, publishes them in its batches (acks=all, a publish span and the
 * CloudEvents headers each) and marks them published: timed from the commit until no row is left unpublished. The
 * baseline, in the same JVM and run: a plain {@link KafkaProducer} with acks=all sends records of the same topic, keys,
 * payloads and header names, then flushes. Prints both and their ratio; asserts no timing. Run:
 * {@code ./mvnw verify -Pbenchmarks -pl tracking-service -Dtest=RelayBenchmark} ({@code -Drelay.events=N}).
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@TestProfile(RelayBenchmark.Quiet.class)
class RelayBenchmark {

    static final int EVENTS = Integer.getInteger("relay.events", 100_000);
    static final String BENCHMARK = "tracking RelayBenchmark";
    static final String CONTACT_MISSED = "lianxin.contact.ContactMissed.v1";
    static final String TOPIC = "contact.events";

    public static class Quiet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"cn.lianxin\".level", "WARN");
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Test
    void theRelayAgainstARawProducerOfTheSameRecords() throws Exception {
        List<Keyed> events = new ArrayList<>(EVENTS);
        UUID org = UUID.randomUUID();
        for (int i = 0; i < EVENTS; i++) {
            UUID member = UUID.randomUUID();
            events.add(new Keyed(member, payload(member, org)));
        }
        long appendStart = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> outbox.appendAll(CONTACT_MISSED, events));
        long committed = System.nanoTime();
        await("every outbox row published").atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> unpublished() == 0);
        long drained = System.nanoTime();
        double relaySeconds = (drained - committed) / 1e9;

        double rawSeconds = rawProducer(events);

        BenchmarkReport.figure(BENCHMARK, "relay: %,d committed events published and marked".formatted(EVENTS),
                EVENTS / relaySeconds, "events/s", "raw KafkaProducer, acks=all, same records", EVENTS / rawSeconds,
                "-");
        System.out.printf("%n=== RelayBenchmark: %,d ContactMissed events on %s ===%n"
                + "append to the outbox (one transaction, appendAll): %.2f s%n"
                + "relay, from the commit until every row is marked published: %.2f s (%,.0f events/s)%n"
                + "baseline, raw KafkaProducer (acks=all, same topic, keys, payloads, header names), send + flush: %.2f s (%,.0f records/s)%n"
                + "ratio relay / raw (time): %.1f%n%n", EVENTS, TOPIC, (committed - appendStart) / 1e9, relaySeconds,
                EVENTS / relaySeconds, rawSeconds, EVENTS / rawSeconds, relaySeconds / rawSeconds);
    }

    /** The fields and sizes of a T2 reminder (contracts' ContactMissed sample), for one member. */
    private static Map<String, Object> payload(UUID member, UUID org) {
        return Map.of("memberId", member, "orgId", org, "obligation", "QUARTERLY", "level", "REMINDER",
                "clockStartedAt", "2027-01-05T19:30:00+08:00", "dueAt", "2027-04-05T00:00:00+08:00", "threshold", "P3M",
                "lastReachedAt", "2027-01-05T19:30:00+08:00", "daysOverdue", 1, "asOf", "2027-04-06T01:30:00+08:00");
    }

    private long unpublished() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Seconds to send every record with a plain producer and flush: what the broker takes from one client. */
    private double rawProducer(List<Keyed> events) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LianxinTestResource.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        List<ProducerRecord<String, String>> records = new ArrayList<>(events.size());
        String time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now());
        for (Keyed event : events) {
            ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, event.key().toString(),
                    mapper.writeValueAsString(event.payload()));
            record.headers().add(CloudEventHeaders.SPECVERSION, CloudEventHeaders.SPEC_VERSION.getBytes(UTF_8))
                    .add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8))
                    .add(CloudEventHeaders.TYPE, CONTACT_MISSED.getBytes(UTF_8))
                    .add(CloudEventHeaders.SOURCE, "/tracking-service".getBytes(UTF_8))
                    .add(CloudEventHeaders.SUBJECT, event.key().toString().getBytes(UTF_8))
                    .add(CloudEventHeaders.TIME, time.getBytes(UTF_8))
                    .add(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON.getBytes(UTF_8));
            records.add(record);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            long start = System.nanoTime();
            for (ProducerRecord<String, String> record : records) {
                producer.send(record);
            }
            producer.flush();
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
