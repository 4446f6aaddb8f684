package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;

/**
 * 流失风险 over the real broker and database, as of 25 November 2026: each signal read from the contact log, the
 * projection and the consumed events, explained in words; the at-risk list of a subtree, highest first, without the
 * members already lost; subtree and liaison scope; bad input.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RiskTest {

    private static final String AS_OF = "2026-11-25T12:00:00+08:00";
    private static final String REGISTERED = "2026-01-05T09:00:00+08:00";

    @Inject
    World world;

    UUID committee;
    UUID branchA;
    UUID branchB;
    UUID drifting;   // every signal
    UUID steady;     // reached last week, as usual
    UUID lost;       // T5 has fired: on the lost work list, not this one
    UUID quiet;      // silent for more than two rhythms, one unanswered call
    UUID liaison = UUID.randomUUID();

    @BeforeEach
    void aCommitteeWithMembersOfEveryKind() {
        committee = world.committee();
        branchA = world.branch(committee, "风险A支部");
        branchB = world.branch(committee, "风险B支部");

        drifting = world.register(branchA, REGISTERED);
        for (String day : new String[] { "07-01", "07-31", "08-30", "09-29" }) {
            world.reached(drifting, "2026-" + day + "T10:00:00+08:00", "PHONE");
        }
        world.contact(drifting, "2026-11-10T10:00:00+08:00", "PHONE", "NOT_REACHED").statusCode(201);
        world.contact(drifting, "2026-11-20T10:00:00+08:00", "PHONE", "NOT_REACHED").statusCode(201);
        world.flowOut(drifting, branchA, "2026-10-01");
        world.assignLiaison(drifting, branchA, liaison);
        world.transferReceiptOverdue(drifting, branchA, UUID.randomUUID(), "2026-11-01");
        world.notificationFailed(drifting, branchA, "MEMBER", "INVALID_ADDRESS", "SMS", "2026-11-15T10:00:00+08:00");
        world.notificationFailed(drifting, branchA, "LIAISON", "INVALID_ADDRESS", "SMS", "2026-11-15T11:00:00+08:00");
        world.notificationFailed(drifting, branchA, "MEMBER", "TIMEOUT", "WECHAT", "2026-11-15T12:00:00+08:00");
        world.followUpMissed(drifting, branchA, UUID.randomUUID(), 2, "2026-10-20T09:00:00+08:00");

        steady = world.register(branchA, REGISTERED);
        for (String day : new String[] { "09-20", "10-20", "11-20" }) {
            world.reached(steady, "2026-" + day + "T10:00:00+08:00", "ORG_LIFE");
        }

        lost = world.register(branchA, REGISTERED);
        world.reached(lost, "2026-06-01T10:00:00+08:00", "PHONE");
        world.contact(lost, "2026-11-01T10:00:00+08:00", "PHONE", "NOT_REACHED").statusCode(201);

        quiet = world.register(branchB, REGISTERED);
        for (String day : new String[] { "06-15", "07-15", "08-15", "09-15" }) {
            world.reached(quiet, "2026-" + day + "T10:00:00+08:00", "WECHAT");
        }
        world.contact(quiet, "2026-11-01T10:00:00+08:00", "PHONE", "NOT_REACHED").statusCode(201);
    }

    @Test
    void explainsEachSignalOfAMemberWithItsPointsInWords() {
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", AS_OF)
                .get("/api/v1/members/{id}/risk", drifting).then()
                .statusCode(200)
                .body("score", equalTo(79))
                .body("threshold", equalTo(30))
                .body("atRisk", equalTo(true))
                .body("lost", equalTo(false))
                .body("overdue", equalTo(false))
                .body("silentDays", equalTo(57))
                .body("rhythmDays", equalTo(30))
                .body("contributions.signal", contains("SILENCE", "NOT_REACHED_ATTEMPTS", "FLOWING_WITHOUT_REPORT_IN",
                        "TRANSFER_RECEIPT_OVERDUE", "FAILED_DELIVERIES", "MISSED_FOLLOW_UPS"))
                .body("contributions.points", contains(18, 18, 15, 12, 8, 8))
                .body("contributions.text", contains(
                        "已 57 天未联系上，平常约每 30 天联系上一次，已是 1.9 倍: +18",
                        "60 天内 2 次联系未联系上（电话 2 次）: +18",
                        "外出流动已 55 天，尚未向流入地党组织报到: +15",
                        "组织关系介绍信的回执逾期未回（应于 2026-11-01 前收回）: +12",
                        "90 天内 1 次通知因地址无效或被拒未送达本人（短信 1 次）: +8",
                        "365 天内 1 次回访未按时完成: +8"));
    }

    @Test
    void factsRecordedAfterTheInstantDoNotCountYet() {
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", "2026-10-05T12:00:00+08:00")
                .get("/api/v1/members/{id}/risk", drifting).then()
                .statusCode(200)
                .body("silentDays", equalTo(6))
                // left 1 October; the letter issued on 1 May was in transit, its receipt not yet overdue
                .body("contributions.signal", contains("FLOWING_WITHOUT_REPORT_IN", "TRANSFER_IN_TRANSIT"))
                .body("score", equalTo(21))
                .body("atRisk", equalTo(false));
    }

    @Test
    void theAtRiskListShowsTheMembersNotYetLostAboveTheThresholdHighestFirst() {
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", AS_OF)
                .get("/api/v1/orgs/{id}/at-risk", committee).then()
                .statusCode(200)
                .body("threshold", equalTo(30))
                .body("assessed", equalTo(3))      // the lost member is on the lost work list instead
                .body("atRisk", equalTo(2))
                .body("items.memberId", contains(drifting.toString(), quiet.toString()))
                .body("items.score", contains(79, 35))
                .body("items[0].liaisonName", equalTo("陈联络"))
                .body("items[1].contributions.text", contains(
                        "已 71 天未联系上，平常约每 31 天联系上一次，已是 2.3 倍: +26",
                        "60 天内 1 次联系未联系上（电话 1 次）: +9"))
                .body("items.memberId", not(hasItem(lost.toString())));

        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", AS_OF).queryParam("limit", 1)
                .get("/api/v1/orgs/{id}/at-risk", committee).then()
                .statusCode(200).body("atRisk", equalTo(2)).body("items.memberId", contains(drifting.toString()));
    }

    @Test
    void theLostMemberIsExplainedAsLost() {
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", AS_OF)
                .get("/api/v1/members/{id}/risk", lost).then()
                .statusCode(200).body("lost", equalTo(true)).body("overdue", equalTo(true));
    }

    @Test
    void aBranchSeesItsOwnSubtreeOnlyAndALiaisonOnlyTheirOwnMembers() {
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branchB)).queryParam("asOf", AS_OF)
                .get("/api/v1/orgs/{id}/at-risk", branchB).then()
                .statusCode(200).body("items.memberId", contains(quiet.toString()));
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branchB)).queryParam("asOf", AS_OF)
                .get("/api/v1/orgs/{id}/at-risk", committee).then().statusCode(404);
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branchB)).queryParam("asOf", AS_OF)
                .get("/api/v1/members/{id}/risk", drifting).then().statusCode(404);

        String liaisonToken = world.tokens.forMember(Roles.LIAISON, committee, liaison);
        given().auth().oauth2(liaisonToken).queryParam("asOf", AS_OF)
                .get("/api/v1/orgs/{id}/at-risk", committee).then()
                .statusCode(200).body("items.memberId", contains(drifting.toString()));
        given().auth().oauth2(liaisonToken).queryParam("asOf", AS_OF)
                .get("/api/v1/members/{id}/risk", quiet).then().statusCode(404);
        given().auth().oauth2(liaisonToken).queryParam("liaisonId", UUID.randomUUID())
                .get("/api/v1/orgs/{id}/at-risk", committee).then().statusCode(403);
    }

    @Test
    void anEarlierLossCountsOnceTheMemberIsReachedAgain() {
        UUID found = world.register(branchB, REGISTERED);
        world.reached(found, "2026-09-01T10:00:00+08:00", "PHONE");
        UUID caseId = world.openCase(found, branchB);
        world.reached(found, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.ofHours(8))), "VISIT");
        world.closeCase(caseId, found, branchB);

        given().auth().oauth2(world.tokens.admin())
                .get("/api/v1/members/{id}/risk", found).then()
                .statusCode(200)
                .body("lost", equalTo(false))
                .body("contributions.signal", contains("PREVIOUS_LOSSES"))
                .body("contributions[0].points", equalTo(12));
    }

    @Test
    void aTransferInTransitCountsUntilItsReceiptComesBack() {
        UUID transfer = UUID.randomUUID();
        world.transferIssued(steady, branchA, branchB, transfer, "2026-11-02", "2027-02-02");
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", AS_OF)
                .get("/api/v1/members/{id}/risk", steady).then()
                .statusCode(200).body("contributions.text",
                        contains("组织关系转接途中：介绍信 2026-11-02 开出，回执尚未收回（2027-02-02 前收回）: +6"));

        world.transferWithin(steady, branchA, branchB, transfer);
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", AS_OF)
                .get("/api/v1/members/{id}/risk", steady).then()
                .statusCode(200).body("contributions", empty());
    }

    @Test
    void anExemptMemberHasNoScore() {
        world.changeStanding(steady, branchA, "ACTIVE", "DECEASED", "2026-11-01T00:00:00+08:00",
                "\"diedOn\": \"2026-10-30\", \"learnedHow\": \"亲属告知\"");
        given().auth().oauth2(world.tokens.admin()).get("/api/v1/members/{id}/risk", steady).then()
                .statusCode(200).body("exempt", equalTo(true)).body("score", equalTo(0))
                .body("contributions", empty());
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        given().auth().oauth2(world.tokens.admin()).queryParam("limit", 0)
                .get("/api/v1/orgs/{id}/at-risk", committee).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("limit"));
        given().auth().oauth2(world.tokens.admin()).queryParam("limit", "many")
                .get("/api/v1/orgs/{id}/at-risk", committee).then()
                .statusCode(400).body("errors.field", containsInAnyOrder("limit"));
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", "yesterday")
                .get("/api/v1/members/{id}/risk", drifting).then()
                .statusCode(400).body("errors.field", containsInAnyOrder("asOf"));
        given().auth().oauth2(world.tokens.admin()).get("/api/v1/orgs/{id}/at-risk", UUID.randomUUID()).then()
                .statusCode(404);
    }
}
