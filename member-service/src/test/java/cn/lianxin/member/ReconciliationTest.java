package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.platform.inbox.ProcessedEvent;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.Tokens;

/**
 * ID reconciliation across the tree (口袋党员, 空挂): each kind of line, for the subtree and as of an instant; the
 * contacts and case files it keeps from contact.events and case.events, each applied once.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ReconciliationTest {

    private static final String REPORT = "/api/v1/orgs/{id}/reconciliation";
    private static final String CONTACT_RECORDED = "lianxin.contact.ContactRecorded.v1";
    private static final String CASE_OPENED = "lianxin.case.CaseOpened.v1";
    private static final String CASE_CLOSED = "lianxin.case.CaseClosed.v1";
    /** The tests' now, unless a test pins another. */
    private static final String NOW = "2026-10-01T10:00";
    private static final String MASKED = "^\\d{4}\\*{10}[0-9X]{4}$";

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    @BeforeEach
    void pinClock() {
        clock.pin(TestClock.shanghai(NOW));
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    private ValidatableResponse report(String token, UUID org, String kind, String asOf) {
        var request = given().auth().oauth2(token);
        if (kind != null) {
            request.queryParam("kind", kind);
        }
        if (asOf != null) {
            request.queryParam("asOf", asOf);
        }
        return request.get(REPORT, org).then().statusCode(200).contentType(ContentType.JSON);
    }

    private String orgName(UUID org) {
        return given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}", org).then().statusCode(200)
                .extract().path("name");
    }

    @Test
    void anIdNumberPresentedAgainIsALineOfTheCommonAncestorNamingTheHolderMaskedAndBothOrgsUntilCorrected() {
        UUID committee = fixtures.org(null, "COMMITTEE", "对账党委" + Fixtures.suffix());
        UUID holderBranch = fixtures.org(committee, "BRANCH", "甲支部" + Fixtures.suffix());
        UUID actingBranch = fixtures.org(committee, "BRANCH", "乙支部" + Fixtures.suffix());
        String idNumber = TestIds.fresh();
        UUID holder = fixtures.member(tokens.admin(), holderBranch, "口袋甲", idNumber);
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, actingBranch)).contentType(ContentType.JSON)
                .body(Fixtures.memberJson(actingBranch, "口袋甲", idNumber)).post("/api/v1/members").then().statusCode(409);

        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, committee);
        String body = report(orgAdmin, committee, null, null)
                .body("orgId", equalTo(committee.toString()))
                .body("counts.DUPLICATE_ID", equalTo(1))
                .body("lines.findAll { it.kind == 'DUPLICATE_ID' }.member.id", contains(holder.toString()))
                .body("lines[0].kind", equalTo("DUPLICATE_ID"))
                .body("lines[0].label", equalTo("重复登记"))
                .body("lines[0].member.name", equalTo("口袋甲"))
                .body("lines[0].member.branchId", equalTo(holderBranch.toString()))
                .body("lines[0].member.idNumberMasked", matchesPattern(MASKED))
                .body("lines[0].facts.idNumberMasked", matchesPattern(MASKED))
                .body("lines[0].facts.holderOrg.id", equalTo(holderBranch.toString()))
                .body("lines[0].facts.actingOrg.id", equalTo(actingBranch.toString()))
                .body("lines[0].facts.commonAncestor.id", equalTo(committee.toString()))
                .body("lines[0].facts.hits", equalTo(1))
                .body("lines[0].nextStep", startsWith("同一身份证号已在" + orgName(holderBranch) + "登记，"
                        + orgName(actingBranch) + "又申请登记"))
                .extract().asString();
        assertThat(body).doesNotContain(idNumber); // masked only

        // the holder's branch alone is below the common ancestor: the hit is not its line
        report(tokens.forRole(Roles.ORG_ADMIN, holderBranch), holderBranch, null, null).body("counts.DUPLICATE_ID", equalTo(0));

        // the holder's number was wrong and is corrected (after the hit): the hit is settled
        clock.advance(Duration.ofMinutes(5));
        given().auth().oauth2(orgAdmin).contentType(ContentType.JSON).header("If-Match", "*")
                .body("{\"idNumber\": \"%s\", \"reason\": \"录入错误\"}".formatted(TestIds.fresh()))
                .put("/api/v1/members/{id}/id-number", holder).then().statusCode(200);
        report(orgAdmin, committee, "DUPLICATE_ID", null).body("lines", empty()).body("counts.DUPLICATE_ID", equalTo(0));
    }

    @Test
    void aLetterWhoseReceiptIsOverdueByRuleM1IsALineOfBothSidesUntilItsReceipt() {
        UUID committee = fixtures.org(null, "COMMITTEE", "转接党委" + Fixtures.suffix());
        UUID from = fixtures.org(committee, "BRANCH", "转出支部" + Fixtures.suffix());
        UUID to = fixtures.org(committee, "BRANCH", "转入支部" + Fixtures.suffix());
        UUID member = fixtures.member(from, "转接乙");
        UUID onTime = fixtures.member(from, "转接丙");
        String transfer = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"memberId\": \"%s\", \"toOrgId\": \"%s\", \"crossProvince\": false, \"issuedAt\": \"2026-05-01\"}"
                        .formatted(member, to))
                .post("/api/v1/transfers").then().statusCode(201).extract().path("id");
        // due on 1 October, today: not yet overdue (M1: the due day is the last day)
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"memberId\": \"%s\", \"toOrgId\": \"%s\", \"crossProvince\": false, \"issuedAt\": \"2026-07-01\"}"
                        .formatted(onTime, to))
                .post("/api/v1/transfers").then().statusCode(201);

        for (UUID side : new UUID[] { from, to }) {
            report(tokens.forRole(Roles.ORG_ADMIN, side), side, "TRANSFER_NOT_RECEIVED", null)
                    .body("lines.member.id", contains(member.toString()))
                    .body("lines[0].facts.transferId", equalTo(transfer))
                    .body("lines[0].facts.fromOrg.id", equalTo(from.toString()))
                    .body("lines[0].facts.toOrg.id", equalTo(to.toString()))
                    .body("lines[0].facts.toExternalOrg", nullValue())
                    .body("lines[0].facts.issuedAt", equalTo("2026-05-01"))
                    .body("lines[0].facts.validity", equalTo("P3M"))
                    .body("lines[0].facts.dueAt", equalTo("2026-08-01"))
                    .body("lines[0].facts.daysOverdue", equalTo(61))
                    .body("lines[0].member.idNumberMasked", matchesPattern(MASKED))
                    .body("lines[0].nextStep", equalTo("与转入党组织（" + orgName(to) + "）核实回执，由转入党组织登记回执；超期请联系上级党委"));
        }
        // as of 1 August the letter was still valid
        report(tokens.admin(), committee, "TRANSFER_NOT_RECEIVED", "2026-08-01T23:00:00+08:00").body("lines", empty());

        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, to)).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/transfers/{id}/receipt", transfer).then().statusCode(200);
        report(tokens.admin(), committee, "TRANSFER_NOT_RECEIVED", null).body("lines", empty());
    }

    @Test
    void theSheetHasARowPerLineWithItsKindTheMemberMaskedTheFactsInWordsAndWhatToDoNext() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID to = fixtures.org(tree[0], "BRANCH", "转入支部" + Fixtures.suffix());
        String idNumber = TestIds.fresh();
        UUID member = fixtures.member(tokens.admin(), tree[1], "表格庚", idNumber);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"memberId\": \"%s\", \"toOrgId\": \"%s\", \"crossProvince\": false, \"issuedAt\": \"2026-05-01\"}"
                        .formatted(member, to))
                .post("/api/v1/transfers").then().statusCode(201);

        byte[] xlsx = given().auth().oauth2(tokens.forRole(Roles.AUDITOR, tree[0])).get(REPORT + ".xlsx", tree[0]).then()
                .statusCode(200).contentType(startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .extract().asByteArray();
        var rows = RosterFiles.rows(xlsx);
        assertThat(rows.get(0)).containsExactly("类别代码", "类别", "姓名", "身份证号", "所在党支部", "情况", "下一步");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(0)).isEqualTo("TRANSFER_NOT_RECEIVED");
        assertThat(rows.get(1).get(2)).isEqualTo("表格庚");
        assertThat(rows.get(1).get(3)).matches(MASKED).isNotEqualTo(idNumber);
        assertThat(rows.get(1).get(4)).isEqualTo(orgName(tree[1]));
        assertThat(rows.get(1).get(5)).contains("2026-05-01开具", "有效期至2026-08-01", "已超期61天");
        assertThat(rows.get(1).get(6)).contains("核实回执");
        given().auth().oauth2(tokens.admin()).queryParam("kind", "x").get(REPORT + ".xlsx", tree[0]).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("kind"));
    }

    private static String contact(UUID member, UUID branch, String at, String outcome) {
        return """
                {"contactId": "%s", "memberId": "%s", "orgId": "%s", "at": "%s", "channel": "PHONE", "outcome": "%s",
                 "recordedBy": "secretary"}
                """.formatted(UUID.randomUUID(), member, branch, at, outcome);
    }

    private static String caseOpened(UUID caseId, UUID member, UUID branch) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "trigger": "MANUAL", "situation": "UNKNOWN",
                 "lostSince": "2025-03-01T00:00:00+08:00", "reopened": false,
                 "verificationDueAt": "2026-10-31T00:00:00+08:00", "openedBy": "secretary"}
                """.formatted(caseId, member, branch);
    }

    private static String caseClosed(UUID caseId, UUID member, UUID branch) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "resolution": "FOLLOW_UP_COMPLETED",
                 "lostSince": "2025-03-01T00:00:00+08:00", "daysLost": 30, "attemptCount": 2, "reLossCount": 0}
                """.formatted(caseId, member, branch);
    }

    /** A member registered on 10 January 2025, the clock back at the test's now afterwards. */
    private UUID registeredLongAgo(UUID branch, String name) {
        clock.pin(TestClock.shanghai("2025-01-10T09:00"));
        UUID member = fixtures.member(branch, name);
        clock.pin(TestClock.shanghai(NOW));
        return member;
    }

    private ValidatableResponse adrift(UUID committee, String asOf) {
        return report(tokens.forRole(Roles.AUDITOR, committee), committee, "NO_CONTACT_NO_CASE", asOf);
    }

    @Test
    void aMemberNobodyReachedForAYearWithoutAnOpenCaseIsALineCountedFromTheLastReachedContactElseRegistration() {
        UUID[] tree = fixtures.committeeWithBranch();
        clock.pin(TestClock.shanghai("2025-01-10T09:00"));
        UUID member = fixtures.member(tree[1], "空挂丁");
        clock.pin(TestClock.shanghai("2025-12-01T09:00"));
        UUID recent = fixtures.member(tree[1], "新登记");
        clock.pin(TestClock.shanghai(NOW));

        // never reached: counted from registration; registered less than a year ago: not listed
        adrift(tree[0], "2026-03-01T00:00:00+08:00")
                .body("lines.member.id", contains(member.toString()))
                .body("lines[0].facts.lastReachedAt", nullValue())
                .body("lines[0].facts.registeredAt", equalTo("2025-01-10T01:00:00Z"))
                .body("lines[0].facts.countedFrom", equalTo("2025-01-10T01:00:00Z"))
                .body("lines[0].facts.daysWithoutContact", equalTo(415))
                .body("lines[0].facts.flowing", equalTo(false))
                .body("lines[0].nextStep", equalTo("请支部尽快联系本人并登记联系记录；仍联系不上的，按失联党员程序立案查找（一人一档）"));
        adrift(tree[0], "2026-03-01T00:00:00+08:00").body("lines.member.id", not(hasItem(recent.toString())));

        // a call that reached nobody is no contact; a reach more than a year before asOf keeps the member listed
        events.publish("contact.events", CONTACT_RECORDED, member, contact(member, tree[1], "2026-02-01T10:00:00+08:00", "NOT_REACHED"));
        events.publish("contact.events", CONTACT_RECORDED, member, contact(member, tree[1], "2025-02-01T10:00:00+08:00", "REACHED"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                adrift(tree[0], "2026-03-01T00:00:00+08:00").body("lines[0].facts.lastReachedAt", equalTo("2025-02-01T02:00:00Z")));
        adrift(tree[0], "2026-03-01T00:00:00+08:00").body("lines.member.id", contains(member.toString()))
                .body("lines[0].facts.countedFrom", equalTo("2025-02-01T02:00:00Z"));

        // reached on 1 June 2025: not adrift as of March 2026, adrift again a year after that contact
        events.publish("contact.events", CONTACT_RECORDED, member, contact(member, tree[1], "2025-06-01T10:00:00+08:00", "REACHED"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                adrift(tree[0], "2026-03-01T00:00:00+08:00").body("lines", empty()));
        adrift(tree[0], "2026-06-01T10:00:00+08:00").body("lines.member.id", contains(member.toString()))
                .body("lines[0].facts.lastReachedAt", equalTo("2025-06-01T02:00:00Z"));
        // a contact after asOf does not count as of then
        events.publish("contact.events", CONTACT_RECORDED, member, contact(member, tree[1], "2026-09-01T10:00:00+08:00", "REACHED"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                adrift(tree[0], null).body("lines", empty()));
        adrift(tree[0], "2026-06-01T10:00:00+08:00").body("lines.member.id", contains(member.toString()))
                .body("lines[0].facts.lastReachedAt", equalTo("2025-06-01T02:00:00Z"));
        adrift(tree[0], "2026-06-01T09:59:59+08:00").body("lines", empty()); // not yet a year after that contact
    }

    @Test
    void aContactSheetAnnouncedAtOnceKeepsEachReachedContactOnceAndOnlyTheReachedOnes() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = registeredLongAgo(tree[1], "整表己");
        // a branch's sheet arrives as a run of events: 12 reached, 6 not, and one contact announced twice
        List<UUID> published = new ArrayList<>();
        String again = null;
        for (int i = 0; i < 18; i++) {
            String contact = contact(member, tree[1], "2025-09-%02dT10:00:00+08:00".formatted(i + 1), i % 3 == 2 ? "NOT_REACHED" : "REACHED");
            published.add(events.publish("contact.events", CONTACT_RECORDED, member, contact));
            if (i == 4) {
                again = contact;
            }
        }
        published.add(events.publish("contact.events", CONTACT_RECORDED, member, again));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId in ?1", published)) == 19);
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT count(*) FROM reached_contact WHERE member_id = :member").setParameter("member", member)
                .getSingleResult())).isEqualTo(12L);
        adrift(tree[0], "2026-09-18T10:00:00+08:00").body("lines.member.id", contains(member.toString()))
                .body("lines[0].facts.lastReachedAt", equalTo("2025-09-17T02:00:00Z"));
    }

    @Test
    void anOpenCaseTakesTheMemberOffTheListAndItsClosingPutsThemBackEachCaseEventAppliedOnce() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = registeredLongAgo(tree[1], "立案戊");
        adrift(tree[0], null).body("lines.member.id", contains(member.toString()));

        UUID caseId = UUID.randomUUID();
        UUID opened = UUID.randomUUID();
        events.publish("case.events", CASE_OPENED, opened, member, caseOpened(caseId, member, tree[1]));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                adrift(tree[0], null).body("lines", empty()));

        events.publish("case.events", CASE_CLOSED, member, caseClosed(caseId, member, tree[1]));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                adrift(tree[0], null).body("lines.member.id", contains(member.toString())));

        // CaseOpened delivered again (same ce_id): not applied a second time, the case stays closed
        events.publish("case.events", CASE_OPENED, opened, member, caseOpened(caseId, member, tree[1]));
        UUID after = events.publish("case.events", CASE_CLOSED, member, caseClosed(UUID.randomUUID(), member, tree[1]));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", after)) == 1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", opened))).isEqualTo(1);
        adrift(tree[0], null).body("lines.member.id", contains(member.toString()));
    }

    @Test
    void anOutflowWhoseReportInTheReceivingOrgDidNotConfirmByItsDueDayIsALineUntilTheReportIn() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "流动己");
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);
        String outflow = given().auth().oauth2(secretary).contentType(ContentType.JSON).body(OutflowTest.COMPLETE)
                .post("/api/v1/members/{id}/outflows", member).then().statusCode(201).extract().path("id");

        report(tokens.forRole(Roles.ORG_ADMIN, tree[0]), tree[0], "FLOW_NOT_CONFIRMED", null)
                .body("lines.member.id", contains(member.toString()))
                .body("lines[0].label", equalTo("流入地未确认报到"))
                .body("lines[0].facts.outflowId", equalTo(outflow))
                .body("lines[0].facts.leftAt", equalTo("2026-03-01"))
                .body("lines[0].facts.reportInDueAt", equalTo("2026-04-01"))
                .body("lines[0].facts.daysOverdue", equalTo(183))
                .body("lines[0].facts.destinationPlace", equalTo("广东省深圳市南山区"))
                .body("lines[0].facts.receivingOrg.name", equalTo("南山区某街道党工委"))
                .body("lines[0].nextStep", equalTo("流入地党组织尚未确认报到：请与南山区某街道党工委核实报到情况，请其确认报到；超期请联系上级党委"));
        // before its due day it is no line
        report(tokens.admin(), tree[0], "FLOW_NOT_CONFIRMED", "2026-04-01T12:00:00+08:00").body("lines", empty());

        given().auth().oauth2(secretary).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/members/{id}/outflows/{o}/report-in", member, outflow).then().statusCode(200);
        report(tokens.admin(), tree[0], "FLOW_NOT_CONFIRMED", null).body("lines", empty());
    }

    @Test
    void aSubtreeWithNothingToReconcileCountsEveryKindAtZeroAsOfNow() {
        UUID[] tree = fixtures.committeeWithBranch();
        report(tokens.admin(), tree[0], null, null)
                .body("counts.keySet()", contains("DUPLICATE_ID", "TRANSFER_NOT_RECEIVED", "NO_CONTACT_NO_CASE",
                        "FLOW_NOT_CONFIRMED"))
                .body("lines", empty())
                .body("noContactAfter", equalTo("P1Y"))
                .body("asOf", equalTo("2026-10-01T02:00:00Z"));
    }

    @Test
    void onlyTheSubtreesOwnAdminsAndAuditorsReadIt() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID[] other = fixtures.committeeWithBranch();
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, other[0])).get(REPORT, tree[0]).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, tree[1])).get(REPORT, tree[0]).then().statusCode(404);
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1])).get(REPORT, tree[1]).then().statusCode(403);
        given().auth().oauth2(tokens.forRole(Roles.AUDITOR, tree[0])).get(REPORT, tree[1]).then().statusCode(200);
        given().auth().oauth2(tokens.admin()).get(REPORT, UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aBadAsOfOrKindIsAProblemNamingTheParameter() {
        UUID[] tree = fixtures.committeeWithBranch();
        given().auth().oauth2(tokens.admin()).queryParam("asOf", "2026-13-01").get(REPORT, tree[0]).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("asOf"));
        given().auth().oauth2(tokens.admin()).queryParam("asOf", "2026-10-01T00:00:00").get(REPORT, tree[0]).then()
                .statusCode(400).body("errors.field", contains("asOf"));
        given().auth().oauth2(tokens.admin()).queryParam("kind", "POCKET").get(REPORT, tree[0]).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("kind"))
                .body("errors[0].message", startsWith("must be one of"));
    }
}
