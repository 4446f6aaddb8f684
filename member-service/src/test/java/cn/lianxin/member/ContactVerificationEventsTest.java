package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.member.domain.ContactVerification;
import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.Tokens;

/**
 * 联系方式核实 told to the other services over the real broker: a confirmation emits ContactDetailsConfirmed with the
 * flags it cleared (same transaction as the confirmation); rule M6 of the scan emits ContactVerificationDue once when a
 * member's details cross the unconfirmed-after boundary (ContactVerification's rule, not again on the next run, again
 * after a confirmation and another period), never for details confirmed within the period.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ContactVerificationEventsTest {

    private static final String NOTIFICATION_FAILED = "lianxin.notification.NotificationFailed.v1";
    private static final Period TWELVE_MONTHS = Period.ofMonths(12);

    @Inject
    TestClock clock;

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    @AfterEach
    void unpinClock() {
        clock.release();
    }

    @Test
    void aConfirmationEmitsContactDetailsConfirmedWithTheFlagsItCleared() {
        clock.pin(TestClock.shanghai("2026-10-01T10:00"));
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "核实事件");
        events.publish("notification.events", NOTIFICATION_FAILED, member, ContactHealthTest.failed(member, tree[1], "SMS",
                "INVALID_ADDRESS", "2026-11-01T09:00:00+08:00", null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(tokens.admin())
                .get("/api/v1/members/{id}", member).then().statusCode(200)
                .body("contactHealth.failing.detail", hasItem("PHONE")));
        Instant now = TestClock.shanghai("2026-11-20T15:00");
        clock.pin(now);

        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1]))
                .post("/api/v1/members/{id}/contact-confirmations", member).then().statusCode(200);

        ConsumerRecord<String, String> record = events.await("member.events", MemberEvents.CONTACT_DETAILS_CONFIRMED, member);
        JsonNode confirmed = KafkaEvents.payload(record);
        assertThat(record.key()).isEqualTo(member.toString());
        assertThat(confirmed.get("memberId").asText()).isEqualTo(member.toString());
        assertThat(confirmed.get("orgId").asText()).isEqualTo(tree[1].toString());
        assertThat(Instant.parse(confirmed.get("confirmedAt").asText())).isEqualTo(now);
        assertThat(confirmed.get("cleared")).extracting(JsonNode::asText).containsExactly("PHONE");
        assertThat(confirmed.toString()).doesNotContain("138").doesNotContain("confirmedBy");
    }

    @Test
    void theScanEmitsContactVerificationDueOnceWhenTheDetailsCrossThePeriodAndNeverForConfirmedOnes() {
        UUID[] tree = fixtures.committeeWithBranch();
        Instant registered = TestClock.shanghai("2025-01-10T10:00");
        clock.pin(registered);
        UUID stale = fixtures.member(tree[1], "核实久未");
        UUID confirmedMember = fixtures.member(tree[1], "核实已确认");
        events.publish("notification.events", NOTIFICATION_FAILED, stale, ContactHealthTest.failed(stale, tree[1], "EMAIL",
                "REJECTED", "2025-06-01T09:00:00+08:00", null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(tokens.admin())
                .get("/api/v1/members/{id}", stale).then().statusCode(200)
                .body("contactHealth.failing.detail", hasItem("EMAIL")));
        clock.pin(TestClock.shanghai("2025-12-01T10:00"));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1]))
                .post("/api/v1/members/{id}/contact-confirmations", confirmedMember).then().statusCode(200);
        clock.pin(TestClock.shanghai("2026-01-12T10:00"));

        scan("2026-01-10T09:59:00+08:00");
        assertThat(dueFor(stale)).isEmpty();
        assertThat(scan("2026-01-10T10:00:00+08:00").get("contactVerificationDue").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(scan("2026-01-10T10:00:00+08:00").get("contactVerificationDue").asInt()).isZero();
        scan("2026-01-11T02:00:00+08:00"); // the next day's run

        List<ConsumerRecord<String, String>> due = dueFor(stale);
        assertThat(due).hasSize(1);
        JsonNode payload = KafkaEvents.payload(due.get(0));
        assertThat(payload.get("orgId").asText()).isEqualTo(tree[1].toString());
        assertThat(Instant.parse(payload.get("since").asText()))
                .isEqualTo(ContactVerification.unconfirmedSince(registered, TWELVE_MONTHS))
                .isEqualTo(TestClock.shanghai("2026-01-10T10:00"));
        assertThat(payload.get("unconfirmedAfter").asText()).isEqualTo("P12M");
        assertThat(payload.get("reasons")).extracting(JsonNode::asText).containsExactly("EMAIL_FAILING", "UNCONFIRMED");
        assertThat(Instant.parse(payload.get("asOf").asText())).isEqualTo(TestClock.shanghai("2026-01-10T10:00"));
        assertThat(dueFor(confirmedMember)).isEmpty();
        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}/contact-verifications", tree[0]).then()
                .statusCode(200).body("items.memberId", not(hasItem(confirmedMember.toString())));

        // confirmed, then nobody confirms for another period: a new crossing, told once more
        clock.pin(TestClock.shanghai("2026-02-01T10:00"));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1]))
                .post("/api/v1/members/{id}/contact-confirmations", stale).then().statusCode(200);
        clock.pin(TestClock.shanghai("2027-02-03T10:00"));
        scan("2027-02-01T09:59:00+08:00");
        assertThat(dueFor(stale)).hasSize(1);
        scan("2027-02-01T10:00:00+08:00");
        scan("2027-02-02T10:00:00+08:00");
        List<ConsumerRecord<String, String>> again = dueFor(stale);
        assertThat(again).hasSize(2);
        JsonNode second = KafkaEvents.payload(again.get(1));
        assertThat(Instant.parse(second.get("since").asText())).isEqualTo(TestClock.shanghai("2027-02-01T10:00"));
        assertThat(second.get("reasons")).extracting(JsonNode::asText).containsExactly("UNCONFIRMED");
    }

    @Test
    void atAMonthsEndTheScansSinceIsJavasPeriodOnTheShanghaiCalendar() {
        UUID[] tree = fixtures.committeeWithBranch();
        Instant registered = TestClock.shanghai("2024-02-29T10:00");
        clock.pin(registered);
        UUID leap = fixtures.member(tree[1], "核实闰日");
        clock.pin(TestClock.shanghai("2025-03-02T10:00"));

        scan("2025-03-01T00:00:00+08:00");

        List<ConsumerRecord<String, String>> due = dueFor(leap);
        assertThat(due).hasSize(1);
        assertThat(Instant.parse(KafkaEvents.payload(due.get(0)).get("since").asText()))
                .isEqualTo(ContactVerification.unconfirmedSince(registered, TWELVE_MONTHS))
                .isEqualTo(TestClock.shanghai("2025-02-28T10:00"));
    }

    private JsonNode scan(String asOf) {
        String body = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"asOf\": \"" + asOf + "\"}").post("/api/v1/scans").then().statusCode(200).extract().asString();
        try {
            return new ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The member's ContactVerificationDue events, once each, read after the outbox has drained what the scans wrote. */
    private List<ConsumerRecord<String, String>> dueFor(UUID member) {
        UUID marker = fixtures.member(fixtures.committeeWithBranch()[1], "标记");
        events.await("member.events", MemberEvents.MEMBER_REGISTERED, marker);
        Set<String> seen = new HashSet<>();
        return events.all("member.events").stream()
                .filter(r -> r.key().equals(member.toString())
                        && MemberEvents.CONTACT_VERIFICATION_DUE.equals(KafkaEvents.header(r, "ce_type")))
                .filter(r -> seen.add(KafkaEvents.header(r, "ce_id")))
                .toList();
    }
}
