package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RosterTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    @Test
    void importsARosterIntoABranchAndRegistersEveryMember() {
        UUID branch = fixtures.committeeWithBranch()[1];
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, List.of(
                RosterFiles.row("花名一", TestIds.fresh(), null), RosterFiles.row("花名二", TestIds.fresh(), null)));

        RosterImports.run(tokens.forRole(Roles.SECRETARY, branch), branch, file, null)
                .body("status", equalTo("SUCCEEDED")).body("mode", equalTo("ALL_OR_NOTHING"))
                .body("rowsRead", equalTo(2)).body("percent", equalTo(100))
                .body("imported", equalTo(2)).body("rejected", equalTo(0)).body("errors", hasSize(0));

        String id = given().auth().oauth2(tokens.admin()).queryParam("q", "花名一").get("/api/v1/orgs/{id}/members", branch)
                .then().body("total", equalTo(1)).body("items[0].joinedAt", equalTo("2010-07-01"))
                .body("items[0].category", equalTo("FULL")).extract().path("items[0].id");
        assertThat(KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_REGISTERED, id))
                .get("source").asText()).isEqualTo("ROSTER_IMPORT");
    }

    @Test
    void allOrNothingRefusesTheWholeRosterListingEachRowError() {
        UUID branch = fixtures.committeeWithBranch()[1];
        String duplicate = TestIds.fresh();
        String[] badPhone = RosterFiles.row("坏电话", TestIds.fresh(), null);
        badPhone[7] = "12345";
        String[] badGender = RosterFiles.row("坏性别", TestIds.fresh(), null);
        badGender[2] = "未知";
        String[] badId = RosterFiles.row("坏证号", "123456", null);
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, List.of(RosterFiles.row("好人", TestIds.fresh(), null),
                badPhone, badGender, badId, RosterFiles.row("重复甲", duplicate, null), RosterFiles.row("重复乙", duplicate, null)));

        RosterImports.run(tokens.admin(), branch, file, null)
                .body("status", equalTo("REFUSED")).body("imported", equalTo(0)).body("rejected", equalTo(4))
                .body("problem.status", equalTo(422))
                .body("problem.detail", containsString("4 of 6 rows have errors; nothing was imported"))
                .body("problem.errors.field", hasItems("rows[3].手机号码", "rows[4].性别", "rows[5].身份证号", "rows[7].身份证号"))
                .body("errors.row", hasItems(3, 4, 5, 7))
                .body("errors.message", hasItem("duplicates row 6"));
        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}/members", branch).then().body("total", equalTo(0));
    }

    @Test
    void validRowsModeImportsTheValidRowsAndReportsTheRest() {
        UUID branch = fixtures.committeeWithBranch()[1];
        String registered = TestIds.fresh();
        fixtures.member(tokens.admin(), branch, "已在册", registered);
        String[] future = RosterFiles.row("未来", TestIds.fresh(), null);
        future[16] = "2999-01-01";
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, List.of(RosterFiles.row("有效", TestIds.fresh(), null),
                future, RosterFiles.row("再登记", registered, null)));

        RosterImports.run(tokens.admin(), branch, file, "valid-rows")
                .body("status", equalTo("SUCCEEDED")).body("mode", equalTo("VALID_ROWS"))
                .body("imported", equalTo(1)).body("rejected", equalTo(2))
                .body("errors.row", hasItems(3, 4))
                .body("errors.column", hasItems("入党日期", "身份证号"))
                .body("errors.message", hasItems("cannot be in the future", "is already registered"));
        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}/members", branch).then().body("total", equalTo(2));
    }

    @Test
    void importsIntoACommitteeByBranchNameAndRefusesMissingColumns() {
        UUID committee = fixtures.org(null, "COMMITTEE", "花名册党委");
        fixtures.org(committee, "BRANCH", "一支部");
        UUID two = fixtures.org(committee, "BRANCH", "二支部");
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, List.of(RosterFiles.row("二支部人", TestIds.fresh(), "二支部"),
                RosterFiles.row("无支部", TestIds.fresh(), null), RosterFiles.row("错支部", TestIds.fresh(), "三支部")));

        RosterImports.run(tokens.forRole(Roles.ORG_ADMIN, committee), committee, file, "valid-rows")
                .body("status", equalTo("SUCCEEDED")).body("imported", equalTo(1))
                .body("errors.column", equalTo(List.of("所在党支部", "所在党支部")));
        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}/members", two).then().body("items[0].name", equalTo("二支部人"));

        List<String> headers = new ArrayList<>(RosterFiles.HEADERS);
        headers.remove("身份证号");
        RosterImports.run(tokens.admin(), two, RosterFiles.workbook(headers, List.of()), null)
                .body("status", equalTo("REFUSED")).body("problem.status", equalTo(422))
                .body("problem.errors[0].field", equalTo("rows[1].身份证号"));
        given().auth().oauth2(tokens.admin()).contentType(XLSX).body("not a workbook".getBytes())
                .post("/api/v1/orgs/{id}/roster", two).then()
                .statusCode(400).body("errors[0].field", equalTo("file"));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, fixtures.committeeWithBranch()[1])).contentType(XLSX)
                .body(RosterFiles.workbook(RosterFiles.HEADERS, List.of())).post("/api/v1/orgs/{id}/roster", two).then()
                .statusCode(404);
    }

    @Test
    void exportsTheSubtreeRosterMaskedUnlessAnOrgAdminAsksForFullIdNumbers() throws Exception {
        UUID[] tree = fixtures.committeeWithBranch();
        String idNumber = TestIds.fresh();
        fixtures.member(tokens.admin(), tree[1], "导出人", idNumber);

        byte[] masked = given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1])).get("/api/v1/orgs/{id}/roster.xlsx", tree[1])
                .then().statusCode(200).extract().asByteArray();
        List<List<String>> rows = RosterFiles.rows(masked);
        assertThat(rows.get(0)).startsWith("姓名", "身份证号", "性别");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(0)).isEqualTo("导出人");
        assertThat(rows.get(1).get(1)).isEqualTo(idNumber.substring(0, 4) + "**********" + idNumber.substring(14));

        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1])).queryParam("full", "true")
                .get("/api/v1/orgs/{id}/roster.xlsx", tree[1]).then().statusCode(403);
        byte[] full = given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, tree[0])).queryParam("full", "true")
                .get("/api/v1/orgs/{id}/roster.xlsx", tree[0]).then().statusCode(200).extract().asByteArray();
        assertThat(RosterFiles.rows(full).get(1).get(1)).isEqualTo(idNumber);
    }
}
