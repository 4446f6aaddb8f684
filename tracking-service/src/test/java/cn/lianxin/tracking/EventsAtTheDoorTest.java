package cn.lianxin.tracking;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.platform.events.DeadLetterQueue;
import cn.lianxin.platform.events.EventGate;
import cn.lianxin.platform.inbox.ProcessedEvent;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Management;

/**
 * Issue 12: events are checked at the door. A MemberRegistered with a name longer than its schema allows, one with a
 * foreign ce_source and one that is not JSON go to member.events.dlq with the reason in a header (never a value of the
 * record) and leave nothing behind; a type of the right producer that this build does not know is skipped and
 * counted; a good event after them is applied.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class EventsAtTheDoorTest {

    private static final String REGISTERED = "lianxin.member.MemberRegistered.v1";

    @Inject
    World world;

    @Inject
    MeterRegistry registry;

    @Test
    void badEventsAreDeadLetteredWithTheirReasonNewerTypesSkippedAndTheGoodOneAfterThemApplied() {
        UUID branch = world.branch(world.committee(), "门口支部");
        UUID oversized = UUID.randomUUID();
        UUID foreign = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        UUID good = UUID.randomUUID();
        String longName = "张".repeat(150_000);
        double schemaBefore = count(DeadLetterQueue.REJECTED_METRIC, "schema");
        double sourceBefore = count(DeadLetterQueue.REJECTED_METRIC, "source");
        double skippedBefore = count(EventGate.SKIPPED_METRIC, "unknown-type");
        double deadLetteredBefore = Management.value("lianxin_dlq_records_total", "topic", "member.events");

        // All five on the good member's key: one partition, so the good event is read after the four others.
        UUID a = publish(REGISTERED, "/member-service", good, registered(oversized, branch, longName));
        UUID b = publish(REGISTERED, "/intruder-service", good, registered(foreign, branch, "外来人"));
        UUID c = publish("lianxin.member.MemberRegistered.v2", "/member-service", good, registered(newer, branch, "新版本"));
        UUID e = publish(REGISTERED, "/member-service", good, "{\"name\": \"王秀英\", \"phone\": 13900139000x}");
        UUID d = publish(REGISTERED, "/member-service", good, registered(good, branch, "李明"));

        world.awaitMember(good, m -> branch.equals(m.orgId()));
        ConsumerRecord<String, String> rejectedA = awaitDeadLetter(a);
        ConsumerRecord<String, String> rejectedB = awaitDeadLetter(b);
        ConsumerRecord<String, String> rejectedE = awaitDeadLetter(e);
        assertThat(KafkaEvents.header(rejectedA, DeadLetterQueue.REASON_HEADER)).isEqualTo("schema: maxLength at /name");
        assertThat(KafkaEvents.header(rejectedA, "dead-letter-reason")).as("SmallRye's own header").isEqualTo("schema: maxLength at /name");
        assertThat(KafkaEvents.header(rejectedE, DeadLetterQueue.REASON_HEADER)).startsWith("malformed: ");
        assertThat(KafkaEvents.header(rejectedB, DeadLetterQueue.REASON_HEADER))
                .isEqualTo("source: ce_source is not /member-service, the producer of member.events");
        assertThat(rejectedA.value()).contains(longName); // the record itself is kept for inspection
        for (ConsumerRecord<String, String> rejected : List.of(rejectedA, rejectedB, rejectedE)) {
            rejected.headers().forEach(h -> assertThat(new String(h.value(), UTF_8)).as(h.key())
                    .doesNotContain("张张", "外来人", "王秀英", "13900139000"));
        }
        assertThat(world.events.all("member.events.dlq")).noneMatch(r -> isEvent(r, c) || isEvent(r, d));

        assertThat(world.find(oversized)).isEmpty();
        assertThat(world.find(foreign)).isEmpty();
        assertThat(world.find(newer)).isEmpty();
        assertThat(processed(a) + processed(b) + processed(c) + processed(e)).isZero();
        assertThat(processed(d)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> count(DeadLetterQueue.REJECTED_METRIC, "schema") == schemaBefore + 1
                && count(DeadLetterQueue.REJECTED_METRIC, "source") == sourceBefore + 1);
        assertThat(count(EventGate.SKIPPED_METRIC, "unknown-type")).isEqualTo(skippedBefore + 1);
        String metrics = Management.metrics();
        // the series the DLQ-growth alert watches: a, b and e
        assertThat(Management.value("lianxin_dlq_records_total", "topic", "member.events")).isEqualTo(deadLetteredBefore + 3);
        assertThat(metrics).contains("lianxin_events_rejected_total{reason=\"schema\",topic=\"member.events\"}",
                "lianxin_events_rejected_total{reason=\"source\",topic=\"member.events\"}",
                "lianxin_events_skipped_total{reason=\"unknown-type\",topic=\"member.events\"}");
    }

    private ConsumerRecord<String, String> awaitDeadLetter(UUID eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> world.events.all("member.events.dlq").stream().anyMatch(r -> isEvent(r, eventId)));
        return world.events.all("member.events.dlq").stream().filter(r -> isEvent(r, eventId)).findFirst().orElseThrow();
    }

    private static boolean isEvent(ConsumerRecord<String, String> record, UUID eventId) {
        return eventId.toString().equals(KafkaEvents.header(record, CloudEventHeaders.ID));
    }

    private double count(String metric, String reason) {
        Counter counter = registry.find(metric).tag("topic", "member.events").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long processed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", eventId));
    }

    private String registered(UUID member, UUID branch, String name) {
        return """
                {"memberId": "%s", "orgId": "%s", "orgPath": ["%s"], "name": "%s", "gender": "MALE",
                 "category": "FULL", "standing": "ACTIVE", "joinedAt": "2010-07-01",
                 "registeredAt": "2024-01-10T09:00:00+08:00", "contact": {"phone": "13900139000"}, "flowing": false}
                """.formatted(member, branch, world.pathOf(branch).replaceAll("^/|/$", "").replace("/", "\", \""), name);
    }

    /** Publishes with the envelope a producer would set, but with any ce_type and ce_source. */
    private static UUID publish(String ceType, String source, UUID subject, String payload) {
        UUID id = UUID.randomUUID();
        ProducerRecord<String, String> record = new ProducerRecord<>("member.events", subject.toString(), payload);
        record.headers().add(CloudEventHeaders.SPECVERSION, CloudEventHeaders.SPEC_VERSION.getBytes(UTF_8))
                .add(CloudEventHeaders.ID, id.toString().getBytes(UTF_8))
                .add(CloudEventHeaders.TYPE, ceType.getBytes(UTF_8))
                .add(CloudEventHeaders.SOURCE, source.getBytes(UTF_8))
                .add(CloudEventHeaders.SUBJECT, subject.toString().getBytes(UTF_8))
                .add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(UTF_8))
                .add(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON.getBytes(UTF_8));
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LianxinTestResource.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to member.events", e);
        }
        return id;
    }
}
