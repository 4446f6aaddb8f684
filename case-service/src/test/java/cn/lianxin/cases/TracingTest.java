package cn.lianxin.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.platform.observability.Traceparent;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Management;

/**
 * Issue 15: a consumer continues the producer's trace. A record with a {@code traceparent} header is applied in a span
 * whose parent is the header's span; the case it opens appends CaseOpened in that span, so the outbox row and the
 * record case-service publishes are of the same trace. A scan runs in a span of its own and is measured.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class TracingTest {

    private static final Logger LOG = Logger.getLogger(TracingTest.class);

    @Inject
    InMemorySpanExporter spans;

    @Inject
    EntityManager em;

    private final CaseFixture fx = new CaseFixture();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aConsumedEventIsAppliedInTheProducersTraceAndWhatItAppendsStaysInIt() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        fx.awaitMember(member);
        String traceId = hex(16);
        String producerSpan = hex(8);
        fx.events.publish(CaseFixture.CONTACT_EVENTS, "lianxin.contact.LostContactSuspected.v1", UUID.randomUUID(), member,
                """
                {"memberId": "%s", "orgId": "%s", "lostSince": "%s", "lostSinceBasis": "LAST_REACHED_CONTACT",
                 "flowing": false, "threshold": "P3M", "asOf": "%s", "unsuccessfulAttempts": 2}
                """.formatted(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)),
                "00-" + traceId + "-" + producerSpan + "-01");
        fx.awaitCase(member);

        SpanData process = await().atMost(Duration.ofSeconds(10)).until(() -> spansOf(traceId).stream()
                .filter(s -> s.getName().equals("contact.events process")).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getParentSpanId()).as("a child of the producer's span").isEqualTo(producerSpan);
        assertThat(storedTraceparent(member, "lianxin.case.CaseOpened.v1"))
                .as("CaseOpened's outbox row names the span the event was applied in")
                .isEqualTo("00-" + traceId + "-" + process.getSpanId() + "-01");

        ConsumerRecord<String, String> opened = fx.events.await(CaseFixture.CASE_EVENTS, "lianxin.case.CaseOpened.v1", member);
        assertThat(Traceparent.traceId(KafkaEvents.header(opened, Traceparent.HEADER))).contains(traceId);
        LOG.infof("spans of the trace in case-service: %s", spansOf(traceId).stream()
                .map(s -> s.getName() + " (" + s.getKind() + ")").toList());
    }

    @Test
    void aScanRunsInASpanOfItsOwnAndIsTimedAndCounted() {
        double runs = Management.value("lianxin_scan_duration_seconds_count", "scan", "case-scan");
        fx.scan(now);
        assertThat(Management.value("lianxin_scan_duration_seconds_count", "scan", "case-scan")).isEqualTo(runs + 1);
        assertThat(Management.metrics()).containsPattern("(?m)^lianxin_scan_events_total\\{scan=\"case-scan\"\\} ");
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getName().equals("scan case-scan")));
    }

    private String storedTraceparent(UUID key, String type) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT traceparent FROM outbox_event WHERE event_key = :key AND type = :type ORDER BY seq LIMIT 1")
                .setParameter("key", key.toString()).setParameter("type", type).getSingleResult());
    }

    private List<SpanData> spansOf(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
