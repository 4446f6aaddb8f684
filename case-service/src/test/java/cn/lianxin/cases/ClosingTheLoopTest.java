package cn.lianxin.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.testing.ETags;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/**
 * Issue 11, closing the loop: the case file is completed by hand (§3), standing changes outside a case close it
 * (§3b), a fact is entered once (§4b), and a liaison works only the cases of their own members (§6).
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ClosingTheLoopTest {

    private final CaseFixture fx = new CaseFixture();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Inject
    DataSource db;

    @Test
    void aCaseOpenedAutomaticallyIsToBeCompletedUntilTheBranchFillsInItsDetails() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID owner = fx.member(tree, "FULL");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        String secretary = fx.tokens.forRole(Roles.SECRETARY, tree.branch());

        assertThat(fx.awaitEvent("CaseOpened", member).get("situation").asText()).isEqualTo("UNKNOWN");
        given().auth().oauth2(secretary).get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                .body("situation", equalTo("UNKNOWN")).body("incomplete", equalTo(true));
        given().auth().oauth2(secretary).get("/api/v1/cases?incomplete=true").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(caseId.toString()))
                .body("items[0].incomplete", equalTo(true));

        LocalDate lostSince = ShanghaiCalendar.dateOf(now.minus(120, ChronoUnit.DAYS));
        patch(secretary, caseId, Map.of("situation", "MIGRANT_WORK", "cause", "外出务工，电话停机",
                "lostSince", lostSince.toString(), "owner", Map.of("name", "李联络员", "memberId", owner.toString())))
                .statusCode(200).body("situation", equalTo("MIGRANT_WORK")).body("incomplete", equalTo(false))
                .body("cause", equalTo("外出务工，电话停机")).body("owner.name", equalTo("李联络员"))
                .body("owner.memberId", equalTo(owner.toString()))
                .body("lostSince", equalTo(ShanghaiCalendar.startOfDay(lostSince).toString()));
        JsonNode changed = fx.awaitEvent("CaseDetailsChanged", member);
        assertThat(changed.get("changed").toString()).isEqualTo("[\"situation\",\"cause\",\"lostSince\",\"owner\"]");
        assertThat(changed.get("situation").asText()).isEqualTo("MIGRANT_WORK");
        assertThat(changed.get("owner").get("memberId").asText()).isEqualTo(owner.toString());
        assertThat(changed.get("changedBy").asText()).isEqualTo("secretary@" + tree.branch());
        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getList("timeline.findAll { it.kind == 'DETAILS_CHANGED' }.actor"))
                .containsExactly("secretary@" + tree.branch(), "secretary@" + tree.branch(),
                        "secretary@" + tree.branch(), "secretary@" + tree.branch());
        given().auth().oauth2(secretary).get("/api/v1/cases?incomplete=true").then().statusCode(200)
                .body("total", equalTo(0));

        patch(secretary, caseId, Map.of("cause", "外出务工，电话停机")).statusCode(200);
        patch(secretary, caseId, Map.of("situation", "ABROAD")).statusCode(200);
        JsonNode second = fx.awaitEvent("CaseDetailsChanged", member, p -> "ABROAD".equals(p.get("situation").asText()));
        assertThat(second.get("changed").toString()).as("an unchanged cause is no change").isEqualTo("[\"situation\"]");
        assertThat(fx.countEvents("CaseDetailsChanged", member)).isEqualTo(2);

        fx.leftTheParty(member, tree.branch(), "DECEASED", now);
        fx.awaitEvent("CaseClosed", member);
        patch(secretary, caseId, Map.of("situation", "MOVED")).statusCode(409).contentType("application/problem+json");
    }

    @Test
    void refusesDetailsThatCannotBeTrueNamingTheField() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        String admin = fx.tokens.admin();

        patch(admin, caseId, Map.of("situation", "UNKNOWN")).statusCode(400).body("errors[0].field", equalTo("situation"));
        patch(admin, caseId, Map.of("situation", "LOST_IN_SPACE")).statusCode(400)
                .body("errors[0].field", equalTo("situation"));
        patch(admin, caseId, Map.of("lostSince", LocalDate.now().plusDays(2).toString())).statusCode(400)
                .body("errors[0].field", equalTo("lostSince"));
        // the case was opened yesterday: today is after the opening
        patch(admin, caseId, Map.of("lostSince", ShanghaiCalendar.dateOf(now).toString())).statusCode(400).body("errors[0].field", equalTo("lostSince"));
        patch(admin, caseId, Map.of("owner", Map.of("memberId", member.toString()))).statusCode(400)
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("name")));
        patch(admin, caseId, Map.of()).statusCode(400).contentType("application/problem+json");
        patch(admin, caseId, Map.of("situation", "MOVED", "changedBy", "someone else")).statusCode(400)
                .body("errors[0].field", equalTo("changedBy"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("situation", "MOVED")).header("If-Match", "*")
                .patch("/api/v1/cases/{id}", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("at", now.toString(), "channel", "PHONE", "actor", "李", "result", "NO_TRACE"))
                .post("/api/v1/cases/{id}/attempts", caseId).then().statusCode(400)
                .body("errors[0].field", equalTo("actor"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("memberId", fx.member(tree, "FULL").toString(), "situation", "UNKNOWN",
                        "lostSince", "2026-01-15"))
                .post("/api/v1/cases").then().statusCode(400).body("errors[0].field", equalTo("situation"));
        assertThat(fx.caseFile(caseId).getList("timeline.kind")).containsExactly("OPENED");
    }

    @ParameterizedTest
    @ValueSource(strings = { "DECEASED", "WITHDRAWN", "EXPELLED" })
    void closesTheOpenCaseOfAMemberWhoLeftThePartyOutsideTheCaseOnce(String standing) {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(2, ChronoUnit.DAYS));

        // Learned only now, although it took effect before the member was even missed.
        fx.leftTheParty(member, tree.branch(), standing, now.minus(200, ChronoUnit.DAYS));
        fx.leftTheParty(member, tree.branch(), standing, now.minus(200, ChronoUnit.DAYS)); // told twice

        JsonNode closed = fx.awaitEvent("CaseClosed", member);
        assertThat(closed.get("resolution").asText()).isEqualTo(standing);
        assertThat(closed.get("caseId").asText()).isEqualTo(caseId.toString());
        assertThat(closed.has("foundAt")).as("never found").isFalse();
        UUID marker = fx.publish(CaseFixture.MEMBER_EVENTS, "lianxin.member.MemberProfileChanged.v1", member, """
                {"memberId": "%s", "orgId": "%s", "changed": ["name"], "name": "王标记", "gender": "MALE",
                 "category": "FULL", "joinedAt": "2010-07-01", "regularizedAt": "2011-07-01",
                 "contact": {"phone": "13900139000"}}
                """.formatted(member, tree.branch()));
        awaitProcessed(marker);
        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getString("state")).isEqualTo("CLOSED");
        assertThat(file.getString("resolution")).isEqualTo(standing);
        assertThat(file.getList("timeline.kind")).containsExactly("OPENED", "CLOSED");
        assertThat(file.getString("timeline[1].detail")).isEqualTo(standing);
        assertThat(Instant.parse(file.getString("closedAt"))).as("closed when learned, not back-dated")
                .isAfterOrEqualTo(Instant.parse(file.getString("openedAt")));
        assertThat(outboxCount(member, "CaseClosed")).isEqualTo(1);
    }

    @Test
    void aFollowUpVisitIsPublishedAndTheContactsTrackingRecordsFromTheCaseChangeNothing() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(2, ChronoUnit.DAYS));
        fx.attempt(caseId, now.minus(1, ChronoUnit.DAYS), "VISIT_HOME", "FOUND");
        fx.awaitEvent("MemberFound", member);

        assertUnchangedBy(caseId, member, fx.contactRestoredFromCase(member, tree.branch(), now.minus(1, ChronoUnit.DAYS),
                "CASE_FOUND", caseId), "FOUND");

        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON).body(Map.of("type", "REINTEGRATED"))
                .post("/api/v1/cases/{id}/decisions", caseId).then().statusCode(201);
        String secretary = fx.tokens.forRole(Roles.SECRETARY, tree.branch());
        given().auth().oauth2(secretary).contentType(ContentType.JSON)
                .body(Map.of("at", now.toString(), "result", "SEEN_OK", "note", "回访，一切正常"))
                .post("/api/v1/cases/{id}/follow-ups", caseId).then().statusCode(201);
        JsonNode recorded = fx.awaitEvent("FollowUpRecorded", member);
        assertThat(recorded.get("caseId").asText()).isEqualTo(caseId.toString());
        assertThat(recorded.get("followUpNo").asInt()).isEqualTo(1);
        assertThat(recorded.get("planSize").asInt()).isEqualTo(7);
        assertThat(recorded.get("visitedAt").asText()).isEqualTo(now.toString());
        assertThat(recorded.get("result").asText()).isEqualTo("SEEN_OK");
        assertThat(recorded.get("recordedBy").asText()).isEqualTo("secretary@" + tree.branch());

        assertUnchangedBy(caseId, member, fx.contactRestoredFromCase(member, tree.branch(), now, "FOLLOW_UP", caseId),
                "FOLLOW_UP");
    }

    @Test
    void aLiaisonWorksOnlyTheCasesOfTheMembersAssignedToThem() {
        CaseFixture.Tree tree = fx.tree();
        UUID liaison = fx.member(tree, "FULL");
        UUID mine = fx.member(tree, "FULL");
        UUID theirs = fx.member(tree, "FULL");
        UUID myCase = fx.lostCase(mine, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(2, ChronoUnit.DAYS));
        UUID theirCase = fx.lostCase(theirs, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(2, ChronoUnit.DAYS));
        String token = fx.tokens.forMember(Roles.LIAISON, tree.branch(), liaison);
        given().auth().oauth2(token).get("/api/v1/cases").then().statusCode(200).body("total", equalTo(0));

        fx.liaisonAssigned(mine, tree.branch(), liaison);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(token)
                .get("/api/v1/members/{id}/cases", mine).statusCode() == 200);

        given().auth().oauth2(token).get("/api/v1/cases").then().statusCode(200).body("total", equalTo(1))
                .body("items.id", contains(myCase.toString()));
        given().auth().oauth2(token).get("/api/v1/cases/{id}", myCase).then().statusCode(200);
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> attempt = given().auth()
                .oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("at", now.toString(), "channel", "PHONE", "result", "LEAD"))
                .post("/api/v1/cases/{id}/attempts", myCase).then().statusCode(201)
                .body("attempts[0].actor", equalTo(Tokens.subjectOf(Roles.LIAISON, liaison))).extract();
        // The Location names the new attempt (the body is the whole case file), readable there by the liaison.
        assertThat(attempt.header("Location"))
                .endsWith("/api/v1/cases/" + myCase + "/attempts/" + attempt.path("attempts[0].id"));
        given().auth().oauth2(token).get(attempt.header("Location")).then().statusCode(200)
                .body("id", equalTo(attempt.path("attempts[0].id"))).body("result", equalTo("LEAD"));
        given().auth().oauth2(token).get("/api/v1/cases/{id}/attempts/{a}", theirCase, attempt.path("attempts[0].id"))
                .then().statusCode(404);
        assertThat(fx.awaitEvent("SearchAttemptLogged", mine).get("actor").asText())
                .isEqualTo(Tokens.subjectOf(Roles.LIAISON, liaison));

        given().auth().oauth2(token).get("/api/v1/cases/{id}", theirCase).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/members/{id}/cases", theirs).then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("at", now.toString(), "channel", "PHONE", "result", "LEAD"))
                .post("/api/v1/cases/{id}/attempts", theirCase).then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("at", now.toString(), "how", "电话"))
                .post("/api/v1/cases/{id}/found", myCase).then().statusCode(403);
        patch(token, myCase, Map.of("situation", "MOVED")).statusCode(403);
        // a liaison token without a member id sees nobody
        given().auth().oauth2(fx.tokens.forRole(Roles.LIAISON, tree.branch())).get("/api/v1/cases/{id}", myCase).then()
                .statusCode(404);
        given().auth().oauth2(fx.tokens.forMember(Roles.MEMBER, tree.branch(), mine)).get("/api/v1/cases").then()
                .statusCode(403);
    }

    /** The restored contact is consumed (inbox) and the case, its timeline and its outbox stay as they were. */
    private void assertUnchangedBy(UUID caseId, UUID member, UUID restored, String state) {
        JsonPath before = fx.caseFile(caseId);
        long events = outboxCount(member, null);
        awaitProcessed(restored);
        JsonPath after = fx.caseFile(caseId);
        assertThat(after.getString("state")).isEqualTo(state);
        assertThat(after.getList("timeline")).isEqualTo(before.getList("timeline"));
        assertThat(after.getString("foundAt")).isEqualTo(before.getString("foundAt"));
        assertThat(outboxCount(member, null)).isEqualTo(events);
    }

    private ValidatableResponse patch(String token, UUID caseId, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .header("If-Match", ETags.of(token, "/api/v1/cases/{id}", caseId))
                .patch("/api/v1/cases/{id}", caseId).then();
    }

    private void awaitProcessed(UUID eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM processed_event WHERE event_id = ?", List.of(eventId)) == 1);
    }

    /** Events this service appended for the member (of one type, or all). */
    private long outboxCount(UUID member, String type) {
        return type == null ? count("SELECT count(*) FROM outbox_event WHERE event_key = ?", List.of(member.toString()))
                : count("SELECT count(*) FROM outbox_event WHERE event_key = ? AND type = ?",
                        List.of(member.toString(), "lianxin.case." + type + ".v1"));
    }

    private long count(String sql, List<Object> parameters) {
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
