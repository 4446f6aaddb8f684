package cn.lianxin.cases;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.kafka.LianxinTopics;
import cn.lianxin.testing.BenchmarkReport;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.RawKafka;

/**
 * Issue 14, P3: a burst of {@value #DEFAULT_EVENTS} {@code LostContactSuspected} events (one scan's worth of suspected
 * losses, each for another member of one branch) published at once to {@code contact.events}; measured: the time from
 * the first send until all of their cases exist, and until all of their {@code CaseOpened} events are published by the
 * outbox relay, with the rates. Baseline, same run and broker: a raw Kafka producer sending the very same records to a
 * topic of the same partitions that nobody else reads, and a raw consumer reading them all back (what moving the
 * records through the broker costs at least). Notification-service's side of the burst (the secretary's notification
 * of each CaseOpened) is measured by its own NotificationBurstBenchmark (benchmarks/README.md): in production the two
 * overlap. Prints figures, asserts no timing. Run:
 * {@code ./mvnw verify -Pbenchmarks -pl case-service -Dtest=BurstBenchmark} ({@code -Dcase.burst=N}).
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@TestProfile(BurstBenchmark.Quiet.class)
class BurstBenchmark {

    static final int DEFAULT_EVENTS = 20_000;
    static final int EVENTS = Integer.getInteger("case.burst", DEFAULT_EVENTS);
    static final String LOST = "lianxin.contact.LostContactSuspected.v1";
    static final String BENCHMARK = "case BurstBenchmark";

    /** One line per opened case would be 20,000 log lines: the service logs warnings only here. */
    public static class Quiet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"cn.lianxin\".level", "WARN");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    private final CaseFixture fx = new CaseFixture();

    @Test
    void opensTwentyThousandCasesFromABurstAgainstARawProducerAndConsumer() throws Exception {
        CaseFixture.Tree tree = fx.tree();
        fx.awaitOrg(tree.branch());
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        List<ProducerRecord<String, String>> burst = burst(LianxinTopics.CONTACT_EVENTS, tree.branch(), asOf);
        RawKafka.Baseline baseline = RawKafka.baseline(burst); // first: the broker alone, the very same records

        long start = System.nanoTime();
        double sent = RawKafka.send(burst, start);
        double casesExist = awaitCount(start, """
                SELECT count(*) FROM case_file WHERE org_id = ?""", tree.branch());
        double openedPublished = awaitCount(start, """
                SELECT count(*) FROM outbox_event o JOIN case_file c ON o.subject = c.member_id::text
                WHERE c.org_id = ? AND o.type = 'lianxin.case.CaseOpened.v1' AND o.published_at IS NOT NULL""", tree.branch());

        System.out.printf("%n=== BurstBenchmark: %,d LostContactSuspected on %s (%d partitions) ===%n", EVENTS,
                LianxinTopics.CONTACT_EVENTS, LianxinTopics.PARTITIONS);
        System.out.printf("project: sent in %.2f s; all %,d cases exist after %.2f s (%,.0f cases/s); all CaseOpened published after %.2f s (%,.0f events/s)%n",
                sent, EVENTS, casesExist, EVENTS / casesExist, openedPublished, EVENTS / openedPublished);
        baseline.print("cases exist", casesExist);

        baseline.report(BENCHMARK, "P3 burst of %,d LostContactSuspected -> all cases exist".formatted(EVENTS), casesExist,
                "20,000 in <= 30 s", "P3 burst: events turned into cases per second");
        BenchmarkReport.figure(BENCHMARK, "P3 burst -> all %,d CaseOpened published".formatted(EVENTS), openedPublished, "s",
                "raw producer + raw consumer, same records", baseline.readSeconds(), "-");
        try (Connection c = dataSource.getConnection()) {
            BenchmarkReport.settings(c);
        }
    }

    /** tracking-service's verdicts, schema-valid, with the envelope KafkaEvents gives them: one per new member. */
    private static List<ProducerRecord<String, String>> burst(String topic, UUID branch, Instant asOf) {
        Instant lostSince = asOf.minus(100, ChronoUnit.DAYS);
        List<ProducerRecord<String, String>> records = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            UUID member = UUID.randomUUID();
            String payload = """
                    {"memberId": "%s", "orgId": "%s", "lostSince": "%s", "lostSinceBasis": "LAST_REACHED_CONTACT",
                     "flowing": false, "threshold": "P3M", "asOf": "%s", "unsuccessfulAttempts": 2}"""
                    .formatted(member, branch, lostSince, asOf);
            if (i == 0) {
                EventSchemas.load().assertValid(LOST, payload);
            }
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, member.toString(), payload);
            record.headers().add(CloudEventHeaders.SPECVERSION, CloudEventHeaders.SPEC_VERSION.getBytes(UTF_8));
            record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
            record.headers().add(CloudEventHeaders.TYPE, LOST.getBytes(UTF_8));
            record.headers().add(CloudEventHeaders.SOURCE, "/tracking-service".getBytes(UTF_8));
            record.headers().add(CloudEventHeaders.SUBJECT, member.toString().getBytes(UTF_8));
            record.headers().add(CloudEventHeaders.TIME, asOf.toString().getBytes(UTF_8));
            record.headers().add(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON.getBytes(UTF_8));
            records.add(record);
        }
        return records;
    }

    /** Waits (polling every 100 ms) until the query counts {@link #EVENTS}; seconds since start. */
    private double awaitCount(long start, String sql, UUID branch) {
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100)).until(() -> count(sql, branch) >= EVENTS);
        return (System.nanoTime() - start) / 1e9;
    }

    private long count(String sql, UUID branch) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, branch);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
