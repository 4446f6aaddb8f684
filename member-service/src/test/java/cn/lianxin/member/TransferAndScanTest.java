package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.Tokens;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class TransferAndScanTest {

    /** Pinned for rules that look at registration time (M2); released after each test. */
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
    void anInternalTransferMovesTheMemberOnlyWhenTheReceiptComesBack() {
        UUID committee = fixtures.org(null, "COMMITTEE", "转接党委");
        UUID from = fixtures.org(committee, "BRANCH", "转出支部");
        UUID to = fixtures.org(committee, "BRANCH", "转入支部");
        UUID member = fixtures.member(from, "邹转接");
        String sending = tokens.forRole(Roles.SECRETARY, from);
        String receiving = tokens.forRole(Roles.SECRETARY, to);

        String transfer = Fixtures.created(given().auth().oauth2(sending).contentType(ContentType.JSON)
                .body(transferJson(member, to, false, "2026-09-01")).post("/api/v1/transfers").then()
                .statusCode(201).body("status", equalTo("ISSUED")).body("dueAt", equalTo("2026-12-01"))
                .body("validity", equalTo("P3M")).extract(), "/api/v1/transfers/").toString();
        given().auth().oauth2(sending).contentType(ContentType.JSON).body(transferJson(member, to, false, "2026-09-02"))
                .post("/api/v1/transfers").then().statusCode(409);
        given().auth().oauth2(sending).get("/api/v1/members/{id}", member).then().body("orgId", equalTo(from.toString()));
        given().auth().oauth2(receiving).get("/api/v1/members/{id}", member).then().statusCode(404);

        given().auth().oauth2(receiving).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/transfers/{id}/receipt", transfer).then().statusCode(200).body("status", equalTo("RECEIVED"));
        given().auth().oauth2(receiving).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/transfers/{id}/receipt", transfer).then().statusCode(409);

        JsonNode moved = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_TRANSFERRED, member));
        assertThat(moved.get("orgId").asText()).isEqualTo(to.toString());
        assertThat(moved.get("fromOrgId").asText()).isEqualTo(from.toString());
        assertThat(moved.get("orgPath")).extracting(JsonNode::asText).containsExactly(committee.toString(), to.toString());
        given().auth().oauth2(receiving).get("/api/v1/members/{id}", member).then().body("orgId", equalTo(to.toString()));
        given().auth().oauth2(sending).get("/api/v1/members/{id}", member).then().statusCode(404);
    }

    @Test
    void aTransferOutOfTheSystemKeepsTheSendingBranchInTheEvent() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "潘转出");
        String body = """
                {"memberId": "%s", "toExternalOrg": {"name": "北京市海淀区某街道党工委", "region": "北京市海淀区"},
                 "crossProvince": true, "issuedAt": "2026-09-01"}""".formatted(member);
        String transfer = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/transfers").then().statusCode(201).body("validity", equalTo("P6M"))
                .body("dueAt", equalTo("2027-03-01")).extract().path("id");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/transfers/{id}/receipt", transfer).then().statusCode(200);

        JsonNode out = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_TRANSFERRED, member));
        assertThat(out.get("orgId").asText()).isEqualTo(tree[1].toString());
        assertThat(out.get("toExternalOrg").get("region").asText()).isEqualTo("北京市海淀区");
        assertThat(out.has("toOrgId")).isFalse();
        given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}", member).then()
                .body("orgId", equalTo(tree[1].toString())).body("transferredOutAt", not(equalTo(null)));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(OutflowTest.COMPLETE)
                .post("/api/v1/members/{id}/outflows", member).then().statusCode(422);
    }

    @Test
    void membersTransferredOutOfTheSystemLeaveTheSubtreeListUnlessAsked() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID staying = fixtures.member(tree[1], "留本支部");
        UUID leaving = fixtures.member(tree[1], "转外省");
        String body = """
                {"memberId": "%s", "toExternalOrg": {"name": "上海市浦东新区某党委", "region": "上海市浦东新区"},
                 "crossProvince": true, "issuedAt": "2026-09-01"}""".formatted(leaving);
        String transfer = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/transfers").then().statusCode(201).extract().path("id");
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);
        // Until the receipt is back the sending branch stays responsible: the member is still listed.
        given().auth().oauth2(secretary).get("/api/v1/orgs/{id}/members", tree[1]).then().statusCode(200)
                .body("items.id", containsInAnyOrder(staying.toString(), leaving.toString()));

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/transfers/{id}/receipt", transfer).then().statusCode(200);
        events.await("member.events", MemberEvents.MEMBER_TRANSFERRED, leaving);

        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}/members", tree[0]).then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", contains(staying.toString()));
        given().auth().oauth2(secretary).queryParam("transferredOut", "false").get("/api/v1/orgs/{id}/members", tree[1])
                .then().statusCode(200).body("total", equalTo(1)).body("items.id", contains(staying.toString()));
        given().auth().oauth2(secretary).queryParam("transferredOut", "true").get("/api/v1/orgs/{id}/members", tree[1])
                .then().statusCode(200).body("total", equalTo(1)).body("items.id", contains(leaving.toString()))
                .body("items[0].transferredOutAt", not(equalTo(null)));
        given().auth().oauth2(secretary).queryParam("transferredOut", "maybe").get("/api/v1/orgs/{id}/members", tree[1])
                .then().statusCode(400).body("errors.field", hasItem("transferredOut"));
    }

    @Test
    void refusesAnIncompleteOrImpossibleTransfer() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "章错误");

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"memberId\": \"" + member + "\", \"issuedAt\": \"2999-01-01\"}").post("/api/v1/transfers").then()
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItems("toOrgId", "crossProvince", "issuedAt"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(transferJson(member, tree[0], false, "2026-09-01"))
                .post("/api/v1/transfers").then().statusCode(400).body("errors[0].field", equalTo("toOrgId"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(transferJson(member, tree[1], false, "2026-09-01"))
                .post("/api/v1/transfers").then().statusCode(400).body("errors[0].message", equalTo("is the member's own branch"));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, fixtures.committeeWithBranch()[1])).contentType(ContentType.JSON)
                .body(transferJson(member, UUID.randomUUID(), false, "2026-09-01")).post("/api/v1/transfers").then()
                .statusCode(400).body("errors.field", hasItem("memberId"));
    }

    @Test
    void ruleM1ReportsAnOverdueReceiptOncePerTransferAndListsItAsOverdue() {
        UUID committee = fixtures.org(null, "COMMITTEE", "M1党委");
        UUID from = fixtures.org(committee, "BRANCH", "M1转出");
        UUID to = fixtures.org(committee, "BRANCH", "M1转入");
        UUID late = fixtures.member(from, "M1逾期");
        UUID crossProvince = fixtures.member(from, "M1跨省");
        UUID recent = fixtures.member(from, "M1新开");
        String lateTransfer = issue(transferJson(late, to, false, "2026-01-10"));
        String crossTransfer = issue(transferJson(crossProvince, to, true, "2026-01-10"));
        String recentTransfer = issue(transferJson(recent, to, false, "2026-11-01"));

        assertThat(scan("2026-04-10T23:59:00+08:00").path("transferReceiptOverdue")).isNotNull();
        assertThat(overdueEventsFor(late)).isEmpty();
        int found = scan("2026-04-11T00:00:00+08:00").get("transferReceiptOverdue").asInt();
        assertThat(found).isGreaterThanOrEqualTo(1);
        assertThat(scan("2026-04-11T00:00:00+08:00").get("transferReceiptOverdue").asInt()).isZero();
        assertThat(scan("2026-05-01T00:00:00+08:00").get("transferReceiptOverdue").asInt()).isZero();

        JsonNode overdue = KafkaEvents.payload(events.await("member.events", MemberEvents.TRANSFER_RECEIPT_OVERDUE, late));
        assertThat(overdue.get("transferId").asText()).isEqualTo(lateTransfer);
        assertThat(overdue.get("dueAt").asText()).isEqualTo("2026-04-10");
        assertThat(overdue.get("validity").asText()).isEqualTo("P3M");
        assertThat(overdue.get("toOrgId").asText()).isEqualTo(to.toString());
        assertThat(overdueEventsFor(late)).hasSize(1);
        assertThat(overdueEventsFor(crossProvince)).isEmpty();

        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, committee)).queryParam("orgId", committee).queryParam("overdue", "true")
                .get("/api/v1/transfers").then().statusCode(200)
                .body("total", equalTo(2)) // as of today, both letters of January are past their validity
                .body("items.id", org.hamcrest.Matchers.containsInAnyOrder(lateTransfer, crossTransfer))
                .body("items.overdue", org.hamcrest.Matchers.everyItem(equalTo(true)));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, to)).get("/api/v1/transfers").then()
                .body("total", equalTo(3)).body("items.id", hasItem(recentTransfer));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, fixtures.committeeWithBranch()[1])).get("/api/v1/transfers/{id}", lateTransfer)
                .then().statusCode(404);
    }

    @Test
    void ruleM2ReportsMembersWithoutAnAnnualReviewAfterTheFirstQuarterOncePerYear() {
        clock.pin(Instant.parse("2027-02-01T02:00:00Z"));
        UUID[] tree = fixtures.committeeWithBranch();
        UUID reviewed = fixtures.member(tree[1], "M2已审");
        UUID pending = fixtures.member(tree[1], "M2未审");
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);
        given().auth().oauth2(secretary).contentType(ContentType.JSON)
                .body("{\"year\": 2027, \"verifiedAt\": \"2027-01-20\", \"note\": \"信息无误\"}")
                .post("/api/v1/members/{id}/reviews", reviewed).then().statusCode(201);
        given().auth().oauth2(secretary).contentType(ContentType.JSON)
                .body("{\"year\": 2027, \"verifiedAt\": \"2027-01-21\"}")
                .post("/api/v1/members/{id}/reviews", reviewed).then().statusCode(409);
        given().auth().oauth2(secretary).contentType(ContentType.JSON).body("{\"year\": 2028, \"verifiedAt\": \"2027-03-01\"}")
                .post("/api/v1/members/{id}/reviews", pending).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("year", "verifiedAt"));
        given().auth().oauth2(secretary).queryParam("year", 2027).get("/api/v1/orgs/{id}/reviews", tree[1]).then()
                .statusCode(200).body("reviewed", equalTo(1)).body("pending", equalTo(1))
                .body("items[0].name", equalTo("M2未审")).body("items[0].reviewed", equalTo(false))
                .body("items[1].verifiedAt", equalTo("2027-01-20"));
        given().auth().oauth2(secretary).queryParam("year", 2027).queryParam("reviewed", "true")
                .get("/api/v1/orgs/{id}/reviews", tree[1]).then().body("total", equalTo(1)).body("items[0].name", equalTo("M2已审"));
        clock.pin(Instant.parse("2027-04-02T02:00:00Z"));

        assertThat(scan("2027-03-31T23:59:59+08:00").get("annualReviewOverdue").asInt()).isZero();
        assertThat(scan("2027-04-01T00:00:00+08:00").get("annualReviewOverdue").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(scan("2027-04-01T00:00:00+08:00").get("annualReviewOverdue").asInt()).isZero();
        assertThat(scan("2027-04-02T00:00:00+08:00").get("annualReviewOverdue").asInt()).isZero();

        JsonNode overdue = KafkaEvents.payload(events.await("member.events", MemberEvents.ANNUAL_REVIEW_OVERDUE, pending));
        assertThat(overdue.get("year").asInt()).isEqualTo(2027);
        assertThat(overdue.get("dueAt").asText()).isEqualTo("2027-03-31T16:00:00Z");
        assertThat(overdue.has("lastReviewedYear")).isFalse();
        assertThat(events.all("member.events")).filteredOn(r -> r.key().equals(reviewed.toString()))
                .extracting(r -> KafkaEvents.header(r, "ce_type")).doesNotContain(MemberEvents.ANNUAL_REVIEW_OVERDUE);
    }

    @Test
    void ruleM3RecommendsATransferAfterSixMonthsAtAFixedPlaceOncePerOutflow() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID fixed = fixtures.member(tree[1], "M3固定");
        UUID temporary = fixtures.member(tree[1], "M3临时");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(OutflowTest.COMPLETE)
                .post("/api/v1/members/{id}/outflows", fixed).then().statusCode(201);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(OutflowTest.COMPLETE.replace("PERMANENT", "TEMPORARY"))
                .post("/api/v1/members/{id}/outflows", temporary).then().statusCode(201);

        scan("2026-08-31T12:00:00+08:00");
        assertThat(recommendedFor(fixed)).isEmpty();
        assertThat(scan("2026-09-01T12:00:00+08:00").get("transferRecommended").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(scan("2026-09-01T12:00:00+08:00").get("transferRecommended").asInt()).isZero();

        JsonNode recommended = KafkaEvents.payload(events.await("member.events", MemberEvents.TRANSFER_RECOMMENDED, fixed));
        assertThat(recommended.get("threshold").asText()).isEqualTo("P6M");
        assertThat(recommended.get("destination").get("place").asText()).isEqualTo("广东省深圳市南山区");
        assertThat(recommended.get("receivingOrg").get("name").asText()).isEqualTo("南山区某街道党工委");
        assertThat(recommendedFor(fixed)).hasSize(1);
        assertThat(recommendedFor(temporary)).isEmpty();
    }

    @Test
    void onlyAnAdministratorRunsAScanWithAnExplicitAsOf() {
        UUID org = fixtures.committeeWithBranch()[0];
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, org)).contentType(ContentType.JSON)
                .body("{\"asOf\": \"2026-04-11T00:00:00+08:00\"}").post("/api/v1/scans").then().statusCode(403);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/scans").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"asOf\": \"yesterday\"}")
                .post("/api/v1/scans").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
    }

    private String issue(String json) {
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(json)
                .post("/api/v1/transfers").then().statusCode(201).extract().path("id");
    }

    private JsonNode scan(String asOf) {
        String body = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"asOf\": \"" + asOf + "\"}")
                .post("/api/v1/scans").then().statusCode(200).body("asOf", not(equalTo(null))).extract().asString();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<ConsumerRecord<String, String>> overdueEventsFor(UUID member) {
        return ofType(member, MemberEvents.TRANSFER_RECEIPT_OVERDUE);
    }

    private List<ConsumerRecord<String, String>> recommendedFor(UUID member) {
        return ofType(member, MemberEvents.TRANSFER_RECOMMENDED);
    }

    /** Events of a type about a member, read after the outbox has drained what the scans wrote. */
    private List<ConsumerRecord<String, String>> ofType(UUID member, String type) {
        UUID marker = fixtures.member(fixtures.committeeWithBranch()[1], "标记");
        events.await("member.events", MemberEvents.MEMBER_REGISTERED, marker);
        java.util.Set<String> seen = new java.util.HashSet<>();
        return events.all("member.events").stream()
                .filter(r -> r.key().equals(member.toString()) && type.equals(KafkaEvents.header(r, "ce_type")))
                .filter(r -> seen.add(KafkaEvents.header(r, "ce_id"))) // one event, however often re-sent
                .toList();
    }

    private static String transferJson(UUID member, UUID to, boolean crossProvince, String issuedAt) {
        return """
                {"memberId": "%s", "toOrgId": "%s", "crossProvince": %s, "issuedAt": "%s"}
                """.formatted(member, to, crossProvince, issuedAt);
    }
}
