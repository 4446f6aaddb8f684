package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;

/** The overdue work list and the compliance figures, as of 1 May 2024, over a committee with two branches. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class WorklistTest {

    private static final String AS_OF = "2024-05-01T00:00:00+08:00";

    @Inject
    World world;

    UUID committee;
    UUID branchA;
    UUID branchB;
    UUID lost;
    UUID inContact;
    UUID overdue;
    UUID uncontrolled;
    UUID due;
    UUID liaison = UUID.randomUUID();

    @BeforeEach
    void aCommitteeWithOneMemberInEachState() {
        committee = world.committee();
        branchA = world.branch(committee, "A支部");
        branchB = world.branch(committee, "B支部");
        lost = world.register(branchA, "2023-12-10T09:00:00+08:00");        // lost since 10 April (P4M)
        inContact = world.register(branchA, "2024-01-10T09:00:00+08:00");
        world.reached(inContact, "2024-04-20T10:00:00+08:00", "PHONE");
        overdue = flowMember(branchB, "2024-03-01", true, "2024-03-20T10:00:00+08:00");   // liaison due 20 April
        world.assignLiaison(overdue, branchB, liaison);
        uncontrolled = flowMember(branchB, "2024-03-25", false, "2024-03-20T10:00:00+08:00"); // 失控 since 25 April
        due = flowMember(branchB, "2024-03-01", true, "2024-03-28T10:00:00+08:00");        // liaison due 28 April
    }

    private UUID flowMember(UUID branch, String leftAt, boolean reportedIn, String reachedAt) {
        UUID member = world.register(branch, "2024-01-10T09:00:00+08:00");
        world.reached(member, reachedAt, "PHONE");
        UUID outflow = world.flowOut(member, branch, leftAt);
        if (reportedIn) {
            world.reportIn(member, branch, outflow, leftAt + "T20:00:00+08:00");
        }
        return member;
    }

    @Test
    void listsWhoToContactMostUrgentFirstWithReasonAndDaysOverdue() {
        given().auth().oauth2(world.tokens.admin()).queryParam("orgId", committee).queryParam("asOf", AS_OF)
                .get("/api/v1/worklists/overdue").then()
                .statusCode(200)
                .body("total", equalTo(4))
                .body("items.memberId", contains(lost.toString(), uncontrolled.toString(), overdue.toString(),
                        due.toString()))
                .body("items.state", contains("LOST_SUSPECTED", "UNCONTROLLED", "OVERDUE", "DUE"))
                .body("items.reason", contains("LOST", "UNCONTROLLED", "LIAISON_MONTHLY", "LIAISON_MONTHLY"))
                .body("items.daysOverdue", contains(21, 6, 11, 3))
                .body("items[2].liaisonName", equalTo("陈联络"));
    }

    @Test
    void filtersByStateAndLiaisonAndKeepsToTheCallersSubtree() {
        given().auth().oauth2(world.tokens.admin()).queryParam("orgId", committee).queryParam("asOf", AS_OF)
                .queryParam("state", "OVERDUE").get("/api/v1/worklists/overdue").then()
                .statusCode(200).body("items.memberId", contains(overdue.toString()));
        given().auth().oauth2(world.tokens.admin()).queryParam("orgId", committee).queryParam("asOf", AS_OF)
                .queryParam("liaisonId", liaison).get("/api/v1/worklists/overdue").then()
                .statusCode(200).body("items.memberId", contains(overdue.toString()));
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branchA)).queryParam("asOf", AS_OF)
                .get("/api/v1/worklists/overdue").then()
                .statusCode(200).body("items.memberId", contains(lost.toString()));
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branchA)).queryParam("orgId", branchB)
                .get("/api/v1/worklists/overdue").then().statusCode(404);
        given().auth().oauth2(world.tokens.admin()).queryParam("state", "SLEEPING")
                .get("/api/v1/worklists/overdue").then().statusCode(400).body("errors[0].field", equalTo("state"));
    }

    @Test
    void listsAReachableMemberAbsentFromOrgLifeAndDuesAfterTheLostAndOverdueWithAdviceToTalkNotSearch() {
        UUID otherCommittee = world.committee();
        UUID branch = world.branch(otherCommittee, "C支部");
        UUID lostToo = world.register(branch, "2023-12-10T09:00:00+08:00");
        UUID absent = world.register(branch, "2023-10-01T09:00:00+08:00"); // no org life nor dues since: 1 April
        world.reached(absent, "2024-04-20T10:00:00+08:00", "PHONE");
        UUID overdueToo = world.register(branch, "2024-01-10T09:00:00+08:00");

        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branch)).queryParam("asOf", AS_OF)
                .get("/api/v1/worklists/overdue").then()
                .statusCode(200)
                .body("items.memberId", contains(lostToo.toString(), overdueToo.toString(), absent.toString()))
                .body("items.state", contains("LOST_SUSPECTED", "OVERDUE", "SELF_WITHDRAWAL_SUSPECTED"))
                .body("items[2].reason", equalTo("DUES_ABSENCE"))
                .body("items[2].daysOverdue", equalTo(30))
                .body("items[2].advice", containsString("reachable but absent: talk to them, do not search for them"))
                .body("items[0].advice", containsString("start the search"));
        given().auth().oauth2(world.tokens.admin()).queryParam("orgId", otherCommittee).queryParam("asOf", AS_OF)
                .queryParam("state", "SELF_WITHDRAWAL_SUSPECTED").get("/api/v1/worklists/overdue").then()
                .statusCode(200).body("total", equalTo(1)).body("items.memberId", contains(absent.toString()));
        world.status(absent, AS_OF).body("state", equalTo("SELF_WITHDRAWAL_SUSPECTED"));
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", AS_OF)
                .get("/api/v1/orgs/{id}/compliance", branch).then()
                .statusCode(200)
                .body("subtree.members", equalTo(3))
                .body("subtree.selfWithdrawalSuspected", equalTo(1))
                .body("subtree.lostSuspected", equalTo(1))
                .body("subtree.overdue", equalTo(1))
                .body("subtree.contactRate", equalTo(0.6667f));
    }

    @Test
    void countsComplianceForTheSubtreeAndEachDirectChild() {
        given().auth().oauth2(world.tokens.forRole(Roles.ORG_ADMIN, committee)).queryParam("asOf", AS_OF)
                .get("/api/v1/orgs/{id}/compliance", committee).then()
                .statusCode(200)
                .body("subtree.members", equalTo(5))
                .body("subtree.inContact", equalTo(1))
                .body("subtree.due", equalTo(1))
                .body("subtree.overdue", equalTo(1))
                .body("subtree.uncontrolled", equalTo(1))
                .body("subtree.lostSuspected", equalTo(1))
                .body("subtree.contactRate", equalTo(0.6f))
                .body("children", hasSize(2))
                .body("children[0].name", equalTo("A支部"))
                .body("children[0].members", equalTo(2))
                .body("children[0].lostSuspected", equalTo(1))
                .body("children[1].members", equalTo(3))
                .body("children[1].uncontrolled", equalTo(1));
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branchA))
                .get("/api/v1/orgs/{id}/compliance", committee).then().statusCode(404);
    }
}
