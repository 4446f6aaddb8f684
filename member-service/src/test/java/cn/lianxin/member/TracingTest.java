package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
import io.restassured.http.ContentType;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.observability.Traceparent;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/**
 * Issue 15: the request that appended an event and the record that carries it are one trace. The outbox row stores
 * the request's traceparent, and the record on the topic carries the traceparent of the relay's publish span, a child
 * of the request's span.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class TracingTest {

    private static final Logger LOG = Logger.getLogger(TracingTest.class);

    @Inject
    InMemorySpanExporter spans;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    private final KafkaEvents events = KafkaEvents.forTests();
    private final Tokens tokens = Tokens.forTests();

    @Test
    void anEventAppendedByARequestStoresTheRequestsTraceAndItsRecordCarriesIt() {
        UUID org = UUID.fromString(given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.orgJson(null, "COMMITTEE", "追踪委员会" + Fixtures.suffix()))
                .post("/api/v1/orgs").then().statusCode(201).extract().path("id"));

        String stored = storedTraceparent(org);
        String traceId = Traceparent.traceId(stored).orElseThrow(() -> new AssertionError("no traceparent: " + stored));
        SpanData request = await().atMost(Duration.ofSeconds(10)).until(
                () -> spansOf(traceId).stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(request.getName()).isEqualTo("POST /api/v1/orgs");
        assertThat(stored).as("the row names the request's span (or one inside it)")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01");

        ConsumerRecord<String, String> record = events.await("member.events", MemberEvents.ORG_CREATED, org);
        String header = KafkaEvents.header(record, Traceparent.HEADER);
        assertThat(Traceparent.traceId(header)).as("the record's traceparent header").contains(traceId);
        SpanData publish = await().atMost(Duration.ofSeconds(10)).until(() -> spansOf(traceId).stream()
                .filter(s -> s.getKind() == SpanKind.PRODUCER).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(header).as("the header names the relay's publish span").contains(publish.getSpanId());
        assertThat(publish.getParentSpanId()).as("published as a child of what appended it").isEqualTo(stored.substring(36, 52));
        LOG.infof("spans of the trace of POST /api/v1/orgs: %s", spansOf(traceId).stream().map(SpanData::getName).toList());
    }

    @Test
    void anEventAppendedOutsideAnySpanHasNoTraceparentAndItsRecordStartsATraceOfItsOwn() {
        UUID org = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> appendOrgCreated(org));
        assertThat(storedTraceparent(org)).isNull();
        ConsumerRecord<String, String> record = events.await("member.events", MemberEvents.ORG_CREATED, org);
        assertThat(Traceparent.traceId(KafkaEvents.header(record, Traceparent.HEADER))).isPresent();
    }

    private void appendOrgCreated(UUID org) {
        outbox.append(MemberEvents.ORG_CREATED, org, new MemberEvents.OrgSnapshot(org, "无迹委员会", "COMMITTEE", null,
                List.of(org), new MemberEvents.Contact("张书记", "13800138000", null, null), null, null, null));
    }

    private String storedTraceparent(UUID key) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT traceparent FROM outbox_event WHERE event_key = :key ORDER BY seq LIMIT 1")
                .setParameter("key", key.toString()).getSingleResult());
    }

    private List<SpanData> spansOf(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }
}
