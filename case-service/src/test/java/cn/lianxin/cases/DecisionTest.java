package cn.lianxin.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TestClock;

/** Decisions with procedure, suspension and removal (C4/C5), restoration (C6), the follow-up plan (C7), re-loss. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class DecisionTest {

    private final CaseFixture fx = new CaseFixture();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final LocalDate today = ShanghaiCalendar.dateOf(now);

    @Inject
    TestClock clock;

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void refusesADecisionListingEveryFailingPart() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        Map<String, Object> procedure = CaseFixture.procedure(today);
        procedure.put("present", 4);      // of 9: no quorum
        procedure.put("votesFor", 3);     // no majority
        procedure.remove("talkRecord");
        procedure.remove("approvalRef");

        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("type", "SUSPENDED", "procedure", procedure))
                .post("/api/v1/cases/{id}/decisions", caseId).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("procedure.present", "procedure.votesFor", "procedure.talkRecord",
                        "procedure.approvalRef", "type"))
                .body("errors.message", hasItems("rule C4 not met: 0 distinct search channels tried, at least 3 required",
                        "rule C4 not met: no field visit (VISIT_WORKPLACE or VISIT_HOME) logged"));

        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("type", "CORRECTION", "procedure", CaseFixture.procedure(today), "correctionMonths", 13))
                .post("/api/v1/cases/{id}/decisions", caseId).then()
                .statusCode(422).body("errors.field", hasItems("correctionMonths", "type"));
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("type", "RESTORED", "procedure", CaseFixture.procedure(today)))
                .post("/api/v1/cases/{id}/decisions", caseId).then()
                .statusCode(422).body("errors.field", hasItems("type"));
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("type", "BANISHED")).post("/api/v1/cases/{id}/decisions", caseId).then()
                .statusCode(400).body("errors[0].field", equalTo("type"));
        assertThat(fx.caseFile(caseId).getList("decisions")).isEmpty();
    }

    @Test
    void suspendsAfterRuleC4AndProposesRemovalTwoYearsLater() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = searchedForSevenMonths(tree, member);

        io.restassured.response.ExtractableResponse<io.restassured.response.Response> decided = given().auth()
                .oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("type", "SUSPENDED", "procedure", CaseFixture.procedure(today), "note", "失联超过六个月"))
                .post("/api/v1/cases/{id}/decisions", caseId).then()
                .statusCode(201).body("state", equalTo("SUSPENDED_MONITORING")).extract();
        // The Location names the decision itself (the body is the whole case file), readable there.
        String decision = decided.path("decisions[0].id");
        assertThat(decided.header("Location")).endsWith("/api/v1/cases/" + caseId + "/decisions/" + decision);
        given().auth().oauth2(fx.tokens.forRole(cn.lianxin.platform.security.Roles.SECRETARY, tree.branch()))
                .get(decided.header("Location")).then().statusCode(200)
                .body("id", equalTo(decision)).body("type", equalTo("SUSPENDED")).body("note", equalTo("失联超过六个月"));
        JsonNode disposed = fx.awaitEvent("CaseDisposed", member);
        assertThat(disposed.get("type").asText()).isEqualTo("SUSPENDED");
        assertThat(disposed.get("standingTo").asText()).isEqualTo("SUSPENDED");
        assertThat(disposed.get("procedure").get("talk").asText()).isEqualTo("HELD");
        assertThat(disposed.get("procedure").get("approvalRef").asText()).isEqualTo("X组字〔2026〕12号");
        Instant suspendedAt = Instant.parse(fx.caseFile(caseId).getString("suspendedAt"));

        Instant twoYears = ShanghaiCalendar.plus(suspendedAt, Period.ofYears(2));
        fx.scan(twoYears.minusSeconds(1));
        assertThat(fx.caseFile(caseId).getString("state")).isEqualTo("SUSPENDED_MONITORING");
        fx.scan(twoYears);
        JsonNode removal = fx.awaitEvent("StandingActionProposed", member, p -> "REMOVE".equals(p.get("action").asText()));
        assertThat(Instant.parse(removal.get("suspendedAt").asText())).isEqualTo(suspendedAt);
        assertThat(fx.caseFile(caseId).getString("state")).isEqualTo("REMOVAL_PROPOSED");

        Map<String, Object> body = new HashMap<>(Map.of("type", "REMOVED", "procedure", CaseFixture.procedure(today)));
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases/{id}/decisions", caseId).then()
                .statusCode(201).body("state", equalTo("CLOSED")).body("resolution", equalTo("REMOVED"));
        JsonNode removed = fx.awaitEvent("CaseDisposed", member, p -> "REMOVED".equals(p.get("type").asText()));
        assertThat(removed.get("readmissionBarUntil").asText()).isEqualTo(today.plusYears(5).toString());
        JsonNode closed = fx.awaitEvent("CaseClosed", member);
        assertThat(closed.get("resolution").asText()).isEqualTo("REMOVED");
        assertThat(closed.get("attemptCount").asInt()).isEqualTo(3);
    }

    @Test
    void aSuspendedMemberFoundWithinTwoYearsIsProposedForRestorationAndRestored() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = searchedForSevenMonths(tree, member);
        decide(caseId, Map.of("type", "SUSPENDED", "procedure", CaseFixture.procedure(today)));

        Instant later = now.plus(400, ChronoUnit.DAYS);
        clock.pin(later);
        fx.attempt(caseId, later.minus(1, ChronoUnit.HOURS), "MEMBER_NETWORK", "FOUND");

        JsonNode found = fx.awaitEvent("MemberFound", member);
        assertThat(found.get("suspended").asBoolean()).isTrue();
        assertThat(found.get("channel").asText()).isEqualTo("MEMBER_NETWORK");
        JsonNode restore = fx.awaitEvent("StandingActionProposed", member, p -> "RESTORE".equals(p.get("action").asText()));
        assertThat(restore.get("foundAt").asText()).isNotBlank();

        decide(caseId, Map.of("type", "RESTORED", "procedure", CaseFixture.procedure(ShanghaiCalendar.dateOf(later))));
        JsonNode restored = fx.awaitEvent("CaseDisposed", member, p -> "RESTORED".equals(p.get("type").asText()));
        assertThat(restored.get("standingTo").asText()).isEqualTo("ACTIVE");
        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getString("state")).isEqualTo("FOLLOW_UP");
        assertThat(file.getString("suspendedAt")).as("restored: no longer suspended").isNull();
        assertThat(file.getList("timeline.disposition")).contains("SUSPENDED", "RESTORED");
    }

    @Test
    void refusesRestorationOfAMemberFoundMoreThanTwoYearsAfterTheSuspension() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = searchedForSevenMonths(tree, member);
        decide(caseId, Map.of("type", "SUSPENDED", "procedure", CaseFixture.procedure(today)));
        Instant tooLate = ShanghaiCalendar.plus(now, Period.ofYears(2)).plus(2, ChronoUnit.DAYS);
        clock.pin(tooLate);

        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("at", tooLate.minusSeconds(60).toString(), "how", "本人回乡"))
                .post("/api/v1/cases/{id}/found", caseId).then().statusCode(200);
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("type", "RESTORED", "procedure", CaseFixture.procedure(ShanghaiCalendar.dateOf(tooLate))))
                .post("/api/v1/cases/{id}/decisions", caseId).then()
                .statusCode(422).body("errors[0].field", equalTo("type"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("恢复党籍 only for a member found within P2Y"));
        assertThat(fx.caseFile(caseId).getList("proposals.action")).doesNotContain("RESTORE");
    }

    @Test
    void runsTheFollowUpPlanAfterReintegrationAndClosesWhenItCompletes() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(2, ChronoUnit.DAYS));
        fx.contactRestored(member, tree.branch(), now.minus(1, ChronoUnit.DAYS));
        fx.awaitEvent("MemberFound", member);

        decide(caseId, Map.of("type", "REINTEGRATED", "reintegration", "RELATIONSHIP_KEPT", "note", "纳入管理"));
        JsonNode disposed = fx.awaitEvent("CaseDisposed", member);
        assertThat(disposed.has("standingTo")).isFalse();
        assertThat(disposed.get("reintegration").asText()).isEqualTo("RELATIONSHIP_KEPT");
        JsonPath plan = fx.caseFile(caseId);
        assertThat(plan.getString("state")).isEqualTo("FOLLOW_UP");
        assertThat(plan.getList("followUps.cadence")).containsExactly("WEEKLY", "WEEKLY", "WEEKLY", "WEEKLY",
                "MONTHLY", "MONTHLY", "MONTHLY");
        Instant firstDue = Instant.parse(plan.getString("followUps[0].dueAt"));

        fx.scan(firstDue.minusSeconds(1));
        assertThat(fx.caseFile(caseId).getList("timeline.kind")).doesNotContain("FOLLOW_UP_DUE");
        fx.scan(firstDue);
        JsonNode due = fx.awaitEvent("FollowUpDue", member);
        assertThat(due.get("followUpNo").asInt()).isEqualTo(1);
        assertThat(due.get("planSize").asInt()).isEqualTo(7);
        assertThat(due.get("cadence").asText()).isEqualTo("WEEKLY");
        Instant missedAt = firstDue.plus(3, ChronoUnit.DAYS);
        fx.scan(missedAt.minusSeconds(1));
        assertThat(fx.caseFile(caseId).getList("timeline.kind")).doesNotContain("FOLLOW_UP_MISSED");
        fx.scan(missedAt);
        fx.scan(missedAt);
        JsonNode missed = fx.awaitEvent("FollowUpMissed", member);
        assertThat(missed.get("followUpNo").asInt()).isEqualTo(1);
        assertThat(fx.caseFile(caseId).getBoolean("followUps[0].missed")).isTrue();

        int episode = fx.caseFile(caseId).getInt("episode");
        for (int i = 1; i <= 7; i++) {
            Instant at = now.plus(i, ChronoUnit.MINUTES);
            clock.pin(at);
            String location = given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("at", at.toString(), "result", i == 3 ? "NOT_REACHED" : "SEEN_OK", "note", "回访"))
                    .post("/api/v1/cases/{id}/follow-ups", caseId).then().statusCode(201).extract().header("Location");
            // The Location names the follow-up of the plan this visit completed: the i-th of the episode.
            assertThat(location).endsWith("/api/v1/cases/" + caseId + "/follow-ups/" + episode + "/" + i);
            given().auth().oauth2(fx.tokens.admin()).get(location).then().statusCode(200)
                    .body("no", equalTo(i)).body("result", equalTo(i == 3 ? "NOT_REACHED" : "SEEN_OK"));
        }
        JsonNode closed = fx.awaitEvent("CaseClosed", member);
        assertThat(closed.get("resolution").asText()).isEqualTo("FOLLOW_UP_COMPLETED");
        assertThat(closed.get("disposition").asText()).isEqualTo("REINTEGRATED");
        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getString("state")).isEqualTo("CLOSED");
        assertThat(file.getList("followUps.result")).containsExactly("SEEN_OK", "SEEN_OK", "NOT_REACHED", "SEEN_OK",
                "SEEN_OK", "SEEN_OK", "SEEN_OK");
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("at", now.toString(), "result", "SEEN_OK"))
                .post("/api/v1/cases/{id}/follow-ups", caseId).then().statusCode(409);
    }

    @Test
    void aNewLossDuringTheFollowUpPlanReopensTheCaseAsReLoss() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(3, ChronoUnit.DAYS));
        fx.contactRestored(member, tree.branch(), now.minus(2, ChronoUnit.DAYS));
        fx.awaitEvent("MemberFound", member);
        decide(caseId, Map.of("type", "CORRECTION", "procedure", CaseFixture.procedure(today), "correctionMonths", 6));
        JsonNode correction = fx.awaitEvent("CaseDisposed", member);
        assertThat(correction.get("correctionMonths").asInt()).isEqualTo(6);
        assertThat(correction.get("correctionUntil").asText()).isEqualTo(today.plusMonths(6).minusDays(1).toString());

        fx.lostContact(member, tree.branch(), now.minus(1, ChronoUnit.DAYS), now);

        JsonNode reopened = fx.awaitEvent("CaseOpened", member, p -> p.get("reopened").asBoolean());
        assertThat(reopened.get("caseId").asText()).isEqualTo(caseId.toString());
        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getString("state")).isEqualTo("OPEN");
        assertThat(file.getInt("reLossCount")).isEqualTo(1);
        assertThat(file.getInt("episode")).isEqualTo(2);
        assertThat(file.getList("timeline.kind")).contains("REOPENED");
        assertThat(fx.memberCases(member).getList("$")).hasSize(1);
    }

    /** A case lost seven months ago, searched by phone, home visit and the police: rule C4 holds. */
    private UUID searchedForSevenMonths(CaseFixture.Tree tree, UUID member) {
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(215, ChronoUnit.DAYS), now.minus(120, ChronoUnit.DAYS));
        for (String channel : List.of("PHONE", "VISIT_HOME", "PUBLIC_SECURITY")) {
            fx.attempt(caseId, now.minus(100, ChronoUnit.DAYS), channel, "NO_TRACE");
        }
        return caseId;
    }

    private void decide(UUID caseId, Map<String, Object> body) {
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases/{id}/decisions", caseId).then().statusCode(201);
    }
}
