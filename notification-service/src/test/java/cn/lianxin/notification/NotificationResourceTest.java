package cn.lianxin.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.notification.support.NotificationTestSupport;
import cn.lianxin.notification.support.Payloads;
import cn.lianxin.notification.support.PeersTestResource;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;

/** GET /api/v1/notifications(/{id}): filters, paging, and the caller's subtree only (404 outside it). */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@WithTestResource(PeersTestResource.class)
class NotificationResourceTest extends NotificationTestSupport {

    @Test
    void callersSeeNotificationsOfTheirSubtreeOnly() {
        Tree mine = tree();
        Tree theirs = tree();
        UUID member = member(mine, "赵党员", mobile(), null, null);
        UUID caseId = UUID.randomUUID();
        UUID event = publish("lianxin.case.CaseOpened.v1", member, Payloads.caseOpened(caseId, member, mine.branch()));
        awaitHeldThenCloseWindow(event, 1);
        Row row = awaitDelivered(event, "SMS");

        for (String token : new String[] { tokens.forRole(Roles.SECRETARY, mine.branch()),
                tokens.forRole(Roles.ORG_ADMIN, mine.root()), tokens.forRole(Roles.AUDITOR, mine.root()), tokens.admin() }) {
            given().auth().oauth2(token).queryParam("memberId", member).get("/api/v1/notifications").then()
                    .statusCode(200)
                    .body("total", equalTo(1))
                    .body("items[0].id", equalTo(row.id().toString()))
                    .body("items[0].caseId", equalTo(caseId.toString()))
                    .body("items[0].recipient.role", equalTo("SECRETARY"))
                    .body("items[0].recipient.maskedAddress", startsWith(mine.branchSecretary().phone().substring(0, 3) + "****"));
            given().auth().oauth2(token).get("/api/v1/notifications/{id}", row.id()).then()
                    .statusCode(200)
                    .body("deliveryAttempts", hasSize(1));
        }

        String outsider = tokens.forRole(Roles.SECRETARY, theirs.branch());
        given().auth().oauth2(outsider).get("/api/v1/notifications/{id}", row.id()).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(outsider).queryParam("memberId", member).get("/api/v1/notifications").then()
                .statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, theirs.root()))
                .post("/api/v1/notifications/{id}/retry", row.id()).then().statusCode(404);
        given().auth().oauth2(tokens.forRole(Roles.MEMBER, mine.branch())).get("/api/v1/notifications").then()
                .statusCode(403);
        given().get("/api/v1/notifications").then().statusCode(401);
    }

    @Test
    void filtersByCaseRecipientAndStatusAndPages() {
        Tree tree = tree();
        UUID member = member(tree, "钱党员", mobile(), null, null);
        UUID caseId = UUID.randomUUID();
        UUID event = publish("lianxin.case.StandingActionProposed.v1", member,
                Payloads.standingActionProposed(caseId, member, tree.branch(), tree.root()));
        awaitNotifications(event, 2, r -> r.status().equals("DELIVERED"));
        String admin = tokens.admin();

        given().auth().oauth2(admin).queryParam("caseId", caseId).get("/api/v1/notifications").then()
                .statusCode(200).body("total", equalTo(2)).body("items.templateKey", everyItem(equalTo("standing-action-proposed")));
        given().auth().oauth2(admin).queryParam("caseId", caseId).queryParam("recipient", tree.root().toString())
                .get("/api/v1/notifications").then()
                .body("total", equalTo(1)).body("items[0].recipient.orgId", equalTo(tree.root().toString()));
        given().auth().oauth2(admin).queryParam("caseId", caseId).queryParam("recipient", tree.branchSecretary().phone())
                .get("/api/v1/notifications").then()
                .body("total", equalTo(1)).body("items[0].recipient.orgId", equalTo(tree.branch().toString()));
        given().auth().oauth2(admin).queryParam("caseId", caseId).queryParam("status", "FAILED")
                .get("/api/v1/notifications").then().body("total", equalTo(0));
        given().auth().oauth2(admin).queryParam("caseId", caseId).queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/notifications").then()
                .body("total", equalTo(2)).body("items", hasSize(1)).body("page", equalTo(1)).body("size", equalTo(1));
    }

    @Test
    void badFiltersAreRefusedNamingTheField() {
        String admin = tokens.admin();
        given().auth().oauth2(admin).queryParam("memberId", "not-a-uuid").get("/api/v1/notifications").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("memberId"));
        given().auth().oauth2(admin).queryParam("status", "LOST").get("/api/v1/notifications").then()
                .statusCode(400).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(admin).queryParam("size", 1000).get("/api/v1/notifications").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/v1/notifications/{id}", UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }
}
