package cn.lianxin.member;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.UUID;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.DatabaseRolesContract;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;
import cn.lianxin.testing.ETags;

/**
 * member-service runs as {@code lianxin_member}: its audit of ID numbers (reveals, corrections, duplicate hits) and of
 * standing changes is insert-only, and it has nothing on the other services' schemas.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class DatabaseRolesTest extends DatabaseRolesContract {

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;

    @Override
    protected String schema() {
        return "member";
    }

    @Override
    protected List<String> auditTables() {
        return List.of("id_number_reveal", "id_number_correction", "id_number_duplicate_hit", "standing_change",
                "contact_confirmation", "handshake_confirmation");
    }

    @Override
    protected void recordAuditRows() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tokens.admin(), tree[1], "邵审计", TestIds.fresh());
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, tree[0]);
        given().auth().oauth2(orgAdmin).contentType(ContentType.JSON).body("{\"reason\": \"审计核对\"}")
                .post("/api/v1/members/{id}/id-number/reveal", member).then().statusCode(200);
        String corrected = TestIds.fresh();
        given().auth().oauth2(orgAdmin).contentType(ContentType.JSON)
                .body("{\"idNumber\": \"%s\", \"reason\": \"档案核对\"}".formatted(corrected))
                .header("If-Match", ETags.of(orgAdmin, "/api/v1/members/{id}", member))
                .put("/api/v1/members/{id}/id-number", member).then().statusCode(200);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.memberJson(tree[1], "邵重号", corrected)).post("/api/v1/members").then().statusCode(409);
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1])).contentType(ContentType.JSON)
                .post("/api/v1/members/{id}/contact-confirmations", member).then().statusCode(200);
        StandingChangeTest.record(tokens.forRole(Roles.SECRETARY, tree[1]), member, StandingChangeTest.DEATH).statusCode(201);
        UUID moving = fixtures.member(tokens.admin(), tree[1], "邵转接", TestIds.fresh());
        UUID receiving = fixtures.org(tree[0], "BRANCH", "审计转入支部");
        String transfer = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"memberId\": \"%s\", \"toOrgId\": \"%s\", \"crossProvince\": false, \"issuedAt\": \"2026-09-01\"}"
                        .formatted(moving, receiving))
                .post("/api/v1/transfers").then().statusCode(201).extract().path("id");
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, receiving)).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/transfers/{id}/receipt", transfer).then().statusCode(200);
    }
}
