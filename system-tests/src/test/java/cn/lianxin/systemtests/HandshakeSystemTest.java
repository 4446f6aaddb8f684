package cn.lianxin.systemtests;

import static cn.lianxin.systemtests.Actors.SHANGHAI;
import static cn.lianxin.systemtests.Actors.org;
import static cn.lianxin.systemtests.Actors.person;
import static cn.lianxin.systemtests.LianxinSystem.MEMBER;
import static cn.lianxin.systemtests.LianxinSystem.admin;
import static cn.lianxin.systemtests.LianxinSystem.api;
import static cn.lianxin.systemtests.LianxinSystem.events;
import static cn.lianxin.systemtests.LianxinSystem.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.path.json.JsonPath;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.systemtests.Actors.Person;
import cn.lianxin.testing.KafkaEvents;

/**
 * The two-sided handshake across the services: a member flows out to a branch of this system, which is told (its
 * secretary's phone); nobody confirms the report-in (报到), so the day after it was due the member scan reminds both
 * branches (ReportInOverdue), and a fortnight later tells the sending branch's superior committee (HandshakeEscalated).
 * A transfer whose receipt (回执) the receiving branch confirms in time is never reminded nor escalated.
 */
@ExtendWith(LianxinSystem.class)
class HandshakeSystemTest {

    @Test
    void anUnconfirmedReportInRemindsBothSidesThenTheSuperiorWhileAReceiptConfirmedInTimeIsLeftAlone() {
        Instant start = Actors.nextOfficeMorning();
        LianxinSystem.travelTo(start);
        LocalDate today = start.atZone(SHANGHAI).toLocalDate();
        Person committeeSecretary = person("书记");
        Person sendingSecretary = person("书记");
        Person receivingSecretary = person("书记");
        UUID committee = org(null, "COMMITTEE", "中共握手镇委员会", committeeSecretary);
        UUID sending = org(committee, "BRANCH", "握手镇东村支部", sendingSecretary);
        UUID receiving = org(committee, "BRANCH", "握手镇新区流动党员支部", receivingSecretary);
        UUID flowing = Actors.member(sending, "魏远行", "FULL");
        UUID transferred = Actors.member(sending, "蒋迁居", "FULL");

        // The outflow names the receiving branch: it hears of the member it is to receive.
        Map<String, Object> outflow = new LinkedHashMap<>();
        outflow.put("nature", "TEMPORARY");
        outflow.put("leftAt", today.toString());
        outflow.put("phone", person("").phone());
        outflow.put("wechat", "wx_weiyuanxing");
        outflow.put("destination", Map.of("place", "江苏省苏州市工业园区"));
        outflow.put("receivingOrg", Map.of("orgId", receiving, "name", "握手镇新区流动党员支部",
                "contactName", receivingSecretary.name(), "contactPhone", receivingSecretary.phone()));
        outflow.put("backupContact", Map.of("name", "魏母", "relation", "母亲", "phone", person("").phone()));
        String outflowId = api(MEMBER, admin()).body(outflow).post("/api/v1/members/{id}/outflows", flowing).then()
                .statusCode(201).extract().path("id");
        LocalDate reportInDue = today.plusMonths(1);

        // The transfer letter: the receiving branch is told, and confirms the receipt a few days later.
        String transfer = api(MEMBER, tokenFor(Roles.SECRETARY, sending))
                .body(Map.of("memberId", transferred, "toOrgId", receiving, "crossProvince", false,
                        "issuedAt", today.toString()))
                .post("/api/v1/transfers").then().statusCode(201).extract().path("id");
        JsonNode issued = KafkaEvents.payload(events().await("member.events", "lianxin.member.TransferIssued.v1", transferred));
        assertThat(issued.path("toOrgId").asText()).isEqualTo(receiving.toString());
        Inboxes.awaitHeldSms(receivingSecretary.phone(), "member-flowed-out.receiving-org", "魏远行");
        Inboxes.awaitSms(receivingSecretary.phone(), "transfer-issued", "蒋迁居", today.plusMonths(3).toString());
        LianxinSystem.travelTo(LianxinSystem.now().plusSeconds(3600));
        api(MEMBER, tokenFor(Roles.SECRETARY, receiving)).body(Map.of()).post("/api/v1/transfers/{id}/receipt", transfer)
                .then().statusCode(200);

        // The day after the report-in was due, unconfirmed: both branches are reminded.
        memberScanAt(reportInDue.plusDays(1));
        JsonNode reminder = KafkaEvents.payload(events().await("member.events", "lianxin.member.ReportInOverdue.v1", flowing));
        assertThat(reminder.path("outflowId").asText()).isEqualTo(outflowId);
        Inboxes.awaitHeldSms(sendingSecretary.phone(), "report-in-overdue", "魏远行");
        Inboxes.awaitSms(receivingSecretary.phone(), "report-in-overdue", "魏远行");
        JsonPath seen = api(MEMBER, tokenFor(Roles.SECRETARY, receiving)).queryParam("side", "receiving")
                .get("/api/v1/orgs/{id}/handshakes", receiving).then().statusCode(200).extract().jsonPath();
        assertThat(seen.getString("items.find { it.id == '%s' }.state".formatted(outflowId))).isEqualTo("OVERDUE");
        assertThat(seen.getString("items.find { it.id == '%s' }.state".formatted(transfer))).isEqualTo("CONFIRMED");

        // A grace later, still unconfirmed: the sending branch's superior committee is told, once.
        memberScanAt(reportInDue.plusDays(15));
        memberScanAt(reportInDue.plusDays(16));
        JsonNode escalated = KafkaEvents.payload(events().await("member.events", "lianxin.member.HandshakeEscalated.v1", flowing));
        assertThat(escalated.path("superiorOrgId").asText()).isEqualTo(committee.toString());
        Inboxes.awaitHeldSms(committeeSecretary.phone(), "handshake-escalated", "魏远行");
        assertThat(events().all("member.events")).filteredOn(about("HandshakeEscalated", flowing)).hasSize(1);

        // The transfer's due day and grace pass: its receipt came back in time, so nobody is reminded of it.
        LocalDate receiptDue = today.plusMonths(3);
        memberScanAt(receiptDue.plusDays(16));
        Actors.member(sending, "郑标记", "FULL"); // registered after the scan: once it is out, so is what the scan wrote
        assertThat(events().all("member.events")).filteredOn(about("TransferReceiptOverdue", transferred)).isEmpty();
        assertThat(events().all("member.events")).filteredOn(about("HandshakeEscalated", transferred)).isEmpty();
        assertThat(events().all("member.events")).filteredOn(about("ReportInOverdue", flowing)).hasSize(1);
    }

    /** Moves the clocks to 10:00 of {@code day} and runs member-service's scan, as its schedule does. */
    private static void memberScanAt(LocalDate day) {
        Instant at = day.atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant();
        LianxinSystem.travelTo(at);
        api(MEMBER, admin()).body(Map.of("asOf", at.toString())).post("/api/v1/scans").then().statusCode(200);
    }

    private static Predicate<ConsumerRecord<String, String>> about(String name, UUID member) {
        return r -> ("lianxin.member." + name + ".v1").equals(KafkaEvents.header(r, "ce_type"))
                && member.toString().equals(r.key());
    }
}
