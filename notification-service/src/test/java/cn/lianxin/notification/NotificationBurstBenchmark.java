package cn.lianxin.notification;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.kafka.LianxinTopics;
import cn.lianxin.notification.support.BenchmarkTraffic;
import cn.lianxin.notification.support.BenchmarkTraffic.Branch;
import cn.lianxin.testing.BenchmarkReport;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.RawKafka;

/**
 * Issue 14, P3, notification-service's side of the burst: {@value #DEFAULT_EVENTS} {@code CaseOpened} events (what
 * case-service publishes on {@code case.events} when a scan's worth of {@code LostContactSuspected} opens as many
 * cases, case-service's BurstBenchmark), each for another member of one branch, sent at once; measured: the time from
 * the first send until all of their notifications (one each, to the branch's secretary) are stored, and the rate.
 * A CaseOpened is not urgent, so each notification is HELD for the secretary's digest: stored is what counts here,
 * whatever its state. Before the clock starts, the projections routing reads (the org tree with the secretary, every
 * member's recipient row) are seeded through {@code member.events} and waited for, and a warm-up burst on another
 * branch has been stored. Baseline, same run and broker: a raw Kafka producer sending the very same records to a topic
 * of the same partitions that nothing else reads, and a raw consumer reading them all back. Issue 14's target is for
 * both sides together (20,000 cases opened and notified within 30 s); case-service's side is its BurstBenchmark.
 * Prints figures, asserts no timing. Run: {@code ./mvnw verify -Pbenchmarks -pl notification-service
 * -Dtest=NotificationBurstBenchmark} ({@code -Dnotification.burst=N}).
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@TestProfile(BenchmarkTraffic.Quiet.class)
class NotificationBurstBenchmark {

    static final int DEFAULT_EVENTS = 20_000;
    static final int EVENTS = Integer.getInteger("notification.burst", DEFAULT_EVENTS);
    static final int WARM_UP = Math.max(200, EVENTS / 20);
    static final String CASE_OPENED = "lianxin.case.CaseOpened.v1";
    static final String BENCHMARK = "notification NotificationBurstBenchmark";
    static final String STORED = """
            SELECT count(*) FROM notification WHERE org_id = ? AND source_event_type = 'lianxin.case.CaseOpened.v1'""";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void storesTheNotificationsOfTwentyThousandCaseOpenedAgainstARawProducerAndConsumer() throws Exception {
        UUID root = BenchmarkTraffic.root(dataSource);
        long seeding = System.nanoTime();
        Branch warmUp = BenchmarkTraffic.branch(dataSource, root, "第二党支部", WARM_UP);
        Branch branch = BenchmarkTraffic.branch(dataSource, root, "第一党支部", EVENTS);
        double seeded = (System.nanoTime() - seeding) / 1e9;

        // the consumers' code paths compiled before the clock starts (the service has consumed member.events only)
        RawKafka.send(burst(warmUp), System.nanoTime());
        BenchmarkTraffic.awaitCount(dataSource, Duration.ofMinutes(10), WARM_UP, STORED, warmUp.id());

        List<ProducerRecord<String, String>> burst = burst(branch);
        RawKafka.Baseline baseline = RawKafka.baseline(burst); // first: the broker alone, the very same records

        long start = System.nanoTime();
        double sent = RawKafka.send(burst, start);
        BenchmarkTraffic.awaitCount(dataSource, Duration.ofMinutes(30), EVENTS, STORED, branch.id());
        double stored = (System.nanoTime() - start) / 1e9;
        long rows = BenchmarkTraffic.count(dataSource, STORED, branch.id());
        long held = BenchmarkTraffic.count(dataSource, STORED + " AND status = 'HELD'", branch.id());

        System.out.printf("%n=== NotificationBurstBenchmark: %,d CaseOpened on %s (%d partitions), one branch ===%n", EVENTS,
                LianxinTopics.CASE_EVENTS, LianxinTopics.PARTITIONS);
        System.out.printf("seeded: the org tree and %,d + %,d members through member.events in %.1f s; warm-up: %,d CaseOpened on another branch%n",
                WARM_UP, EVENTS, seeded, WARM_UP);
        System.out.printf("project: sent in %.2f s; all %,d notifications stored after %.2f s (%,.0f notifications/s); %,d rows, %,d of them HELD for the digest%n",
                sent, EVENTS, stored, EVENTS / stored, rows, held);
        baseline.print("notifications stored", stored);

        baseline.report(BENCHMARK, "P3 burst of %,d CaseOpened -> all notifications stored".formatted(EVENTS), stored,
                "20,000 in <= 30 s (with the case side)", "P3 burst: CaseOpened turned into notifications per second");
        try (Connection c = dataSource.getConnection()) {
            BenchmarkReport.settings(c);
        }
    }

    /**
     * case-service's CaseOpened for each member of the branch, as its relay publishes them: the payload as CaseEvents
     * serializes a case opened from tracking-service's LostContactSuspected (instants in UTC, no situation or cause
     * known yet, the verdict's id as sourceEventId), schema-checked.
     */
    private static List<ProducerRecord<String, String>> burst(Branch branch) {
        Instant openedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant lostSince = openedAt.minus(100, ChronoUnit.DAYS);
        Instant verificationDue = openedAt.plus(30, ChronoUnit.DAYS);
        List<ProducerRecord<String, String>> records = new ArrayList<>(branch.members().size());
        for (UUID member : branch.members()) {
            String payload = """
                    {"caseId":"%s","memberId":"%s","orgId":"%s","trigger":"LOST_CONTACT_SUSPECTED","lostSince":"%s",\
                    "reopened":false,"verificationDueAt":"%s","sourceEventId":"%s"}"""
                    .formatted(UUID.randomUUID(), member, branch.id(), lostSince, verificationDue, UUID.randomUUID());
            if (records.isEmpty()) {
                EventSchemas.load().assertValid(CASE_OPENED, payload);
            }
            records.add(BenchmarkTraffic.event(CASE_OPENED, member, payload, openedAt));
        }
        return records;
    }
}
