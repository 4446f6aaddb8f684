package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;
import cn.lianxin.testing.ETags;

/** docs/domain.md §3b: a wrong ID number is corrected by an 组织员 only, with a reason, audited and checked for duplicates. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class IdNumberCorrectionTest {

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;

    @Inject
    DataSource db;

    @Test
    void anOrgAdminCorrectsTheNumberWhichIsReEncryptedAndAuditedWithoutTheNumber() throws Exception {
        UUID[] tree = fixtures.committeeWithBranch();
        String wrong = TestIds.fresh();
        UUID member = fixtures.member(tokens.admin(), tree[1], "杨更正", wrong);
        String right = TestIds.bornOn(LocalDate.of(1984, 3, 9));
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, tree[0]);

        correct(orgAdmin, member, right, "档案核对：身份证号录入错误").statusCode(200)
                .body("idNumber", equalTo(right.substring(0, 4) + "**********" + right.substring(14)))
                .body("birthDate", equalTo("1984-03-09"));
        given().auth().oauth2(orgAdmin).contentType(ContentType.JSON).body("{\"reason\": \"核对更正结果\"}")
                .post("/api/v1/members/{id}/id-number/reveal", member).then().statusCode(200).body("idNumber", equalTo(right));

        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT corrected_by, reason, corrected_at, t::text FROM id_number_correction t WHERE member_id = ?")) {
            s.setObject(1, member);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("org_admin@" + tree[0]);
                assertThat(rs.getString(2)).isEqualTo("档案核对：身份证号录入错误");
                assertThat(rs.getTimestamp(3)).isNotNull();
                assertThat(rs.getString(4)).doesNotContain(right).doesNotContain(wrong);
                assertThat(rs.next()).isFalse();
            }
        }
        // The old number is free again; the corrected one is taken.
        register(tree[1], wrong).statusCode(201);
        register(tree[1], right).statusCode(409);
    }

    @Test
    void aNumberHeldByAnotherMemberIsAConflictThatDoesNotSayWhoHoldsIt() throws Exception {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "朱重号");
        String taken = TestIds.fresh();
        UUID holder = fixtures.member(tokens.admin(), fixtures.committeeWithBranch()[1], "秦持有", taken);

        String body = correct(tokens.admin(), member, taken, "更正").statusCode(409)
                .contentType("application/problem+json").body("errors.field", hasItem("idNumber"))
                .extract().asString();
        assertThat(body).doesNotContain(holder.toString()).doesNotContain("秦持有").doesNotContain(taken);
        String valid = TestIds.fresh();
        String badCheckDigit = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        correct(tokens.admin(), member, badCheckDigit, "更正").statusCode(400).body("errors.field", hasItem("idNumber"));
        correct(tokens.admin(), member, "12345", "更正").statusCode(400).body("errors.field", hasItem("idNumber"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"idNumber\": \"" + TestIds.fresh() + "\"}")
                .header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", member))
                .put("/api/v1/members/{id}/id-number", member).then().statusCode(400).body("errors.field", hasItem("reason"));
        assertThat(auditRows(member)).isZero();
    }

    @Test
    void onlyAnOrgAdminOfTheSubtreeOrAnAdminCorrectsIt() throws Exception {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "何无权");
        String next = TestIds.fresh();
        correct(tokens.forRole(Roles.SECRETARY, tree[1]), member, next, "更正").statusCode(403);
        correct(tokens.forRole(Roles.AUDITOR, tree[0]), member, next, "更正").statusCode(403);
        correct(tokens.forMember(Roles.LIAISON, tree[1], UUID.randomUUID()), member, next, "更正").statusCode(403);
        correct(tokens.forMember(Roles.MEMBER, tree[1], member), member, next, "更正").statusCode(403);
        correct(tokens.forRole(Roles.ORG_ADMIN, fixtures.committeeWithBranch()[0]), member, next, "更正").statusCode(404)
                .body("detail", not(containsString(next)));
        assertThat(auditRows(member)).isZero();
        correct(tokens.admin(), member, next, "更正").statusCode(200);
        assertThat(auditRows(member)).isEqualTo(1);
    }

    private ValidatableResponse correct(String token, UUID member, String idNumber, String reason) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"idNumber\": \"%s\", \"reason\": \"%s\"}".formatted(idNumber, reason))
                .header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", member))
                .put("/api/v1/members/{id}/id-number", member).then();
    }

    private ValidatableResponse register(UUID branch, String idNumber) {
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.memberJson(branch, "再登记", idNumber)).post("/api/v1/members").then();
    }

    private long auditRows(UUID member) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM id_number_correction WHERE member_id = ?")) {
            s.setObject(1, member);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
