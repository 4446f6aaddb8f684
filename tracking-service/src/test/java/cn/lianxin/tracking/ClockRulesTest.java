package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;

/** T1–T8 through the API and the real broker, at their boundary days (dates in Asia/Shanghai, +08:00). */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ClockRulesTest {

    @Inject
    World world;

    @Test
    void remindsOnTheDayAQuarterlyContactFallsDueEscalatesAfterTheGracePeriodAndOnlyAMonthLaterDeclaresLost() {
        UUID committee = world.committee();
        UUID member = world.register(world.branch(committee, "一支部"), "2024-01-15T10:00:00+08:00");

        assertThat(world.scan(committee, "2024-04-14T23:59:59+08:00").values()).containsOnly(0);
        Map<String, Integer> onTheDay = world.scan(committee, "2024-04-15T00:00:00+08:00");
        assertThat(onTheDay).containsEntry("ContactMissed", 1).containsEntry("LostContactSuspected", 0)
                .containsEntry("DuesArrears", 1);
        assertThat(world.scan(committee, "2024-04-15T00:00:00+08:00").values()).containsOnly(0);
        assertThat(world.scan(committee, "2024-04-18T12:00:00+08:00").values()).containsOnly(0);
        assertThat(world.scan(committee, "2024-04-21T23:59:59+08:00").values()).containsOnly(0);
        assertThat(world.scan(committee, "2024-04-22T00:00:00+08:00")).containsEntry("ContactMissed", 1)
                .containsEntry("LostContactSuspected", 0);
        assertThat(world.scan(committee, "2024-04-23T00:00:00+08:00").values()).containsOnly(0);
        // T5 (P4M): the day before, nobody is lost; on the day, the member is — after the reminder and the escalation
        assertThat(world.scan(committee, "2024-05-14T23:59:59+08:00").values()).containsOnly(0);
        world.status(member, "2024-05-14T23:59:59+08:00").body("state", equalTo("OVERDUE"));
        assertThat(world.scan(committee, "2024-05-15T00:00:00+08:00")).containsEntry("LostContactSuspected", 1);
        world.status(member, "2024-05-15T00:00:00+08:00").body("state", equalTo("LOST_SUSPECTED"));

        JsonNode reminder = payload(awaitEvent(member, "ContactMissed", p -> p.get("level").asText().equals("REMINDER")));
        assertThat(reminder.get("obligation").asText()).isEqualTo("QUARTERLY");
        assertThat(Instant.parse(reminder.get("dueAt").asText())).isEqualTo(World.instant("2024-04-15T00:00:00+08:00"));
        assertThat(reminder.get("daysOverdue").asInt()).isZero();
        JsonNode escalated = payload(awaitEvent(member, "ContactMissed", p -> p.get("level").asText().equals("ESCALATED")));
        assertThat(escalated.get("grace").asText()).isEqualTo("P7D");
        assertThat(escalated.get("daysOverdue").asInt()).isEqualTo(7);
        JsonNode lost = payload(awaitEvent(member, "LostContactSuspected", p -> true));
        assertThat(lost.get("lostSinceBasis").asText()).isEqualTo("REGISTRATION");
        assertThat(Instant.parse(lost.get("lostSince").asText())).isEqualTo(World.instant("2024-01-15T10:00:00+08:00"));
        assertThat(world.outboxCount(member, "ContactMissed")).isEqualTo(2);
        assertThat(world.outboxCount(member, "LostContactSuspected")).isEqualTo(1);
    }

    /** The scan works on slices of the members by id (byte 15, the one ScanStatements takes), side by side. */
    @Test
    void aScanCoversTheMembersOfEverySliceAndSumsWhatEachEmitted() {
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "二支部");
        Map<Integer, Integer> perSlice = new java.util.HashMap<>();
        int members = 0;
        while (perSlice.getOrDefault(0, 0) < 2 || perSlice.getOrDefault(1, 0) < 2) {
            UUID member = world.register(branch, "2024-01-15T10:00:00+08:00");
            perSlice.merge((int) (member.getLeastSignificantBits() & 0xFF) % 2, 1, Integer::sum);
            members++;
        }

        assertThat(world.scan(committee, "2024-04-15T00:00:00+08:00"))
                .containsEntry("ContactMissed", members).containsEntry("DuesArrears", members);
        assertThat(world.scan(committee, "2024-04-15T00:00:00+08:00").values()).containsOnly(0);
        assertThat(world.scan(committee, "2024-05-15T00:00:00+08:00")).containsEntry("LostContactSuspected", members);
    }

    @Test
    void aFlowMemberIsDueForTheLiaisonAndUncontrolledFromShanghaiMidnightOfTheLeapDay() {
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "流动党员支部");
        UUID member = world.register(branch, "2023-12-01T10:00:00+08:00");
        UUID liaison = UUID.randomUUID();
        world.assignLiaison(member, branch, liaison);
        world.flowOut(member, branch, "2024-01-20");
        world.reached(member, "2024-01-31T20:00:00+08:00", "PHONE");

        // one month after 31 January 2024 is 29 February; 00:00 in Shanghai is 16:00 UTC the day before
        assertThat(world.scan(committee, "2024-02-28T15:59:59Z").values()).containsOnly(0);
        assertThat(world.scan(committee, "2024-02-28T16:00:00Z")).containsEntry("ContactMissed", 1)
                .containsEntry("MemberUncontrolled", 1);

        JsonNode missed = payload(awaitEvent(member, "ContactMissed", p -> true));
        assertThat(missed.get("obligation").asText()).isEqualTo("LIAISON_MONTHLY");
        assertThat(missed.get("liaison").get("memberId").asText()).isEqualTo(liaison.toString());
        JsonNode uncontrolled = payload(awaitEvent(member, "MemberUncontrolled", p -> true));
        assertThat(uncontrolled.get("leftAt").asText()).isEqualTo("2024-01-20");
        assertThat(Instant.parse(uncontrolled.get("uncontrolledSince").asText())).isEqualTo(Instant.parse("2024-02-28T16:00:00Z"));
        assertThat(uncontrolled.get("destinationPlace").asText()).isEqualTo("广东省深圳市南山区");
    }

    @Test
    void aReportInCountsAsReachedForTheLiaisonMonthAndEndsUncontrolled() {
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "二支部");
        UUID member = world.register(branch, "2024-01-02T09:00:00+08:00");
        UUID outflow = world.flowOut(member, branch, "2024-01-10");
        world.reportIn(member, branch, outflow, "2024-01-20T10:00:00+08:00");

        // the liaison's month runs from the report-in (20 January), not from leaving (10 January)
        assertThat(world.scan(committee, "2024-02-10T00:00:00+08:00").values()).containsOnly(0);
        world.status(member, "2024-02-10T00:00:00+08:00")
                .body("clocks.find { it.rule == 'LIAISON_MONTHLY' }.startedAt", equalTo("2024-01-20T02:00:00Z"))
                .body("clocks.rule", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("UNCONTROLLED")));
        assertThat(world.scan(committee, "2024-02-19T23:59:59+08:00").values()).containsOnly(0);
        assertThat(world.scan(committee, "2024-02-20T00:00:00+08:00")).containsEntry("ContactMissed", 1)
                .containsEntry("MemberUncontrolled", 0);
    }

    @Test
    void aFlowMemberUncontrolledIsBackUnderControlOnReportingIn() {
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "十支部");
        UUID member = world.register(branch, "2024-01-02T09:00:00+08:00");
        UUID outflow = world.flowOut(member, branch, "2024-01-10");
        assertThat(world.scan(committee, "2024-02-10T00:00:00+08:00")).containsEntry("MemberUncontrolled", 1);
        world.status(member, "2024-02-11T00:00:00+08:00").body("state", equalTo("UNCONTROLLED"));

        world.reportIn(member, branch, outflow, "2024-02-12T10:00:00+08:00");
        world.status(member, "2024-02-13T00:00:00+08:00").body("state", equalTo("IN_CONTACT"))
                .body("clocks.find { it.rule == 'LIAISON_MONTHLY' }.dueAt", equalTo("2024-03-11T16:00:00Z"));
        assertThat(world.scan(committee, "2024-03-11T23:59:59+08:00").values()).containsOnly(0);
    }

    @Test
    void aReachedContactRestoresALostMemberAndRestartsTheClocks() {
        UUID committee = world.committee();
        UUID member = world.register(world.branch(committee, "三支部"), "2024-03-01T09:00:00+08:00");
        assertThat(world.scan(committee, "2024-07-01T00:00:00+08:00")).containsEntry("LostContactSuspected", 1);
        world.status(member, "2024-07-02T00:00:00+08:00").body("state", equalTo("LOST_SUSPECTED"));

        world.reached(member, "2024-07-05T10:00:00+08:00", "VISIT");

        JsonNode restored = payload(awaitEvent(member, "ContactRestored", p -> true));
        assertThat(restored.get("channel").asText()).isEqualTo("VISIT");
        assertThat(restored.get("cleared")).extracting(JsonNode::asText)
                .containsExactly("CONTACT_MISSED", "LOST_CONTACT_SUSPECTED"); // dues arrears need dues
        world.status(member, "2024-07-06T00:00:00+08:00")
                .body("state", equalTo("IN_CONTACT"))
                .body("clocks.find { it.rule == 'QUARTERLY' }.dueAt", equalTo("2024-10-04T16:00:00Z"))
                .body("clocks.find { it.rule == 'DUES_ARREARS' }.status", equalTo("DUE"));
        assertThat(world.scan(committee, "2024-11-04T23:59:59+08:00")).containsEntry("LostContactSuspected", 0);
        assertThat(world.scan(committee, "2024-11-05T00:00:00+08:00")).containsEntry("LostContactSuspected", 1);
        assertThat(world.outboxCount(member, "LostContactSuspected")).isEqualTo(2);
        assertThat(world.outboxCount(member, "ContactRestored")).isEqualTo(1);
    }

    @Test
    void aPastAsOfAnswersAsOfThatInstantNotCountingContactsRecordedLater() {
        UUID committee = world.committee();
        UUID member = world.register(world.branch(committee, "五支部"), "2024-03-01T09:00:00+08:00");
        world.reached(member, "2024-06-05T10:00:00+08:00", "VISIT");
        world.contact(member, "2024-06-07T10:00:00+08:00", "PHONE", "NOT_REACHED").statusCode(201);

        // before the visit of 5 June: the quarter since registration ran out at 00:00 on 1 June, not a second earlier
        world.status(member, "2024-05-31T23:59:59+08:00")
                .body("state", equalTo("IN_CONTACT"))
                .body("clocks.find { it.rule == 'QUARTERLY' }.status", equalTo("RUNNING"));
        world.status(member, "2024-06-01T00:00:00+08:00")
                .body("state", equalTo("DUE"))
                .body("lastReachedAt", equalTo(null))
                .body("lastAttemptAt", equalTo(null))
                .body("clocks.find { it.rule == 'QUARTERLY' }.startedAt", equalTo("2024-03-01T01:00:00Z"))
                .body("clocks.find { it.rule == 'QUARTERLY' }.dueAt", equalTo("2024-05-31T16:00:00Z"))
                .body("clocks.find { it.rule == 'QUARTERLY' }.status", equalTo("DUE"));
        // after it: the clocks restarted from the visit; the failed call of 7 June is the last attempt
        world.status(member, "2024-06-08T00:00:00+08:00")
                .body("state", equalTo("IN_CONTACT"))
                .body("lastReachedAt", equalTo("2024-06-05T02:00:00Z"))
                .body("lastAttemptAt", equalTo("2024-06-07T02:00:00Z"))
                .body("clocks.find { it.rule == 'QUARTERLY' }.startedAt", equalTo("2024-06-05T02:00:00Z"))
                .body("clocks.find { it.rule == 'QUARTERLY' }.status", equalTo("RUNNING"));
    }

    @Test
    void aReachableMemberAbsentFromOrgLifeAndDuesIsSuspectedOfSelfWithdrawalNotLost() {
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "四支部");
        UUID reachable = world.register(branch, "2024-01-10T09:00:00+08:00");
        UUID unreachable = world.register(branch, "2024-01-10T09:00:00+08:00");
        world.reached(reachable, "2024-03-01T10:00:00+08:00", "PHONE");
        world.reached(reachable, "2024-05-01T10:00:00+08:00", "WECHAT");
        world.reached(reachable, "2024-06-20T10:00:00+08:00", "PHONE");

        assertThat(world.scan(committee, "2024-07-09T23:59:59+08:00")).containsEntry("SelfWithdrawalSuspected", 0);
        assertThat(world.scan(committee, "2024-07-10T00:00:00+08:00")).containsEntry("SelfWithdrawalSuspected", 1);
        assertThat(world.scan(committee, "2024-08-10T00:00:00+08:00")).containsEntry("SelfWithdrawalSuspected", 0);

        JsonNode suspected = payload(awaitEvent(reachable, "SelfWithdrawalSuspected", p -> true));
        assertThat(suspected.get("missing")).extracting(JsonNode::asText).containsExactlyInAnyOrder("ORG_LIFE", "DUES");
        assertThat(Instant.parse(suspected.get("since").asText())).isEqualTo(World.instant("2024-01-10T09:00:00+08:00"));
        assertThat(world.outboxCount(reachable, "LostContactSuspected")).isZero();      // R2
        assertThat(world.outboxCount(unreachable, "LostContactSuspected")).isEqualTo(1); // R1
        assertThat(world.outboxCount(unreachable, "SelfWithdrawalSuspected")).isZero();
    }

    @Test
    void duesArrearsFallDueThreeCalendarMonthsAfterAMonthEndPayment() {
        UUID committee = world.committee();
        UUID member = world.register(world.branch(committee, "五支部"), "2024-01-02T09:00:00+08:00");
        world.reached(member, "2024-01-31T12:00:00+08:00", "DUES");

        assertThat(world.scan(committee, "2024-04-29T23:59:59+08:00")).containsEntry("DuesArrears", 0);
        assertThat(world.scan(committee, "2024-04-30T00:00:00+08:00")).containsEntry("DuesArrears", 1);

        JsonNode arrears = payload(awaitEvent(member, "DuesArrears", p -> true));
        assertThat(Instant.parse(arrears.get("lastDuesAt").asText())).isEqualTo(World.instant("2024-01-31T12:00:00+08:00"));
        assertThat(arrears.get("monthsInArrears").asInt()).isEqualTo(3);
        assertThat(arrears.get("threshold").asText()).isEqualTo("P3M");
    }

    @Test
    void aSuspendedMemberIsExemptAndARestoredMembersClocksRestartAtRestoration() {
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "六支部");
        UUID member = world.register(branch, "2024-01-10T09:00:00+08:00");
        world.changeStanding(member, branch, "ACTIVE", "SUSPENDED", "2024-02-01T00:00:00+08:00");

        world.status(member, "2024-05-01T00:00:00+08:00").body("state", equalTo("EXEMPT")).body("clocks", hasSize(0));
        assertThat(world.scan(committee, "2024-08-01T00:00:00+08:00").values()).containsOnly(0);

        world.changeStanding(member, branch, "SUSPENDED", "ACTIVE", "2024-09-01T10:00:00+08:00");
        world.status(member, "2024-09-02T00:00:00+08:00").body("state", equalTo("IN_CONTACT"));
        assertThat(world.scan(committee, "2024-11-30T23:59:59+08:00").values()).containsOnly(0);
        assertThat(world.scan(committee, "2024-12-31T23:59:59+08:00")).containsEntry("LostContactSuspected", 0);
        assertThat(world.scan(committee, "2025-01-01T00:00:00+08:00")).containsEntry("LostContactSuspected", 1);
        JsonNode lost = payload(awaitEvent(member, "LostContactSuspected", p -> true));
        assertThat(Instant.parse(lost.get("lostSince").asText())).isEqualTo(World.instant("2024-09-01T10:00:00+08:00"));
    }

    @Test
    void expelledAndWithdrawnMembersAreExemptFromEveryClockAndActiveAgainRestartsThem() {
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "十一支部");
        UUID expelled = world.register(branch, "2024-01-10T09:00:00+08:00");
        UUID withdrawn = world.register(branch, "2024-01-10T09:00:00+08:00");
        assertThat(world.scan(committee, "2024-04-10T00:00:00+08:00")).containsEntry("ContactMissed", 2);

        world.changeStanding(expelled, branch, "ACTIVE", "EXPELLED", "2024-04-20T00:00:00+08:00",
                "\"approvingOrg\": \"某县纪律检查委员会\", \"recordedBy\": \"secretary-1\"");
        world.changeStanding(withdrawn, branch, "ACTIVE", "WITHDRAWN", "2024-04-20T00:00:00+08:00",
                "\"applicationDate\": \"2024-04-01\"");
        for (UUID member : java.util.List.of(expelled, withdrawn)) {
            world.status(member, "2024-05-01T00:00:00+08:00").body("state", equalTo("EXEMPT")).body("clocks", hasSize(0));
        }
        assertThat(world.scan(committee, "2025-01-01T00:00:00+08:00").values()).containsOnly(0);
        io.restassured.RestAssured.given().auth().oauth2(world.tokens.admin()).queryParam("orgId", committee)
                .queryParam("asOf", "2025-01-01T00:00:00+08:00").get("/api/v1/worklists/overdue").then()
                .statusCode(200).body("total", equalTo(0));

        world.changeStanding(withdrawn, branch, "WITHDRAWN", "ACTIVE", "2025-02-01T10:00:00+08:00",
                "\"approvalRef\": \"县委组织部-2025-3\"");
        world.status(withdrawn, "2025-02-02T00:00:00+08:00").body("state", equalTo("IN_CONTACT"))
                .body("clocks.find { it.rule == 'LOST' }.dueAt", equalTo("2025-05-31T16:00:00Z"));
        world.status(expelled, "2025-02-02T00:00:00+08:00").body("state", equalTo("EXEMPT"));
    }

    @Test
    void selfWithdrawalIsClearedOnlyOnceBothOrgLifeAndDuesAreBack() {
        UUID committee = world.committee();
        UUID member = world.register(world.branch(committee, "七支部"), "2024-01-10T09:00:00+08:00");
        world.reached(member, "2024-06-20T10:00:00+08:00", "PHONE");
        assertThat(world.scan(committee, "2024-07-10T00:00:00+08:00")).containsEntry("SelfWithdrawalSuspected", 1)
                .containsEntry("DuesArrears", 1);

        world.reached(member, "2024-07-12T19:00:00+08:00", "ORG_LIFE");
        assertThat(world.outboxCount(member, "ContactRestored")).isZero(); // still no dues
        world.reached(member, "2024-07-13T09:00:00+08:00", "DUES");

        JsonNode restored = payload(awaitEvent(member, "ContactRestored", p -> true));
        assertThat(restored.get("channel").asText()).isEqualTo("DUES");
        assertThat(restored.get("cleared")).extracting(JsonNode::asText)
                .containsExactly("SELF_WITHDRAWAL_SUSPECTED", "DUES_ARREARS");
        assertThat(world.outboxCount(member, "ContactRestored")).isEqualTo(1);
    }

    @Test
    void aReturnStopsTheFlowClocksAndATransferOutOfTheSystemStopsEveryClock() {
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "八支部");
        UUID other = world.branch(committee, "九支部");
        UUID member = world.register(branch, "2024-01-10T09:00:00+08:00");
        UUID outflow = world.flowOut(member, branch, "2024-02-01");
        world.status(member, "2024-02-02T00:00:00+08:00")
                .body("flowing", equalTo(true)).body("clocks.rule", org.hamcrest.Matchers.hasItem("UNCONTROLLED"));

        world.returned(member, branch, outflow, "2024-02-20T10:00:00+08:00");
        world.status(member, "2024-03-10T00:00:00+08:00")
                .body("flowing", equalTo(false))
                .body("clocks.rule", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("UNCONTROLLED")))
                .body("clocks.rule", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("LIAISON_MONTHLY")));
        assertThat(world.scan(committee, "2024-03-10T00:00:00+08:00").values()).containsOnly(0);

        world.transferWithin(member, branch, other);
        world.status(member, "2024-03-21T00:00:00+08:00").body("orgId", equalTo(other.toString()));
        world.transferOut(member, other);
        world.status(member, "2024-03-21T00:00:00+08:00").body("state", equalTo("EXEMPT")).body("clocks", hasSize(0));
        assertThat(world.scan(committee, "2025-01-01T00:00:00+08:00").values()).containsOnly(0);
    }

    @Test
    void onlyAnAdminRunsScansAndABadAsOfNamesTheField() {
        UUID committee = world.committee();
        io.restassured.RestAssured.given().auth().oauth2(world.tokens.forRole("ORG_ADMIN", committee))
                .contentType("application/json").body(Map.of("asOf", "2024-01-01T00:00:00+08:00"))
                .post("/api/v1/scans").then().statusCode(403);
        io.restassured.RestAssured.given().auth().oauth2(world.tokens.admin())
                .contentType("application/json").body(Map.of("orgId", committee.toString()))
                .post("/api/v1/scans").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        io.restassured.RestAssured.given().auth().oauth2(world.tokens.admin()).queryParam("asOf", "yesterday")
                .get("/api/v1/members/{id}/contact-status", UUID.randomUUID()).then()
                .statusCode(400).body("errors[0].field", equalTo("asOf"));
    }

    private ConsumerRecord<String, String> awaitEvent(UUID member, String name,
            java.util.function.Predicate<JsonNode> match) {
        String type = "lianxin.contact." + name + ".v1";
        return world.events.await(World.CONTACT_EVENTS, r -> type.equals(KafkaEvents.header(r, CloudEventHeaders.TYPE))
                && member.toString().equals(r.key()) && match.test(KafkaEvents.payload(r)));
    }

    private static JsonNode payload(ConsumerRecord<String, String> record) {
        return KafkaEvents.payload(record);
    }
}
