package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class StandingTest {

    private static final String CASE_DISPOSED = "lianxin.case.CaseDisposed.v1";

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    @Test
    void appliesASuspensionFromCaseServiceAndKeepsTheHistory() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "许失联");
        UUID caseId = UUID.randomUUID();
        UUID decision = UUID.randomUUID();

        events.publish("case.events", CASE_DISPOSED, member, disposed(caseId, member, tree[1], decision, "SUSPENDED", "SUSPENDED", null));

        JsonNode changed = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_STANDING_CHANGED, member));
        assertThat(changed.get("from").asText()).isEqualTo("ACTIVE");
        assertThat(changed.get("to").asText()).isEqualTo("SUSPENDED");
        assertThat(changed.get("decisionRef").asText()).isEqualTo(decision.toString());
        assertThat(changed.get("approvalRef").asText()).isEqualTo("X组复〔2026〕12号");
        assertThat(changed.get("caseId").asText()).isEqualTo(caseId.toString());
        assertThat(changed.get("effectiveAt").asText()).startsWith("2026-06-01T");
        assertThat(changed.get("recordedBy").asText()).isEqualTo("case-service");
        given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}", member).then().body("standing", equalTo("SUSPENDED"));
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, tree[0])).queryParam("standing", "SUSPENDED")
                .get("/api/v1/orgs/{id}/members", tree[0]).then().body("total", equalTo(1));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1])).get("/api/v1/members/{id}/standing-history", member).then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].to", equalTo("SUSPENDED"))
                .body("[0].decisionRef", equalTo(decision.toString()))
                .body("[0].reason", equalTo("失联党员处置：停止党籍"));
    }

    @Test
    void aRedeliveredDecisionChangesNothingTwice() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "吕重复");
        UUID eventId = UUID.randomUUID();
        String suspend = disposed(UUID.randomUUID(), member, tree[1], UUID.randomUUID(), "SUSPENDED", "SUSPENDED", null);

        events.publish("case.events", CASE_DISPOSED, eventId, member, suspend);
        events.publish("case.events", CASE_DISPOSED, eventId, member, suspend);
        events.publish("case.events", CASE_DISPOSED, member,
                disposed(UUID.randomUUID(), member, tree[1], UUID.randomUUID(), "RESTORED", "ACTIVE", null));

        events.await("member.events", r -> r.key().equals(member.toString())
                && KafkaEvents.payload(r).path("to").asText().equals("ACTIVE"));
        given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}/standing-history", member).then()
                .body("to", equalTo(java.util.List.of("SUSPENDED", "ACTIVE")));
    }

    @Test
    void aRemovedMemberKeepsTheFiveYearReadmissionBar() {
        UUID[] tree = fixtures.committeeWithBranch();
        String idNumber = TestIds.fresh();
        UUID member = fixtures.member(tokens.admin(), tree[1], "施除名", idNumber);

        events.publish("case.events", CASE_DISPOSED, member,
                disposed(UUID.randomUUID(), member, tree[1], UUID.randomUUID(), "PERSUADED_TO_QUIT", "REMOVED", "2031-06-01"));
        JsonNode removed = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_STANDING_CHANGED, member));
        assertThat(removed.get("readmissionBarUntil").asText()).isEqualTo("2031-06-01");
        assertThat(removed.get("disposition").asText()).isEqualTo("PERSUADED_TO_QUIT");
        given().auth().oauth2(tokens.admin()).contentType(io.restassured.http.ContentType.JSON)
                .body(Fixtures.memberJson(tree[1], "施除名", idNumber)).post("/api/v1/members").then()
                .statusCode(409).body("detail", org.hamcrest.Matchers.containsString("not to be re-admitted before 2031-06-01"));

        // Restoring before the bar is refused; a later decision after the bar is applied.
        events.publish("case.events", CASE_DISPOSED, member,
                disposed(UUID.randomUUID(), member, tree[1], UUID.randomUUID(), "RESTORED", "ACTIVE", null));
        events.publish("case.events", CASE_DISPOSED, member,
                disposed(UUID.randomUUID(), member, tree[1], UUID.randomUUID(), "PROBATION_CANCELLED", "PROBATION_CANCELLED", null));
        events.await("member.events", r -> r.key().equals(member.toString())
                && KafkaEvents.payload(r).path("to").asText().equals("PROBATION_CANCELLED"));
        given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}", member).then()
                .body("standing", equalTo("PROBATION_CANCELLED"));
        given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}/standing-history", member).then()
                .body("to", equalTo(java.util.List.of("REMOVED", "PROBATION_CANCELLED")))
                .body("[0].readmissionBarUntil", equalTo("2031-06-01"));
    }

    @Test
    void aDispositionWithoutStandingChangesNothingAndABrokenRecordGoesToTheDeadLetterTopic() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "孔纳入");
        String reintegrated = """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "decisionId": "%s", "type": "REINTEGRATED",
                 "decidedAt": "2026-06-01T02:00:00Z", "reintegration": "RELATIONSHIP_KEPT"}
                """.formatted(UUID.randomUUID(), member, tree[1], UUID.randomUUID());
        events.publish("case.events", CASE_DISPOSED, member, reintegrated);
        String key = UUID.randomUUID().toString();
        events.publishRaw("case.events", key, "not an event");
        events.publish("case.events", CASE_DISPOSED, member,
                disposed(UUID.randomUUID(), member, tree[1], UUID.randomUUID(), "SUSPENDED", "SUSPENDED", null));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> events.all("case.events.dlq")
                .stream().anyMatch(r -> key.equals(r.key()) && "not an event".equals(r.value())));
        events.await("member.events", MemberEvents.MEMBER_STANDING_CHANGED, member);
        given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}/standing-history", member).then()
                .body("to", equalTo(java.util.List.of("SUSPENDED")));
    }

    @Test
    void theHistoryOfAMemberOutsideTheSubtreeIsNotFound() {
        UUID member = fixtures.member(fixtures.committeeWithBranch()[1], "曹外");
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, fixtures.committeeWithBranch()[1]))
                .get("/api/v1/members/{id}/standing-history", member).then().statusCode(404);
    }

    static String disposed(UUID caseId, UUID member, UUID org, UUID decision, String type, String standingTo, String bar) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "decisionId": "%s", "type": "%s", "standingTo": "%s",
                 "decidedAt": "2026-06-01T02:00:00Z", %s
                 "procedure": {"body": "支部大会", "meetingDate": "2026-05-20", "eligible": 20, "present": 15,
                   "votesFor": 14, "votesAgainst": 1, "abstentions": 0, "talk": "IMPOSSIBLE", "approvalRef": "X组复〔2026〕12号"}}
                """.formatted(caseId, member, org, decision, type, standingTo,
                bar == null ? "" : "\"readmissionBarUntil\": \"" + bar + "\",");
    }
}
