package cn.lianxin.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.testing.LianxinTestResource;

/** Deadline rules C1–C4 through POST /api/v1/scans, each at its boundary, each at most once per period. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ScanTest {

    private final CaseFixture fx = new CaseFixture();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void escalatesToTheParentOrgWhenNoAttemptWithin30DaysThenOneLevelPer30DaysUpToTheRoot() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        Instant discovered = now.minus(1, ChronoUnit.DAYS);
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), discovered);
        Instant due = discovered.plus(30, ChronoUnit.DAYS);

        fx.scan(due.minusSeconds(1));
        assertThat(fx.caseFile(caseId).getList("escalations")).isEmpty();

        fx.scan(due);
        JsonNode first = fx.awaitEvent("CaseEscalated", member, p -> p.get("level").asInt() == 1);
        assertThat(first.get("toOrgId").asText()).isEqualTo(tree.committee().toString());
        assertThat(first.get("fromOrgId").asText()).isEqualTo(tree.branch().toString());
        assertThat(first.get("reason").asText()).isEqualTo("VERIFICATION_OVERDUE");
        assertThat(first.get("atRoot").asBoolean()).isFalse();
        assertThat(Instant.parse(first.get("dueAt").asText())).isEqualTo(due);
        assertThat(first.get("threshold").asText()).isEqualTo("P30D");

        JsonPath again = fx.scan(due);
        assertThat(again.getInt("escalated")).as("same asOf, nothing new").isZero();

        fx.scan(due.plus(30, ChronoUnit.DAYS).minusSeconds(1));
        assertThat(fx.caseFile(caseId).getInt("escalationLevel")).isEqualTo(1);

        fx.scan(due.plus(30, ChronoUnit.DAYS));
        JsonNode second = fx.awaitEvent("CaseEscalated", member, p -> p.get("level").asInt() == 2);
        assertThat(second.get("toOrgId").asText()).isEqualTo(tree.root().toString());
        assertThat(second.get("reason").asText()).isEqualTo("NO_NEW_ATTEMPT");
        assertThat(second.get("atRoot").asBoolean()).isTrue();

        fx.scan(due.plus(120, ChronoUnit.DAYS));
        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getList("escalations.level")).containsExactly(1, 2);
        assertThat(file.getString("responsibleOrgId")).isEqualTo(tree.root().toString());
        assertThat(file.getList("timeline.kind")).contains("ESCALATED");
    }

    @Test
    void aFirstAttemptWithinTheDeadlinePreventsEscalation() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        Instant discovered = now.minus(1, ChronoUnit.DAYS);
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), discovered);

        fx.attempt(caseId, now, "PHONE", "NO_TRACE");
        fx.scan(discovered.plus(30, ChronoUnit.DAYS));

        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getList("escalations")).isEmpty();
        assertThat(file.getString("nextEscalation")).isNull();
    }

    @Test
    void aLateBackfillClimbsEveryLevelThatFellDue() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        Instant discovered = now.minus(1, ChronoUnit.DAYS);
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), discovered);
        assertThat(fx.caseFile(caseId).getInt("nextEscalation.level")).isEqualTo(1);

        fx.scan(discovered.plus(60, ChronoUnit.DAYS));

        fx.awaitEvent("CaseEscalated", member, p -> p.get("level").asInt() == 2);
        assertThat(fx.caseFile(caseId).getList("escalations.reason")).containsExactly("VERIFICATION_OVERDUE",
                "NO_NEW_ATTEMPT");
    }

    @Test
    void remindsWeeklyOfAnOpenCaseWithoutARecentAttempt() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID searched = fx.member(tree, "FULL");
        Instant discovered = now.minus(1, ChronoUnit.DAYS);
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), discovered);
        UUID searchedCase = fx.lostCase(searched, tree.branch(), now.minus(100, ChronoUnit.DAYS), discovered);
        fx.attempt(searchedCase, now, "WECHAT_QQ", "NO_TRACE");
        Instant weekLater = discovered.plus(7, ChronoUnit.DAYS);

        fx.scan(weekLater.minusSeconds(1));
        assertThat(fx.caseFile(caseId).getList("timeline.kind")).doesNotContain("RECHECK_DUE");

        fx.scan(weekLater);
        fx.scan(weekLater.plusSeconds(60));
        JsonNode due = fx.awaitEvent("CaseRecheckDue", member);
        assertThat(due.get("weekOf").asText()).isEqualTo(ShanghaiCalendar.dateOf(weekLater)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString());
        assertThat(due.get("responsibleOrgId").asText()).isEqualTo(tree.branch().toString());
        assertThat(due.get("escalationLevel").asInt()).isZero();
        assertThat(fx.caseFile(caseId).getList("timeline.kind").stream().filter("RECHECK_DUE"::equals).count())
                .as("once per week").isEqualTo(1);
        assertThat(fx.caseFile(searchedCase).getList("timeline.kind")).doesNotContain("RECHECK_DUE");
    }

    @Test
    void proposesSuspensionAfterSixMonthsAndThreeChannelsIncludingAFieldVisit() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        Instant lostSince = now.minus(200, ChronoUnit.DAYS);
        UUID caseId = fx.lostCase(member, tree.branch(), lostSince, now.minus(10, ChronoUnit.DAYS));
        Instant due = ShanghaiCalendar.plus(lostSince, Period.ofMonths(6));
        fx.attempt(caseId, now.minus(5, ChronoUnit.DAYS), "PHONE", "NO_TRACE");
        fx.attempt(caseId, now.minus(4, ChronoUnit.DAYS), "VISIT_HOME", "NO_TRACE");

        fx.scan(due);
        JsonPath twoChannels = fx.caseFile(caseId);
        assertThat(twoChannels.getString("state")).isEqualTo("OPEN");
        assertThat(twoChannels.getList("suspensionCheck.missing", String.class))
                .containsExactly("2 distinct search channels tried, at least 3 required");

        fx.attempt(caseId, now.minus(3, ChronoUnit.DAYS), "PUBLIC_SECURITY", "NO_TRACE");
        fx.scan(due.minusSeconds(1));
        assertThat(fx.caseFile(caseId).getList("proposals")).isEmpty();

        fx.scan(due);
        fx.scan(due.plusSeconds(1));
        JsonNode proposed = fx.awaitEvent("StandingActionProposed", member);
        assertThat(proposed.get("action").asText()).isEqualTo("SUSPEND");
        assertThat(proposed.get("superiorOrgId").asText()).isEqualTo(tree.committee().toString());
        assertThat(proposed.get("channelsTried").toString()).isEqualTo("[\"PHONE\",\"VISIT_HOME\",\"PUBLIC_SECURITY\"]");
        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getString("state")).isEqualTo("SUSPENSION_PROPOSED");
        assertThat(file.getList("proposals.action")).containsExactly("SUSPEND");
        assertThat(file.getBoolean("suspensionCheck.met")).isTrue();
    }

    @Test
    void proposesCancellingProbationForAProbationaryMember() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "PROBATIONARY");
        Instant lostSince = now.minus(200, ChronoUnit.DAYS);
        UUID caseId = fx.lostCase(member, tree.branch(), lostSince, now.minus(10, ChronoUnit.DAYS));
        for (String channel : new String[] { "TELECOM", "VISIT_WORKPLACE", "RELATIVES_NEIGHBOURS" }) {
            fx.attempt(caseId, now.minus(2, ChronoUnit.DAYS), channel, "NO_TRACE");
        }

        fx.scan(now);

        JsonNode proposed = fx.awaitEvent("StandingActionProposed", member);
        assertThat(proposed.get("action").asText()).isEqualTo("CANCEL_PROBATION");
        assertThat(proposed.get("fieldVisitDone").asBoolean()).isTrue();
    }

    @Test
    void onlyAnAdministratorRunsAScanWithAnExplicitAsOf() {
        UUID org = UUID.randomUUID();
        given().auth().oauth2(fx.tokens.forRole(Roles.ORG_ADMIN, org)).contentType(ContentType.JSON)
                .body(Map.of("asOf", now.toString())).post("/api/v1/scans").then().statusCode(403);
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/scans").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON).body(Map.of("asOf", "yesterday"))
                .post("/api/v1/scans").then().statusCode(400);
    }
}
