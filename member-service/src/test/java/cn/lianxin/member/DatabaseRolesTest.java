package cn.lianxin.member;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.DatabaseRolesContract;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

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

    @Inject
    DataSource members;

    @Override
    protected List<String> auditTables() {
        List<String> tables = new ArrayList<>(List.of("id_number_reveal", "id_number_correction", "standing_change"));
        // The duplicate hits' table (V8) came with its own change, alongside V9: audit wherever it exists.
        try (Connection c = members.getConnection();
                ResultSet exists = c.createStatement().executeQuery("SELECT to_regclass('id_number_duplicate_hit') IS NOT NULL")) {
            exists.next();
            if (exists.getBoolean(1)) {
                tables.add("id_number_duplicate_hit");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tables;
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
                .put("/api/v1/members/{id}/id-number", member).then().statusCode(200);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.memberJson(tree[1], "邵重号", corrected)).post("/api/v1/members").then().statusCode(409);
        StandingChangeTest.record(tokens.forRole(Roles.SECRETARY, tree[1]), member, StandingChangeTest.DEATH).statusCode(201);
    }
}
