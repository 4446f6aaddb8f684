package cn.lianxin.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.OffsetDateTime;
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
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.ETags;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.Workbooks;

/**
 * Rule C8 (每月一上报) on a known data set for March 2026 (China time):
 * 市委 R → 甲支部 A (4 members), R → 总支 G → 乙支部 B (2 members).
 * <ul>
 * <li>a1 (A) lost since 1 Jan, case opened 10 Feb, still missing: 90 days by 1 April;</li>
 * <li>a4 (A) lost since 1 Feb, opened 20 Feb, found 3 Mar by a search attempt (30 days), 限期改正 on 10 Mar;</li>
 * <li>a2 (A) lost since 1 Feb, opened 5 Mar, found 15 Mar by a restored contact (42 days), 纳入管理 on 20 Mar;</li>
 * <li>b1 (B) lost since 1 Dec, opened 2 Mar, still missing: 121 days;</li>
 * <li>a3 (A) lost and found before March: not counted.</li>
 * </ul>
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class MonthlyReportTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final CaseFixture fx = new CaseFixture();

    @Inject
    TestClock clock;

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    private static Instant cst(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    @Test
    void reportsTheMonthOfASubtreePerChildAndPerBranchAndPublishesItOnTheFirst() {
        UUID r = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID g = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        fx.org(r, "COMMITTEE", "报表市委", List.of(r));
        fx.org(a, "BRANCH", "甲支部", List.of(r, a));
        fx.org(g, "GENERAL_BRANCH", "总支", List.of(r, g));
        fx.org(b, "BRANCH", "乙支部", List.of(r, g, b));
        fx.awaitOrg(b);
        UUID a1 = fx.member(a, List.of(r, a), "FULL");
        UUID a2 = fx.member(a, List.of(r, a), "FULL");
        UUID a3 = fx.member(a, List.of(r, a), "FULL");
        UUID a4 = fx.member(a, List.of(r, a), "FULL");
        UUID b1 = fx.member(b, List.of(r, g, b), "PROBATIONARY");
        fx.member(b, List.of(r, g, b), "FULL");

        fx.lostCase(a1, a, cst("2026-01-01T00:00:00"), cst("2026-02-10T00:00:00"));
        UUID case4 = fx.lostCase(a4, a, cst("2026-02-01T00:00:00"), cst("2026-02-20T00:00:00"));
        clock.pin(cst("2026-03-03T12:00:00"));
        fx.attempt(case4, cst("2026-03-03T00:00:00"), "PHONE", "FOUND");
        clock.pin(cst("2026-03-10T12:00:00"));
        decide(case4, Map.of("type", "CORRECTION", "correctionMonths", 6,
                "procedure", CaseFixture.procedure(java.time.LocalDate.parse("2026-03-10"))));
        UUID case2 = fx.lostCase(a2, a, cst("2026-02-01T00:00:00"), cst("2026-03-05T00:00:00"));
        fx.contactRestored(a2, a, cst("2026-03-15T00:00:00"));
        fx.awaitEvent("MemberFound", a2);
        clock.pin(cst("2026-03-20T12:00:00"));
        decide(case2, Map.of("type", "REINTEGRATED"));
        fx.lostCase(b1, b, cst("2025-12-01T00:00:00"), cst("2026-03-02T00:00:00"));
        fx.lostCase(a3, a, cst("2025-10-01T00:00:00"), cst("2026-01-05T00:00:00"));
        fx.contactRestored(a3, a, cst("2026-02-10T00:00:00"));
        fx.awaitEvent("MemberFound", a3);
        clock.release();

        JsonPath report = given().auth().oauth2(fx.tokens.forRole(Roles.ORG_ADMIN, r))
                .get("/api/v1/reports/monthly?orgId={org}&month=2026-03", r).then()
                .statusCode(200).contentType(ContentType.JSON).extract().jsonPath();

        assertThat(report.getString("month")).isEqualTo("2026-03");
        assertThat(report.getString("asOf")).isEqualTo("2026-03-31T16:00:00Z");
        assertFigures(report, "figures", 6, 4, 2, 2, 1, 1, 0, 0, 2, 0.3333f, 70.8f, 66.0f);
        assertThat(report.getList("children.name")).containsExactlyInAnyOrder("甲支部", "总支");
        assertFigures(report, "children.find { it.orgId == '" + a + "' }.figures", 4, 3, 1, 2, 1, 1, 0, 0, 1, 0.25f,
                54.0f, 42.0f);
        assertFigures(report, "children.find { it.orgId == '" + g + "' }.figures", 2, 1, 1, 0, 0, 0, 0, 0, 1, 0.5f,
                121.0f, 121.0f);
        assertThat(report.getList("branches.name")).containsExactlyInAnyOrder("甲支部", "乙支部");
        assertFigures(report, "branches.find { it.orgId == '" + b + "' }.figures", 2, 1, 1, 0, 0, 0, 0, 0, 1, 0.5f,
                121.0f, 121.0f);

        byte[] xlsx = given().auth().oauth2(fx.tokens.forRole(Roles.ORG_ADMIN, r)).accept(XLSX)
                .get("/api/v1/reports/monthly?orgId={org}&month=2026-03", r).then()
                .statusCode(200).contentType(XLSX).extract().asByteArray();
        String sheet = Workbooks.text(xlsx);
        assertThat(sheet).contains("报表市委 2026-03 失联党员月报", "失联率", "甲支部", "乙支部", "总支")
                .as("subtree row: 失联总数 4, 仍失联 2, 失联率, median").contains("<c r=\"D3\" t=\"n\"><v>4</v></c>",
                        "<c r=\"K3\" t=\"n\"><v>2</v></c>", "<c r=\"M3\" t=\"n\"><v>0.3333</v></c>",
                        "<c r=\"O3\" t=\"n\"><v>66.0</v></c>");

        fx.scan(cst("2026-04-01T01:00:00"));
        JsonNode published = fx.awaitEvent("MonthlyReportPublished", r, p -> "2026-03".equals(p.get("month").asText()));
        assertThat(published.get("figures").get("lostTotal").asInt()).isEqualTo(4);
        assertThat(published.get("figures").get("medianDaysLost").asDouble()).isEqualTo(66.0);
        assertThat(published.get("children")).hasSize(2);
        assertThat(published.get("reportPath").asText()).isEqualTo("/api/v1/reports/monthly?orgId=" + r + "&month=2026-03");
        JsonNode general = fx.awaitEvent("MonthlyReportPublished", g, p -> "2026-03".equals(p.get("month").asText()));
        assertThat(general.get("figures").get("stillMissing").asInt()).isEqualTo(1);
        assertThat(fx.scan(cst("2026-04-01T01:00:00")).getInt("reportsPublished")).as("once per org and month").isZero();
    }

    /**
     * April 2026 in a fresh subtree: x1 missing since March (ABROAD); d1, w1, e1, m1 lost in April; d1 died, w1
     * withdrew (退党, completed as MIGRANT_WORK first), e1 was expelled (开除党籍); m1 is still to be completed.
     */
    @Test
    void breaksLostMembersDownBySituationAndCountsDeathsWithdrawalsAndExpulsionsApartFromTheFound() {
        UUID r = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        fx.org(r, "COMMITTEE", "情形市委", List.of(r));
        fx.org(a, "BRANCH", "丙支部", List.of(r, a));
        fx.awaitOrg(a);
        UUID x1 = fx.member(a, List.of(r, a), "FULL");
        UUID d1 = fx.member(a, List.of(r, a), "FULL");
        UUID w1 = fx.member(a, List.of(r, a), "FULL");
        UUID e1 = fx.member(a, List.of(r, a), "FULL");
        UUID m1 = fx.member(a, List.of(r, a), "FULL");
        UUID caseX = fx.lostCase(x1, a, cst("2026-01-01T00:00:00"), cst("2026-03-10T00:00:00"));
        fx.lostCase(d1, a, cst("2026-01-01T00:00:00"), cst("2026-04-02T00:00:00"));
        UUID caseW = fx.lostCase(w1, a, cst("2026-01-01T00:00:00"), cst("2026-04-03T00:00:00"));
        fx.lostCase(e1, a, cst("2026-01-01T00:00:00"), cst("2026-04-04T00:00:00"));
        fx.lostCase(m1, a, cst("2026-01-01T00:00:00"), cst("2026-04-05T00:00:00"));
        details(caseX, "ABROAD");
        details(caseW, "MIGRANT_WORK");
        fx.leftTheParty(d1, a, "DECEASED", cst("2026-04-10T00:00:00"));
        fx.leftTheParty(w1, a, "WITHDRAWN", cst("2026-04-12T00:00:00"));
        fx.leftTheParty(e1, a, "EXPELLED", cst("2026-04-15T00:00:00"));
        for (UUID member : List.of(d1, w1, e1)) {
            fx.awaitEvent("CaseClosed", member);
        }

        JsonPath report = given().auth().oauth2(fx.tokens.forRole(Roles.AUDITOR, r))
                .get("/api/v1/reports/monthly?orgId={org}&month=2026-04", r).then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> f = report.getMap("figures");
        assertThat(f).containsEntry("lostTotal", 5).containsEntry("newlyLost", 4).containsEntry("found", 0)
                .containsEntry("deceased", 1).containsEntry("withdrawn", 1).containsEntry("expelled", 1)
                .containsEntry("stillMissing", 2).containsEntry("members", 2);
        assertThat(report.getMap("figures.bySituation")).containsExactlyInAnyOrderEntriesOf(Map.of("MIGRANT_WORK", 1,
                "ENTERPRISE_RESTRUCTURED", 0, "GRADUATE_UNKNOWN", 0, "JOB_CHANGED", 0, "ABROAD", 1, "MOVED", 0,
                "OTHER", 0, "UNKNOWN", 3));
        assertThat(report.getMap("branches[0].figures.bySituation")).containsEntry("UNKNOWN", 3);

        byte[] xlsx = given().auth().oauth2(fx.tokens.forRole(Roles.AUDITOR, r)).accept(XLSX)
                .get("/api/v1/reports/monthly?orgId={org}&month=2026-04", r).then()
                .statusCode(200).contentType(XLSX).extract().asByteArray();
        assertThat(Workbooks.text(xlsx)).contains("去世", "退党", "开除党籍", "失联情形:外出务工经商", "失联情形:待补全")
                .as("去世, 退党, 开除党籍 1 each; MIGRANT_WORK 1, ABROAD 1, UNKNOWN 3")
                .contains("<c r=\"P3\" t=\"n\"><v>1</v></c>", "<c r=\"Q3\" t=\"n\"><v>1</v></c>",
                        "<c r=\"R3\" t=\"n\"><v>1</v></c>", "<c r=\"S3\" t=\"n\"><v>1</v></c>",
                        "<c r=\"W3\" t=\"n\"><v>1</v></c>", "<c r=\"Z3\" t=\"n\"><v>3</v></c>");

        fx.scan(cst("2026-05-01T01:00:00"));
        JsonNode published = fx.awaitEvent("MonthlyReportPublished", r, p -> "2026-04".equals(p.get("month").asText()));
        assertThat(published.get("figures").get("deceased").asInt()).isEqualTo(1);
        assertThat(published.get("figures").get("withdrawn").asInt()).isEqualTo(1);
        assertThat(published.get("figures").get("expelled").asInt()).isEqualTo(1);
        assertThat(published.get("figures").get("bySituation").get("UNKNOWN").asInt()).isEqualTo(3);
        assertThat(published.get("children").get(0).get("figures").get("bySituation").get("ABROAD").asInt())
                .isEqualTo(1);
    }

    private void details(UUID caseId, String situation) {
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON).body(Map.of("situation", situation))
                .header("If-Match", ETags.of(fx.tokens.admin(), "/api/v1/cases/{id}", caseId))
                .patch("/api/v1/cases/{id}", caseId).then().statusCode(200);
    }

    @Test
    void reportsOnlyInsideTheCallersSubtreeAndNamesBadParameters() {
        CaseFixture.Tree tree = fx.tree();
        String secretary = fx.tokens.forRole(Roles.SECRETARY, tree.branch());

        given().auth().oauth2(secretary).get("/api/v1/reports/monthly?orgId={org}&month=2026-03", tree.branch())
                .then().statusCode(200).body("figures.members", equalTo(0)).body("figures.averageDaysLost",
                        org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(secretary).get("/api/v1/reports/monthly?orgId={org}&month=2026-03", tree.committee())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(secretary).get("/api/v1/reports/monthly?orgId={org}&month=2026-13", tree.branch())
                .then().statusCode(400).body("errors[0].field", equalTo("month"));
        given().auth().oauth2(secretary).get("/api/v1/reports/monthly?month=2026-03")
                .then().statusCode(400).body("errors[0].field", equalTo("orgId"));
        given().auth().oauth2(fx.tokens.forRole(Roles.LIAISON, tree.branch()))
                .get("/api/v1/reports/monthly?orgId={org}&month=2026-03", tree.branch()).then().statusCode(403);
    }

    private static void assertFigures(JsonPath report, String path, int members, int lostTotal, int newlyLost,
            int found, int reintegrated, int disposed, int suspended, int removed, int stillMissing, float lostRate,
            float average, float median) {
        Map<String, Object> f = report.getMap(path);
        assertThat(f).as(path).containsEntry("members", members).containsEntry("lostTotal", lostTotal)
                .containsEntry("newlyLost", newlyLost).containsEntry("found", found)
                .containsEntry("reintegrated", reintegrated).containsEntry("disposed", disposed)
                .containsEntry("suspended", suspended).containsEntry("removed", removed)
                .containsEntry("stillMissing", stillMissing).containsEntry("reLost", 0)
                .containsEntry("lostRate", lostRate).containsEntry("averageDaysLost", average)
                .containsEntry("medianDaysLost", median);
    }

    private void decide(UUID caseId, Map<String, Object> body) {
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases/{id}/decisions", caseId).then().statusCode(201);
    }
}
