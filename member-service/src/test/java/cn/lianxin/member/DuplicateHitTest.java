package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;
import cn.lianxin.testing.ETags;

/**
 * Issue 12 item 5: an ID number is not an oracle. A refused roster is never checked against the register, every
 * duplicate hit is audited (who, when, which orgs; never the number), and a caller above the limit gets 429.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class DuplicateHitTest {


    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;

    @Inject
    DataSource db;

    @Test
    void aRosterRefusedForAnInvalidRowNeverLooksItsIdNumbersUpInTheRegister() throws Exception {
        UUID elsewhere = fixtures.committeeWithBranch()[1];
        String registered = TestIds.fresh();
        fixtures.member(tokens.admin(), elsewhere, "他处党员", registered);
        UUID branch = fixtures.committeeWithBranch()[1];
        String[] invalid = RosterFiles.row("首行无效", TestIds.fresh(), null);
        invalid[7] = "12345";
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, List.of(invalid, RosterFiles.row("探测", registered, null)));
        String secretary = tokens.forRole(Roles.SECRETARY, branch);

        RosterImports.run(secretary, branch, file, null)
                .body("status", equalTo("REFUSED")).body("problem.status", equalTo(422))
                .body("problem.detail", containsString("1 of 2 rows have errors"))
                .body("problem.errors.field", equalTo(List.of("rows[2].手机号码")))
                .body("errors.message", not(hasItem("is already registered")));
        assertThat(hits("secretary@" + branch)).isEmpty();
    }

    @Test
    void aValidRosterHoldingARegisteredNumberStopsThereAndTheHitIsAudited() throws Exception {
        UUID[] other = fixtures.committeeWithBranch();
        String first = TestIds.fresh();
        String second = TestIds.fresh();
        UUID holder = fixtures.member(tokens.admin(), other[1], "他处甲", first);
        fixtures.member(tokens.admin(), other[1], "他处乙", second);
        UUID branch = fixtures.committeeWithBranch()[1];
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, List.of(RosterFiles.row("新人", TestIds.fresh(), null),
                RosterFiles.row("探测甲", first, null), RosterFiles.row("探测乙", second, null)));

        String body = RosterImports.run(tokens.forRole(Roles.SECRETARY, branch), branch, file, null)
                .body("status", equalTo("REFUSED")).body("problem.status", equalTo(422))
                .body("problem.errors.field", equalTo(List.of("rows[3].身份证号")))
                .body("errors.row", equalTo(List.of(3)))
                .body("errors[0].message", equalTo("is already registered"))
                .extract().asString();
        assertThat(body).doesNotContain(holder.toString()).doesNotContain(first).doesNotContain(second);
        assertThat(hits("secretary@" + branch)).containsExactly(other[1] + " " + branch);
        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}/members", branch).then().body("total", equalTo(0));
    }

    @Test
    void registrationsAndCorrectionsOfRegisteredNumbersAreAuditedAndLimitedPerCaller() throws Exception {
        UUID[] other = fixtures.committeeWithBranch();
        UUID[] tree = fixtures.committeeWithBranch();
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            String idNumber = TestIds.fresh();
            given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                    .body(Fixtures.memberJson(other[1], "在册" + i, idNumber)).post("/api/v1/members").then().statusCode(201);
            taken.add(idNumber);
        }
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);
        for (int i = 0; i < 20; i++) {
            register(secretary, tree[1], taken.get(i)).statusCode(409).body("errors[0].field", equalTo("idNumber"));
        }
        register(secretary, tree[1], taken.get(20)).statusCode(429).contentType("application/problem+json")
                .body("detail", containsString("More than 20 ID numbers found already registered"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("Retry-After", h -> Integer.parseInt(h), lessThanOrEqualTo(3600));
        assertThat(hits("secretary@" + tree[1])).hasSize(21).containsOnly(other[1] + " " + tree[1]);
        // another caller is not limited by the first one's hits
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, tree[0]);
        UUID member = fixtures.member(orgAdmin, tree[1], "待更正", TestIds.fresh());
        given().auth().oauth2(orgAdmin).contentType(ContentType.JSON)
                .body("{\"idNumber\": \"%s\", \"reason\": \"更正\"}".formatted(taken.get(0)))
                .header("If-Match", ETags.of(orgAdmin, "/api/v1/members/{id}", member))
                .put("/api/v1/members/{id}/id-number", member).then().statusCode(409)
                .body(not(containsString(taken.get(0))));
        assertThat(hits("org_admin@" + tree[0])).containsExactly(other[1] + " " + tree[1]);
    }

    @Test
    void aHitIsReportedToTheCommonAncestorOfBothOrgsAndToNobodyBelowIt() throws Exception {
        UUID root = fixtures.org(null, "COMMITTEE", "市委" + Fixtures.suffix());
        UUID holderBranch = fixtures.org(root, "BRANCH", "甲支部" + Fixtures.suffix());
        UUID general = fixtures.org(root, "GENERAL_BRANCH", "乙总支" + Fixtures.suffix());
        UUID actingBranch = fixtures.org(general, "BRANCH", "乙支部" + Fixtures.suffix());
        String idNumber = TestIds.fresh();
        fixtures.member(tokens.admin(), holderBranch, "甲党员", idNumber);

        register(tokens.forRole(Roles.SECRETARY, actingBranch), actingBranch, idNumber).statusCode(409);

        String listed = given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, root)).get("/api/v1/audit/duplicate-hits")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("total", equalTo(1))
                .body("items[0].caller", equalTo("secretary@" + actingBranch))
                .body("items[0].holderOrgId", equalTo(holderBranch.toString()))
                .body("items[0].actingOrgId", equalTo(actingBranch.toString()))
                .body("items[0].commonAncestorId", equalTo(root.toString()))
                .extract().asString();
        assertThat(listed).doesNotContain(idNumber);
        given().auth().oauth2(tokens.forRole(Roles.AUDITOR, root)).queryParam("orgId", root).get("/api/v1/audit/duplicate-hits")
                .then().statusCode(200).body("total", equalTo(1));
        // below the common ancestor the hit is not theirs to reconcile: the general branch sees only one side
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, general)).get("/api/v1/audit/duplicate-hits")
                .then().statusCode(200).body("total", equalTo(0));
        assertThat(hits("secretary@" + actingBranch)).containsExactly(holderBranch + " " + actingBranch);
    }

    private io.restassured.response.ValidatableResponse register(String token, UUID branch, String idNumber) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Fixtures.memberJson(branch, "再登记", idNumber)).post("/api/v1/members").then();
    }

    /** "holder acting" per audited hit of the caller; the table holds no ID number column at all. */
    private List<String> hits(String caller) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT holder_org_id, acting_org_id, hit_at FROM id_number_duplicate_hit WHERE caller = ? ORDER BY hit_at")) {
            s.setString(1, caller);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getTimestamp(3)).isNotNull();
                    rows.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return rows;
    }
}
