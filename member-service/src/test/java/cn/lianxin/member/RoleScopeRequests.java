package cn.lianxin.member;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.RoleScopeContract.Subject;
import cn.lianxin.testing.RoleScopeContract.World;
import cn.lianxin.testing.ETags;

/** The world and the valid requests of {@link RoleScopeTest}; targets that a call would use up are made per call. */
final class RoleScopeRequests {

    private final Fixtures fixtures = new Fixtures();
    private UUID otherBranch;
    private UUID transfer;
    private World world;
    /** Each subject's annual review of 2025, and a member who died with the id of that standing change. */
    private final java.util.Map<UUID, String> reviews = new java.util.HashMap<>();
    private UUID deceased;
    private String death;

    /** Committee, branch, a liaison, a member assigned to them and another, both away with an open outflow. */
    World createWorld() {
        UUID[] tree = fixtures.committeeWithBranch();
        otherBranch = fixtures.org(tree[0], "BRANCH", "转入支部" + Fixtures.suffix());
        UUID liaison = fixtures.member(tree[1], "范联络");
        UUID own = fixtures.member(tree[1], "范本人");
        UUID other = fixtures.member(tree[1], "范他人");
        admin().header("If-Match", ETags.of(fixtures.tokens.admin(), "/api/v1/members/{id}", own))
                .body("{\"liaisonMemberId\": \"" + liaison + "\"}").put("/api/v1/members/{id}/liaison", own).then().statusCode(200);
        for (UUID member : List.of(own, other)) {
            admin().body(OutflowTest.COMPLETE).post("/api/v1/members/{id}/outflows", member).then().statusCode(201);
            reviews.put(member, admin().body("{\"year\": 2025, \"verifiedAt\": \"2025-02-01\"}")
                    .post("/api/v1/members/{id}/reviews", member).then().statusCode(201).extract().path("id"));
        }
        deceased = fixtures.member(tree[1], "范已故");
        death = admin().body(StandingChangeTest.DEATH).post("/api/v1/members/{id}/standing-changes", deceased).then()
                .statusCode(201).extract().path("id");
        transfer = transfer(fixtures.member(tree[1], "范转接"), otherBranch);
        world = new World(tree[0], tree[1], liaison, own, other);
        return world;
    }

    UUID transfer() {
        return transfer;
    }

    private String filing;

    /** A roster filing of the world's branch for 2025 (filed once, by its SECRETARY: whoever filed it cannot decide it). */
    String filing() {
        if (filing == null) {
            filing = given().auth().oauth2(fixtures.tokens.forRole(Roles.SECRETARY, world.branch()))
                    .contentType(ContentType.JSON).body("{\"year\": 2025}")
                    .post("/api/v1/orgs/{id}/roster-filings", world.branch()).then()
                    .statusCode(201).extract().path("id");
        }
        return filing;
    }

    private String rosterImport;

    /** A roster import job of the world's branch (posted once, as ADMIN; it need not have finished). */
    String rosterImport() {
        if (rosterImport == null) {
            rosterImport = RosterImports.id(RosterImports.start(fixtures.tokens.admin(), world.branch(), roster(), null)).toString();
        }
        return rosterImport;
    }

    String reviewOf(UUID member) {
        return reviews.get(member);
    }

    UUID deceased() {
        return deceased;
    }

    String death() {
        return death;
    }

    String outflowOf(UUID member) {
        return admin().get("/api/v1/members/{id}/outflows", member).then().statusCode(200).extract().path("[0].id");
    }

    /** A liaison kept on the liaison's own member, a named cadre on the other (who stays assigned to nobody). */
    static String liaisonFor(World w, Subject subject) {
        return subject == Subject.OWN ? "{\"liaisonMemberId\": \"" + w.liaisonMember() + "\"}"
                : "{\"liaison\": {\"name\": \"张干部\", \"phone\": \"13800138000\"}}";
    }

    /** A transfer from a fresh member of the other branch into the world's branch: the caller's side receives it. */
    Response receipt(RequestSpecification r) {
        UUID transfer = transfer(fixtures.member(otherBranch, "范回执"), world.branch());
        return r.contentType(ContentType.JSON).body("{}").post("/api/v1/transfers/{id}/receipt", transfer);
    }

    Response standingChange(RequestSpecification r) {
        return r.contentType(ContentType.JSON).body(StandingChangeTest.DEATH)
                .post("/api/v1/members/{id}/standing-changes", fixtures.member(world.branch(), "范去世"));
    }

    static byte[] roster() {
        return RosterFiles.workbook(RosterFiles.HEADERS, List.<String[]>of(RosterFiles.row("范导入", TestIds.fresh(), null)));
    }

    static String transferJson(UUID member, UUID to) {
        return "{\"memberId\": \"%s\", \"toOrgId\": \"%s\", \"crossProvince\": false, \"issuedAt\": \"2026-09-01\"}"
                .formatted(member, to);
    }

    UUID otherBranch() {
        return otherBranch;
    }

    private UUID transfer(UUID member, UUID to) {
        return UUID.fromString(admin().body(transferJson(member, to)).post("/api/v1/transfers").then().statusCode(201)
                .extract().path("id"));
    }

    private RequestSpecification admin() {
        return given().auth().oauth2(fixtures.tokens.admin()).contentType(ContentType.JSON);
    }
}
