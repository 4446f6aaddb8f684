package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;
import cn.lianxin.testing.ETags;

/**
 * Issue 12 item 7: an AUDITOR (subtree) and an ORG_ADMIN read the audit logs (ID-number reveals and corrections,
 * standing changes, duplicate hits) by org and time range, newest first, paged, never cached and without an ID number.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class AuditTest {

    private static final String AUDIT = "/api/v1/audit/";

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;

    @Test
    void anAuditorReadsTheRevealsCorrectionsAndStandingChangesOfTheSubtreeWithoutAnIdNumber() {
        UUID[] tree = fixtures.committeeWithBranch();
        String wrong = TestIds.fresh();
        UUID member = fixtures.member(tokens.admin(), tree[1], "审计对象", wrong);
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, tree[0]);
        String right = TestIds.fresh();
        given().auth().oauth2(orgAdmin).contentType(ContentType.JSON).body("{\"reason\": \"核对档案\"}")
                .post("/api/v1/members/{id}/id-number/reveal", member).then().statusCode(200);
        given().auth().oauth2(orgAdmin).contentType(ContentType.JSON)
                .body("{\"idNumber\": \"%s\", \"reason\": \"录入错误\"}".formatted(right))
                .header("If-Match", ETags.of(orgAdmin, "/api/v1/members/{id}", member))
                .put("/api/v1/members/{id}/id-number", member).then().statusCode(200);
        given().auth().oauth2(orgAdmin).contentType(ContentType.JSON).body("{\"reason\": \"更正后核对\"}")
                .post("/api/v1/members/{id}/id-number/reveal", member).then().statusCode(200);
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1])).contentType(ContentType.JSON)
                .body(StandingChangeTest.DEATH).post("/api/v1/members/{id}/standing-changes", member).then().statusCode(201);
        String auditor = tokens.forRole(Roles.AUDITOR, tree[0]);

        JsonPath reveals = list(auditor, "id-number-reveals", tree[0]);
        assertThat(reveals.getList("items.reason")).containsExactly("更正后核对", "核对档案"); // newest first
        assertThat(reveals.getList("items.memberId")).containsOnly(member.toString());
        assertThat(reveals.getList("items.orgId")).containsOnly(tree[1].toString());
        assertThat(reveals.getList("items.revealedBy")).containsOnly("org_admin@" + tree[0]);

        JsonPath corrections = list(auditor, "id-number-corrections", tree[0]);
        assertThat(corrections.getInt("total")).isEqualTo(1);
        assertThat(corrections.getString("items[0].correctedBy")).isEqualTo("org_admin@" + tree[0]);
        assertThat(corrections.getString("items[0].reason")).isEqualTo("录入错误");

        JsonPath changes = list(auditor, "standing-changes", tree[0]);
        assertThat(changes.getInt("total")).isEqualTo(1);
        assertThat(changes.getString("items[0].to")).isEqualTo("DECEASED");
        assertThat(changes.getString("items[0].recordedBy")).isEqualTo("secretary@" + tree[1]);

        for (String log : List.of("id-number-reveals", "id-number-corrections", "standing-changes", "duplicate-hits")) {
            String body = given().auth().oauth2(auditor).get(AUDIT + log).then().statusCode(200)
                    .header("Cache-Control", "no-store").extract().asString();
            assertThat(body).as(log).doesNotContain(wrong).doesNotContain(right);
        }
    }

    @Test
    void eachCallerReadsOnlyTheirSubtreeAndAnOrgOutsideItDoesNotExist() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "本树党员");
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, tree[0])).contentType(ContentType.JSON)
                .body("{\"reason\": \"核对档案\"}").post("/api/v1/members/{id}/id-number/reveal", member).then().statusCode(200);
        UUID[] other = fixtures.committeeWithBranch();
        String otherAuditor = tokens.forRole(Roles.AUDITOR, other[0]);

        given().auth().oauth2(otherAuditor).queryParam("size", 200).get(AUDIT + "id-number-reveals").then().statusCode(200)
                .body("items.memberId", not(hasItem(member.toString())));
        given().auth().oauth2(otherAuditor).queryParam("orgId", tree[0]).get(AUDIT + "id-number-reveals").then()
                .statusCode(404).contentType("application/problem+json");
        // the ORG_ADMIN of the committee, narrowed to the branch, still finds it
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, tree[0])).queryParam("orgId", tree[1])
                .get(AUDIT + "id-number-reveals").then().statusCode(200).body("total", equalTo(1))
                .body("items.memberId", everyItem(equalTo(member.toString())));
    }

    @Test
    void theTimeRangeIsFromInclusiveToExclusiveAndPagesHoldTheNewestFirst() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "分页对象");
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, tree[0]);
        for (String reason : List.of("第一次", "第二次", "第三次")) {
            given().auth().oauth2(orgAdmin).contentType(ContentType.JSON).body("{\"reason\": \"" + reason + "\"}")
                    .post("/api/v1/members/{id}/id-number/reveal", member).then().statusCode(200);
        }
        JsonPath all = list(orgAdmin, "id-number-reveals", tree[0]);
        assertThat(all.getList("items.reason")).containsExactly("第三次", "第二次", "第一次");
        String newest = all.getString("items[0].revealedAt");
        String oldest = all.getString("items[2].revealedAt");

        given().auth().oauth2(orgAdmin).queryParam("orgId", tree[0]).queryParam("size", 1).queryParam("page", 1)
                .get(AUDIT + "id-number-reveals").then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(1)).body("items[0].reason", equalTo("第二次"));
        given().auth().oauth2(orgAdmin).queryParam("orgId", tree[0]).queryParam("from", newest)
                .get(AUDIT + "id-number-reveals").then().statusCode(200).body("items[0].reason", equalTo("第三次"));
        given().auth().oauth2(orgAdmin).queryParam("orgId", tree[0]).queryParam("to", oldest)
                .get(AUDIT + "id-number-reveals").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aBadTimeOrRangeIsA400NamingTheParameter() {
        UUID[] tree = fixtures.committeeWithBranch();
        String auditor = tokens.forRole(Roles.AUDITOR, tree[0]);

        given().auth().oauth2(auditor).queryParam("from", "yesterday").get(AUDIT + "standing-changes").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        given().auth().oauth2(auditor).queryParam("to", "-999999999-01-01T00:00:00Z").get(AUDIT + "duplicate-hits").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("to"));
        given().auth().oauth2(auditor).queryParam("from", "2026-02-01T00:00:00+08:00").queryParam("to", "2026-01-01T00:00:00+08:00")
                .get(AUDIT + "id-number-corrections").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("to"));
    }

    @Test
    void secretariesLiaisonsAndTheSystemAdminDoNotReadTheAuditLogs() {
        UUID[] tree = fixtures.committeeWithBranch();
        for (String token : List.of(tokens.forRole(Roles.SECRETARY, tree[1]), tokens.admin())) {
            given().auth().oauth2(token).get(AUDIT + "id-number-reveals").then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    private static JsonPath list(String token, String log, UUID orgId) {
        return given().auth().oauth2(token).queryParam("orgId", orgId).get(AUDIT + log).then().statusCode(200)
                .header("Cache-Control", "no-store").contentType(ContentType.JSON).extract().jsonPath();
    }
}
