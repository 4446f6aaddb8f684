package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/**
 * The two-sided handshake of outflows (报到) and transfers (回执): the receiving org is told, confirms, and sees the same
 * state as the sending side; the scan reminds both sides at the due day (M4, M1) and tells the sending side's superior
 * org a grace later (M5), once; a confirmation after the reminder ends it and is audited.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class OutflowTransferHandshakeTest {

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    /** committee ⊃ (sending branch, receiving branch), and an unrelated committee with a branch. */
    private record Sides(UUID committee, UUID sending, UUID receiving, UUID elsewhere) {
    }

    private Sides sides() {
        UUID committee = fixtures.org(null, "COMMITTEE", "握手党委" + Fixtures.suffix());
        return new Sides(committee, fixtures.org(committee, "BRANCH", "流出支部" + Fixtures.suffix()),
                fixtures.org(committee, "BRANCH", "流入支部" + Fixtures.suffix()), fixtures.committeeWithBranch()[1]);
    }

    @Test
    void anOutflowToAnOrgInTheSystemTellsItAndWithoutReportInRemindsBothSidesThenTheSuperiorOnce() {
        Sides s = sides();
        UUID member = fixtures.member(s.sending(), "严流动");
        String outflow = registerOutflow(member, s.receiving(), "2026-09-01");

        JsonNode flowed = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_FLOWED_OUT, member));
        assertThat(flowed.get("reportInDueAt").asText()).isEqualTo("2026-10-01");
        assertThat(flowed.get("receivingOrg").get("orgId").asText()).isEqualTo(s.receiving().toString());

        String receivingSecretary = tokens.forRole(Roles.SECRETARY, s.receiving());
        handshakes(receivingSecretary, s.receiving(), "receiving", "2026-09-20T12:00:00+08:00").statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(outflow)).body("items[0].kind", equalTo("OUTFLOW"))
                .body("items[0].state", equalTo("AWAITING_CONFIRMATION")).body("items[0].dueAt", equalTo("2026-10-01"))
                .body("items[0].sendingOrgId", equalTo(s.sending().toString()));
        handshakes(receivingSecretary, s.receiving(), "sending", "2026-09-20T12:00:00+08:00").body("total", equalTo(0));

        scan("2026-10-01T23:00:00+08:00");
        assertThat(ofType(member, MemberEvents.REPORT_IN_OVERDUE)).isEmpty();
        scan("2026-10-02T00:00:00+08:00");
        scan("2026-10-02T00:00:00+08:00");
        scan("2026-10-15T12:00:00+08:00");
        List<ConsumerRecord<String, String>> reminders = ofType(member, MemberEvents.REPORT_IN_OVERDUE);
        assertThat(reminders).hasSize(1);
        JsonNode reminder = KafkaEvents.payload(reminders.get(0));
        assertThat(reminder.get("outflowId").asText()).isEqualTo(outflow);
        assertThat(reminder.get("orgId").asText()).isEqualTo(s.sending().toString());
        assertThat(reminder.get("reportInDueAt").asText()).isEqualTo("2026-10-01");
        assertThat(reminder.get("receivingOrg").get("orgId").asText()).isEqualTo(s.receiving().toString());
        assertThat(ofType(member, MemberEvents.HANDSHAKE_ESCALATED)).isEmpty();
        String sendingSecretary = tokens.forRole(Roles.SECRETARY, s.sending());
        handshakes(sendingSecretary, s.sending(), "sending", "2026-10-15T12:00:00+08:00")
                .body("items[0].state", equalTo("OVERDUE")).body("items[0].daysOverdue", equalTo(14));

        scan("2026-10-16T00:00:00+08:00");
        scan("2026-10-20T00:00:00+08:00");
        List<ConsumerRecord<String, String>> escalations = ofType(member, MemberEvents.HANDSHAKE_ESCALATED);
        assertThat(escalations).hasSize(1);
        JsonNode escalated = KafkaEvents.payload(escalations.get(0));
        assertThat(escalated.get("kind").asText()).isEqualTo("OUTFLOW");
        assertThat(escalated.get("superiorOrgId").asText()).isEqualTo(s.committee().toString());
        assertThat(escalated.get("dueAt").asText()).isEqualTo("2026-10-01");
        assertThat(escalated.get("grace").asText()).isEqualTo("P14D");
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, s.committee())).queryParam("state", "escalated")
                .queryParam("asOf", "2026-10-20T00:00:00+08:00").get("/api/v1/orgs/{id}/handshakes", s.committee()).then()
                .statusCode(200).body("items.id", contains(outflow)).body("items[0].daysOverdue", equalTo(19));
    }

    @Test
    void anOutflowWhoseDestinationOrgIsUnknownIsRemindedAndEscalatedWithTheDestinationPlace() {
        Sides s = sides();
        UUID member = fixtures.member(s.sending(), "范流动");
        String outflow = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("""
                {"nature": "TEMPORARY", "leftAt": "2026-09-01", "phone": "13512345679", "wechat": "yiwu_wx",
                 "destination": {"place": "浙江省义乌市", "workUnit": "小商品城"},
                 "backupContact": {"name": "王芳", "relation": "配偶", "phone": "13698765432"}}
                """).post("/api/v1/members/{id}/outflows", member).then().statusCode(201).extract().path("id");

        scan("2026-10-02T00:00:00+08:00");
        scan("2026-10-16T00:00:00+08:00");

        for (String type : List.of(MemberEvents.REPORT_IN_OVERDUE, MemberEvents.HANDSHAKE_ESCALATED)) {
            List<ConsumerRecord<String, String>> records = ofType(member, type);
            assertThat(records).as(type).hasSize(1);
            KafkaEvents.assertValidEnvelope(records.get(0)); // the contract holds without a receiving org
            JsonNode payload = KafkaEvents.payload(records.get(0));
            assertThat(payload.get("outflowId").asText()).isEqualTo(outflow);
            assertThat(payload.has("receivingOrg")).as(type).isFalse();
            assertThat(payload.get("destinationPlace").asText()).isEqualTo("浙江省义乌市");
        }
    }

    @Test
    void theReceivingOrgConfirmsTheReportInAfterTheReminderWhichEndsItAndIsAudited() {
        Sides s = sides();
        UUID member = fixtures.member(s.sending(), "江报到");
        String outflow = registerOutflow(member, s.receiving(), "2026-08-01");
        scan("2026-09-05T00:00:00+08:00");
        assertThat(ofType(member, MemberEvents.REPORT_IN_OVERDUE)).hasSize(1);

        // someone of neither side may not confirm it
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, s.elsewhere())).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/members/{m}/outflows/{o}/report-in", member, outflow).then().statusCode(404);
        String receivingSecretary = tokens.forRole(Roles.SECRETARY, s.receiving());
        given().auth().oauth2(receivingSecretary).contentType(ContentType.JSON)
                .body("{\"reportedInAt\": \"2026-09-06T02:00:00Z\"}")
                .post("/api/v1/members/{m}/outflows/{o}/report-in", member, outflow).then().statusCode(200)
                .body("status", equalTo("REPORTED_IN")).body("reportInDueAt", equalTo("2026-09-01"));
        events.await("member.events", MemberEvents.MEMBER_REPORTED_IN, member);

        scan("2026-09-30T00:00:00+08:00");
        assertThat(ofType(member, MemberEvents.HANDSHAKE_ESCALATED)).isEmpty();
        assertThat(ofType(member, MemberEvents.REPORT_IN_OVERDUE)).hasSize(1);
        for (UUID side : List.of(s.sending(), s.receiving())) {
            handshakes(tokens.forRole(Roles.SECRETARY, side), side, null, "2026-09-30T00:00:00+08:00")
                    .body("items.find { it.id == '%s' }.state".formatted(outflow), equalTo("CONFIRMED"))
                    .body("items.find { it.id == '%s' }.daysOverdue".formatted(outflow), equalTo(0));
        }
        given().auth().oauth2(tokens.forRole(Roles.AUDITOR, s.receiving())).get("/api/v1/audit/handshake-confirmations")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].subjectId", equalTo(outflow))
                .body("items[0].kind", equalTo("OUTFLOW")).body("items[0].reminded", equalTo(true))
                .body("items[0].escalated", equalTo(false)).body("items[0].dueAt", equalTo("2026-09-01"))
                .body("items[0].receivingOrgId", equalTo(s.receiving().toString()))
                .body("items[0].confirmedBy", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        given().auth().oauth2(tokens.forRole(Roles.AUDITOR, s.elsewhere())).get("/api/v1/audit/handshake-confirmations")
                .then().statusCode(200).body("items.subjectId", org.hamcrest.Matchers.not(hasItem(outflow)));
    }

    @Test
    void anIssuedTransferTellsTheReceivingBranchAndAReceiptBeforeTheDueDayLeavesNoReminder() {
        Sides s = sides();
        UUID onTime = fixtures.member(s.sending(), "按时转");
        UUID late = fixtures.member(s.sending(), "逾期转");
        String sending = tokens.forRole(Roles.SECRETARY, s.sending());
        String onTimeTransfer = issue(sending, onTime, s.receiving(), "2026-05-01");
        String lateTransfer = issue(sending, late, s.receiving(), "2026-05-01");

        JsonNode issued = KafkaEvents.payload(events.await("member.events", MemberEvents.TRANSFER_ISSUED, onTime));
        assertThat(issued.get("transferId").asText()).isEqualTo(onTimeTransfer);
        assertThat(issued.get("toOrgId").asText()).isEqualTo(s.receiving().toString());
        assertThat(issued.get("dueAt").asText()).isEqualTo("2026-08-01");
        assertThat(issued.get("validity").asText()).isEqualTo("P3M");

        String receiving = tokens.forRole(Roles.SECRETARY, s.receiving());
        given().auth().oauth2(receiving).contentType(ContentType.JSON).body("{\"receivedAt\": \"2026-07-20T01:00:00Z\"}")
                .post("/api/v1/transfers/{id}/receipt", onTimeTransfer).then().statusCode(200);
        scan("2026-08-02T00:00:00+08:00");
        scan("2026-08-16T00:00:00+08:00");

        assertThat(ofType(onTime, MemberEvents.TRANSFER_RECEIPT_OVERDUE)).isEmpty();
        assertThat(ofType(onTime, MemberEvents.HANDSHAKE_ESCALATED)).isEmpty();
        assertThat(ofType(late, MemberEvents.TRANSFER_RECEIPT_OVERDUE)).hasSize(1);
        JsonNode escalated = KafkaEvents.payload(ofType(late, MemberEvents.HANDSHAKE_ESCALATED).get(0));
        assertThat(escalated.get("kind").asText()).isEqualTo("TRANSFER");
        assertThat(escalated.get("transferId").asText()).isEqualTo(lateTransfer);
        assertThat(escalated.get("superiorOrgId").asText()).isEqualTo(s.committee().toString());
        assertThat(escalated.get("receivingOrg").get("orgId").asText()).isEqualTo(s.receiving().toString());

        handshakes(receiving, s.receiving(), "receiving", "2026-08-16T00:00:00+08:00").statusCode(200)
                .body("total", equalTo(2))
                .body("items.find { it.id == '%s' }.state".formatted(onTimeTransfer), equalTo("CONFIRMED"))
                .body("items.find { it.id == '%s' }.state".formatted(lateTransfer), equalTo("ESCALATED"))
                .body("items.find { it.id == '%s' }.kind".formatted(lateTransfer), equalTo("TRANSFER"));
        given().auth().oauth2(tokens.forRole(Roles.AUDITOR, s.committee())).get("/api/v1/audit/handshake-confirmations")
                .then().statusCode(200).body("items.subjectId", contains(onTimeTransfer))
                .body("items[0].reminded", equalTo(false));
    }

    @Test
    void theHandshakeListIsTheCallersSubtreeAndRefusesBadParametersByName() {
        Sides s = sides();
        String elsewhere = tokens.forRole(Roles.SECRETARY, s.elsewhere());
        given().auth().oauth2(elsewhere).get("/api/v1/orgs/{id}/handshakes", s.sending()).then().statusCode(404);
        String secretary = tokens.forRole(Roles.SECRETARY, s.sending());
        given().auth().oauth2(secretary).queryParam("side", "upstream").get("/api/v1/orgs/{id}/handshakes", s.sending())
                .then().statusCode(400).body("errors.field", hasItem("side"));
        given().auth().oauth2(secretary).queryParam("state", "LOST").get("/api/v1/orgs/{id}/handshakes", s.sending())
                .then().statusCode(400).body("errors.field", hasItem("state"));
        given().auth().oauth2(secretary).queryParam("asOf", "yesterday").get("/api/v1/orgs/{id}/handshakes", s.sending())
                .then().statusCode(400).body("errors.field", hasItem("asOf"));
        given().auth().oauth2(tokens.forRole(Roles.LIAISON, s.sending())).get("/api/v1/orgs/{id}/handshakes", s.sending())
                .then().statusCode(403);
    }

    private String registerOutflow(UUID member, UUID receivingOrg, String leftAt) {
        String body = """
                {"nature": "TEMPORARY", "leftAt": "%s", "phone": "13512345678", "wechat": "flow_wx",
                 "destination": {"place": "广东省深圳市南山区"},
                 "receivingOrg": {"orgId": "%s", "name": "流入支部", "contactName": "刘书记", "contactPhone": "0755-12345678"},
                 "backupContact": {"name": "王芳", "relation": "配偶", "phone": "13698765432"}}
                """.formatted(leftAt, receivingOrg);
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/members/{id}/outflows", member).then().statusCode(201).extract().path("id");
    }

    private String issue(String token, UUID member, UUID to, String issuedAt) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"memberId": "%s", "toOrgId": "%s", "crossProvince": false, "issuedAt": "%s"}
                """.formatted(member, to, issuedAt)).post("/api/v1/transfers").then().statusCode(201).extract().path("id");
    }

    private ValidatableResponse handshakes(String token, UUID org, String side, String asOf) {
        var request = given().auth().oauth2(token).queryParam("asOf", asOf).queryParam("size", 200);
        if (side != null) {
            request.queryParam("side", side);
        }
        return request.get("/api/v1/orgs/{id}/handshakes", org).then().statusCode(200);
    }

    private void scan(String asOf) {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"asOf\": \"" + asOf + "\"}")
                .post("/api/v1/scans").then().statusCode(200);
    }

    /** Events of a type about a member, read after the outbox has drained what the scans wrote. */
    private List<ConsumerRecord<String, String>> ofType(UUID member, String type) {
        UUID marker = fixtures.member(fixtures.committeeWithBranch()[1], "标记");
        events.await("member.events", MemberEvents.MEMBER_REGISTERED, marker);
        Set<String> seen = new HashSet<>();
        return events.all("member.events").stream()
                .filter(r -> r.key().equals(member.toString()) && type.equals(KafkaEvents.header(r, "ce_type")))
                .filter(r -> seen.add(KafkaEvents.header(r, "ce_id")))
                .toList();
    }
}
