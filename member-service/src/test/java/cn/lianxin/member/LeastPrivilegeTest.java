package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;
import cn.lianxin.testing.ETags;

/**
 * docs/domain.md §6: a LIAISON acts for the flow members assigned to them only, a MEMBER gets their own 联心卡 only, and the
 * receipt (回执) of a transfer is registered by the receiving side, never by the sending side alone.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class LeastPrivilegeTest {

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;

    @Test
    void aLiaisonSeesAndReportsInOnlyTheFlowMembersAssignedToThem() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID liaison = fixtures.member(tree[1], "魏联络");
        UUID mine = fixtures.member(tree[1], "陶流动");
        UUID other = fixtures.member(tree[1], "姜流动");
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);
        given().auth().oauth2(secretary).contentType(ContentType.JSON).body("{\"liaisonMemberId\": \"" + liaison + "\"}")
                .header("If-Match", ETags.of(secretary, "/api/v1/members/{id}", mine))
                .put("/api/v1/members/{id}/liaison", mine).then().statusCode(200);
        String mineOut = outflow(secretary, mine);
        String otherOut = outflow(secretary, other);
        String token = tokens.forMember(Roles.LIAISON, tree[1], liaison);

        given().auth().oauth2(token).get("/api/v1/members/{id}", mine).then().statusCode(200).body("name", equalTo("陶流动"));
        given().auth().oauth2(token).get("/api/v1/members/{id}/outflows", mine).then().statusCode(200)
                .body("[0].id", equalTo(mineOut));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/members/{id}/outflows/{o}/report-in", mine, mineOut).then().statusCode(200);

        given().auth().oauth2(token).get("/api/v1/members/{id}", other).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/members/{id}", liaison).then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/members/{id}/outflows/{o}/report-in", other, otherOut).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/orgs/{id}/members", tree[1]).then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/orgs/{id}", tree[1]).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/orgs/{id}/children", tree[1]).then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\": \"改名\"}")
                .patch("/api/v1/members/{id}", mine).then().statusCode(403);
        // A liaison token without its member claim sees nobody.
        given().auth().oauth2(tokens.forRole(Roles.LIAISON, tree[1])).get("/api/v1/members/{id}", mine).then().statusCode(404);
    }

    @Test
    void aMemberGetsTheirOwnContactCardAndNothingElse() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID self = fixtures.member(tree[1], "范本人");
        UUID other = fixtures.member(tree[1], "石他人");
        String token = tokens.forMember(Roles.MEMBER, tree[1], self);

        given().auth().oauth2(token).get("/api/v1/members/{id}/contact-card.png", self).then().statusCode(200)
                .contentType("image/png");
        given().auth().oauth2(token).get("/api/v1/members/{id}/contact-card.png", other).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/members/{id}", self).then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/orgs/{id}", tree[1]).then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/orgs/{id}/members", tree[1]).then().statusCode(403);
    }

    @Test
    void onlyTheReceivingSideRegistersTheReceiptOfAnInternalTransfer() {
        UUID committee = fixtures.org(null, "COMMITTEE", "回执党委");
        UUID from = fixtures.org(committee, "BRANCH", "回执转出");
        UUID to = fixtures.org(committee, "BRANCH", "回执转入");
        UUID member = fixtures.member(from, "吕回执");
        String sending = tokens.forRole(Roles.SECRETARY, from);
        String transfer = given().auth().oauth2(sending).contentType(ContentType.JSON)
                .body("{\"memberId\": \"%s\", \"toOrgId\": \"%s\", \"crossProvince\": false, \"issuedAt\": \"2026-09-01\"}"
                        .formatted(member, to))
                .post("/api/v1/transfers").then().statusCode(201).extract().path("id");

        receipt(sending, transfer).statusCode(403).contentType("application/problem+json");
        receipt(tokens.forRole(Roles.SECRETARY, fixtures.committeeWithBranch()[1]), transfer).statusCode(404);
        given().auth().oauth2(sending).get("/api/v1/members/{id}", member).then().body("orgId", equalTo(from.toString()));
        receipt(tokens.forRole(Roles.SECRETARY, to), transfer).statusCode(200).body("status", equalTo("RECEIVED"));
    }

    @Test
    void anOrgAdminAboveBothOrgsMayRegisterTheReceipt() {
        UUID committee = fixtures.org(null, "COMMITTEE", "上级党委");
        UUID from = fixtures.org(committee, "BRANCH", "上级转出");
        UUID to = fixtures.org(committee, "BRANCH", "上级转入");
        UUID member = fixtures.member(from, "严上级");
        String transfer = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"memberId\": \"%s\", \"toOrgId\": \"%s\", \"crossProvince\": false, \"issuedAt\": \"2026-09-01\"}"
                        .formatted(member, to))
                .post("/api/v1/transfers").then().statusCode(201).extract().path("id");
        receipt(tokens.forRole(Roles.ORG_ADMIN, committee), transfer).statusCode(200);
    }

    @Test
    void thePaperReceiptOfATransferOutOfTheSystemIsRegisteredByAnOrgAdminOfTheSendingSide() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "华外转");
        String transfer = given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1])).contentType(ContentType.JSON)
                .body("""
                        {"memberId": "%s", "toExternalOrg": {"name": "北京市某街道党工委", "region": "北京市"},
                         "crossProvince": true, "issuedAt": "2026-09-01"}""".formatted(member))
                .post("/api/v1/transfers").then().statusCode(201).extract().path("id");

        receipt(tokens.forRole(Roles.SECRETARY, tree[1]), transfer).statusCode(403);
        receipt(tokens.forRole(Roles.AUDITOR, tree[0]), transfer).statusCode(403);
        receipt(tokens.forRole(Roles.ORG_ADMIN, fixtures.committeeWithBranch()[0]), transfer).statusCode(404);
        receipt(tokens.forRole(Roles.ORG_ADMIN, tree[0]), transfer).statusCode(200).body("status", equalTo("RECEIVED"));
    }

    @Test
    void theAuthorOfAWriteIsTheCallersTokenAndABodyNamingOneIsRefused() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "孔作者");
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);
        given().auth().oauth2(secretary).contentType(ContentType.JSON)
                .body("{\"year\": 2026, \"verifiedAt\": \"2026-02-01\", \"recordedBy\": \"someone else\"}")
                .post("/api/v1/members/{id}/reviews", member).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("recordedBy"));
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> review = given().auth()
                .oauth2(secretary).contentType(ContentType.JSON).body("{\"year\": 2026, \"verifiedAt\": \"2026-02-01\"}")
                .post("/api/v1/members/{id}/reviews", member).then().statusCode(201)
                .body("recordedBy", equalTo("secretary@" + tree[1])).extract();
        // The Location names the new review, which reads there.
        org.assertj.core.api.Assertions.assertThat(review.header("Location"))
                .endsWith("/api/v1/members/" + member + "/reviews/" + review.path("id"));
        given().auth().oauth2(secretary).get(review.header("Location")).then().statusCode(200)
                .body("id", equalTo(review.path("id"))).body("year", equalTo(2026))
                .body("recordedBy", equalTo("secretary@" + tree[1]));
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, tree[0])).contentType(ContentType.JSON)
                .body("{\"reason\": \"核对\", \"revealedBy\": \"someone else\"}")
                .post("/api/v1/members/{id}/id-number/reveal", member).then().statusCode(400)
                .body("errors[0].field", equalTo("revealedBy"));
    }

    private io.restassured.response.ValidatableResponse receipt(String token, String transfer) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/transfers/{id}/receipt", transfer).then();
    }

    private String outflow(String token, UUID member) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(OutflowTest.COMPLETE)
                .post("/api/v1/members/{id}/outflows", member).then().statusCode(201).extract().path("id");
    }
}
