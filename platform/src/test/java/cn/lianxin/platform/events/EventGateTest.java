package cn.lianxin.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.providers.ProcessingException;

import cn.lianxin.contracts.EventSchemas;

class EventGateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGISTERED = "lianxin.member.MemberRegistered.v1";
    private static final UUID MEMBER = UUID.fromString("2d4e6f80-91a2-4b3c-8d4e-5f6a7b8c9d01");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventGate gate = new EventGate(registry);

    @Test
    void everySchemaOfTheContractsCompilesAndChecksAPayload() {
        assertThat(EventSchemas.load().knownTypes()).hasSizeGreaterThan(30);
        for (String type : EventSchemas.load().knownTypes()) {
            assertThat(EventSchemas.load().violations(type, JSON.createObjectNode()))
                    .as("an empty payload of %s", type).isNotEmpty();
        }
    }

    @Test
    void admitsAGoodEventFromItsProducer() {
        assertThat(gate.admit("member.events", event(REGISTERED, "/member-service", registered("张伟")))).isTrue();
    }

    @Test
    void rejectsAnOversizedNameNamingTheFieldButNotTheValue() {
        String name = "张".repeat(150_000);

        assertThatThrownBy(() -> gate.admit("member.events", event(REGISTERED, "/member-service", registered(name))))
                .isInstanceOfSatisfying(RejectedEventException.class, e -> {
                    assertThat(e.check()).isEqualTo("schema");
                    assertThat(e.getMessage()).isEqualTo("schema: maxLength at /name").doesNotContain("张");
                });
    }

    @Test
    void rejectsAForeignSourceWithoutRepeatingIt() {
        assertThatThrownBy(() -> gate.admit("member.events", event(REGISTERED, "/evil-13800000001", registered("张伟"))))
                .isInstanceOfSatisfying(RejectedEventException.class, e -> {
                    assertThat(e.check()).isEqualTo("source");
                    assertThat(e.getMessage()).contains("/member-service").doesNotContain("evil", "13800000001");
                });
    }

    @Test
    void rejectsAnEventOfAnotherTopic() {
        assertThatThrownBy(() -> gate.admit("case.events", event(REGISTERED, "/member-service", registered("张伟"))))
                .isInstanceOfSatisfying(RejectedEventException.class, e -> assertThat(e.check()).isEqualTo("type"));
    }

    @Test
    void skipsAndCountsATypeOfTheRightProducerThatThisBuildDoesNotKnow() {
        IncomingEvent newer = event("lianxin.member.MemberRegistered.v2", "/member-service", registered("张伟"));

        assertThat(gate.admit("member.events", newer)).isFalse();
        assertThat(gate.admit("member.events", newer)).isFalse();

        assertThat(registry.get(EventGate.SKIPPED_METRIC).tag("topic", "member.events").tag("reason", "unknown-type")
                .counter().count()).isEqualTo(2.0);
    }

    @Test
    void anUnknownTypeFromAForeignSourceIsRejectedNotSkipped() {
        IncomingEvent foreign = event("lianxin.member.Anything.v1", "/somebody", registered("张伟"));

        assertThatThrownBy(() -> gate.admit("member.events", foreign)).isInstanceOf(RejectedEventException.class);
    }

    @Test
    void namesAtMostFiveViolations() {
        ObjectNode payload = JSON.createObjectNode();
        for (int i = 0; i < 12; i++) {
            payload.put("extra" + i, i);
        }

        assertThatThrownBy(() -> gate.admit("member.events", event(REGISTERED, "/member-service", payload)))
                .hasMessageEndingWith("more")
                .satisfies(e -> assertThat(e.getMessage().split("; ")).hasSize(EventGate.MAX_NAMED_VIOLATIONS + 1));
    }

    @Test
    void findsHandledEventsWithoutASchemaOnTheirTopic() {
        assertThat(EventGate.withoutSchema("member.events", List.of("OrgCreated", "MemberRegistered"))).isEmpty();
        assertThat(EventGate.withoutSchema("member.events", List.of("OrgCreated", "CaseOpened", "OrgDissolved")))
                .containsExactly("CaseOpened", "OrgDissolved");
    }

    @Test
    void theDeadLetterReasonComesFromTheRejectionEvenWhenWrapped() {
        DeadLetterQueue.Rejection wrapped = DeadLetterQueue.Rejection.of(
                new ProcessingException("method failed", new RejectedEventException("schema", "maxLength at /name")));
        DeadLetterQueue.Rejection malformed = DeadLetterQueue.Rejection.of(
                new MalformedEventException("payload is not JSON: Unrecognized token '13800000001'"));
        DeadLetterQueue.Rejection other = DeadLetterQueue.Rejection.of(new IllegalStateException("db down"));

        assertThat(wrapped).isEqualTo(new DeadLetterQueue.Rejection("schema", "schema: maxLength at /name"));
        assertThat(malformed.check()).isEqualTo("malformed");
        assertThat(malformed.text()).doesNotContain("13800000001");
        assertThat(other).isEqualTo(new DeadLetterQueue.Rejection("error", "error: java.lang.IllegalStateException"));
    }

    private static IncomingEvent event(String type, String source, ObjectNode payload) {
        return new IncomingEvent(UUID.randomUUID(), type, source, MEMBER.toString(), Instant.now(), MEMBER.toString(), payload);
    }

    private static ObjectNode registered(String name) {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"memberId": "%s", "orgId": "6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a03",
                     "orgPath": ["6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a03"], "name": "%s", "gender": "MALE",
                     "category": "FULL", "standing": "ACTIVE", "joinedAt": "2012-07-01",
                     "registeredAt": "2027-01-05T09:30:00+08:00", "contact": {"phone": "13800000001"}, "flowing": false}
                    """.formatted(MEMBER, name));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
