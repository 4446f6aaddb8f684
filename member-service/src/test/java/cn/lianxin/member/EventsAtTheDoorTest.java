package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.events.DeadLetterQueue;
import cn.lianxin.platform.inbox.ProcessedEvent;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;

/** Issue 12: case-service's events are checked against their schema before member-service applies them. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class EventsAtTheDoorTest {

    private static final String CASE_DISPOSED = "lianxin.case.CaseDisposed.v1";

    private final Fixtures fixtures = new Fixtures();
    private final KafkaEvents events = KafkaEvents.forTests();

    @Test
    void aDispositionThatBreaksItsSchemaIsDeadLetteredAndChangesNoStanding() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "门口验");
        String oversized = StandingTest.disposed(UUID.randomUUID(), member, tree[1], UUID.randomUUID(), "REMOVED", "REMOVED", "2031-06-01")
                .replace("\"decidedAt\"", "\"decidedBy\": \"" + "x".repeat(150_000) + "\", \"decidedAt\"");

        UUID rejected = events.publish("case.events", CASE_DISPOSED, member, oversized);
        events.publish("case.events", CASE_DISPOSED, member, StandingTest.disposed(UUID.randomUUID(), member, tree[1],
                UUID.randomUUID(), "SUSPENDED", "SUSPENDED", null));

        events.await("member.events", MemberEvents.MEMBER_STANDING_CHANGED, member);
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter(rejected) != null);
        assertThat(KafkaEvents.header(deadLetter(rejected), DeadLetterQueue.REASON_HEADER)).isEqualTo("schema: maxLength at /decidedBy");
        assertThat(QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", rejected))).isZero();
        given().auth().oauth2(fixtures.tokens.admin()).get("/api/v1/members/{id}/standing-history", member).then()
                .body("to", equalTo(List.of("SUSPENDED")));
    }

    private ConsumerRecord<String, String> deadLetter(UUID eventId) {
        return events.all("case.events.dlq").stream()
                .filter(r -> eventId.toString().equals(KafkaEvents.header(r, CloudEventHeaders.ID))).findFirst().orElse(null);
    }
}
