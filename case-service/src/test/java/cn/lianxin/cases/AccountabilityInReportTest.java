package cn.lianxin.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Workbooks;

/**
 * 目标责任考核 in the monthly report: tracking-service's AccountabilityReported of a branch's month is kept once (a
 * redelivery changes nothing, an earlier report does not replace a later one) and shown beside the branch's own
 * figures, in JSON and in the spreadsheet; a branch whose figures have not arrived shows null and empty cells.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class AccountabilityInReportTest {

    private static final String TYPE = "lianxin.contact.AccountabilityReported.v1";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final CaseFixture fx = new CaseFixture();

    @Inject
    EntityManager em;

    private static String reported(UUID branch, String asOf, int contactsDue) {
        return """
                {"orgId": "%s", "month": "2026-05", "from": "2026-04-30T16:00:00Z", "to": "2026-05-31T16:00:00Z",
                 "asOf": "%s", "figures": {"members": 48, "contactsDue": %d, "contactsOnTime": 27, "contactsMissed": 4,
                 "contactsOnTimeShare": 0.871, "missedAwaitingContact": 1, "medianDaysMissedToContact": 6.5,
                 "firstSearchDue": 1, "firstSearchInTime": 1, "firstSearchInTimeShare": 1.0, "followUpsDone": 2,
                 "followUpsMissed": 0, "casesOpened": 1, "lostPer100": 2.08}}
                """.formatted(branch, asOf, contactsDue);
    }

    @Test
    void eachBranchShowsItsReportedFiguresOnceAndNullUntilTheyArrive() {
        UUID r = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        fx.org(r, "COMMITTEE", "考核市委", List.of(r));
        fx.org(a, "BRANCH", "考核甲支部", List.of(r, a));
        fx.org(b, "BRANCH", "考核乙支部", List.of(r, b));
        fx.awaitOrg(r); // org events are keyed by org: they arrive in any order
        fx.awaitOrg(a);
        fx.awaitOrg(b);

        String json = reported(a, "2026-05-31T18:00:00Z", 31);
        EventSchemas.load().assertValid(TYPE, json);
        UUID eventId = UUID.randomUUID();
        fx.events.publish(CaseFixture.CONTACT_EVENTS, TYPE, eventId, a, json);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(eventId));
        // redelivered (same ce_id), and an earlier report of the same month arriving late: nothing changes
        fx.events.publish(CaseFixture.CONTACT_EVENTS, TYPE, eventId, a, reported(a, "2026-05-31T18:00:00Z", 99));
        UUID earlier = fx.publish(CaseFixture.CONTACT_EVENTS, TYPE, a, reported(a, "2026-05-31T17:00:00Z", 77));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(earlier));
        assertThat(rows(a)).isEqualTo(1);

        JsonPath report = given().auth().oauth2(fx.tokens.forRole(Roles.AUDITOR, r))
                .get("/api/v1/reports/monthly?orgId={org}&month=2026-05", r).then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
        String ofA = "branches.find { it.orgId == '" + a + "' }.accountability";
        assertThat(report.getInt(ofA + ".contactsDue")).isEqualTo(31);
        assertThat(report.getInt(ofA + ".members")).isEqualTo(48);
        assertThat(report.getDouble(ofA + ".medianDaysMissedToContact")).isEqualTo(6.5);
        assertThat(report.getDouble(ofA + ".lostPer100")).isEqualTo(2.08);
        assertThat(report.getInt("children.find { it.orgId == '" + a + "' }.accountability.contactsDue")).isEqualTo(31);
        assertThat(report.getString("branches.find { it.orgId == '" + b + "' }.accountability")).isNull();
        // another month of the same branch: not arrived
        assertThat(given().auth().oauth2(fx.tokens.admin()).get("/api/v1/reports/monthly?orgId={org}&month=2026-04", r)
                .then().statusCode(200).extract().jsonPath()
                .getString("branches.find { it.orgId == '" + a + "' }.accountability")).isNull();

        byte[] xlsx = given().auth().oauth2(fx.tokens.forRole(Roles.ORG_ADMIN, r)).accept(XLSX)
                .get("/api/v1/reports/monthly?orgId={org}&month=2026-05", r).then().statusCode(200)
                .contentType(XLSX).extract().asByteArray();
        String sheet = Workbooks.text(xlsx);
        assertThat(sheet).contains("考核:应联系", "考核:按时联系率", "考核:每百名党员失联", "考核甲支部", "考核乙支部");
        assertThat(sheet).contains("<v>0.871</v>", "<v>2.08</v>");
    }

    private boolean processed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM processed_event WHERE event_id = :id").setParameter("id", eventId)
                .getSingleResult()).longValue() > 0);
    }

    private long rows(UUID branch) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM branch_accountability WHERE org_id = :org").setParameter("org", branch)
                .getSingleResult()).longValue());
    }
}
