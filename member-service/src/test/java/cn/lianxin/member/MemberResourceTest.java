package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.ETags;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class MemberResourceTest {

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    @Inject
    DataSource db;

    @Test
    void registersAMemberWithTheIdNumberMaskedAndPublishesMemberRegistered() {
        UUID[] tree = fixtures.committeeWithBranch();
        String idNumber = TestIds.bornOn(java.time.LocalDate.of(1988, 3, 9));

        UUID id = fixtures.member(tokens.forRole(Roles.SECRETARY, tree[1]), tree[1], "赵党员", idNumber);

        given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}", id).then()
                .statusCode(200)
                .body("name", equalTo("赵党员"))
                .body("idNumber", equalTo(idNumber.substring(0, 4) + "**********" + idNumber.substring(14)))
                .body("birthDate", equalTo("1988-03-09"))
                .body("standing", equalTo("ACTIVE"))
                .body("flowing", equalTo(false))
                .body("emergencyContact.relation", equalTo("配偶"));
        ConsumerRecord<String, String> record = events.await("member.events", MemberEvents.MEMBER_REGISTERED, id);
        JsonNode payload = KafkaEvents.payload(record);
        assertThat(payload.get("orgId").asText()).isEqualTo(tree[1].toString());
        assertThat(payload.get("orgPath")).extracting(JsonNode::asText).containsExactly(tree[0].toString(), tree[1].toString());
        assertThat(payload.get("contact").get("phone").asText()).isEqualTo("13712345678");
        assertThat(payload.get("registeredAt").asText()).isNotBlank();
    }

    @Test
    void theIdNumberAppearsInPlaintextNeitherInTheDatabaseNorInAnyEvent() throws Exception {
        UUID[] tree = fixtures.committeeWithBranch();
        String idNumber = TestIds.fresh();
        UUID id = fixtures.member(tokens.admin(), tree[1], "钱党员", idNumber);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"phone\": \"13911112222\"}")
                .header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", id)).patch("/api/v1/members/{id}", id).then().statusCode(200);
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, tree[0])).contentType(ContentType.JSON)
                .body("{\"reason\": \"核对档案\"}").post("/api/v1/members/{id}/id-number/reveal", id).then()
                .statusCode(200).body("idNumber", equalTo(idNumber));
        events.await("member.events", MemberEvents.MEMBER_PROFILE_CHANGED, id);

        assertThat(rowsContaining("member", idNumber)).isZero();
        assertThat(rowsContaining("id_number_reveal", idNumber)).isZero();
        assertThat(rowsContaining("outbox_event", idNumber)).isZero();
        assertThat(rowsContaining("member", idNumber.substring(0, 17))).isZero();
        assertThat(events.all("member.events")).isNotEmpty().noneMatch(r -> r.value().contains(idNumber.substring(0, 17)));
    }

    @Test
    void refusesAnInvalidIdNumberNamingTheField() {
        UUID[] tree = fixtures.committeeWithBranch();
        String wrongCheck = TestIds.fresh();
        wrongCheck = wrongCheck.substring(0, 17) + (wrongCheck.charAt(17) == '0' ? '1' : '0');

        register(tree[1], wrongCheck).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("idNumber"))
                .body("errors.message", hasItem(containsString("check digit")));
        register(tree[1], TestIds.withCheckDigit("11010519900231001")).then()
                .statusCode(400)
                .body("errors.message", hasItem(containsString("not a real date")));
    }

    @Test
    void namesEveryBrokenRuleOfARegistrationAtOnce() {
        UUID[] tree = fixtures.committeeWithBranch();
        String json = """
                {"name": "孙党员", "idNumber": "%s", "gender": "FEMALE", "ethnicity": "汉族", "birthDate": "1990-01-02",
                 "phone": "12345678901", "orgId": "%s", "category": "PROBATIONARY", "joinedAt": "2999-01-01",
                 "regularizedAt": "2020-01-01", "emergencyContact": {"name": "孙父", "relation": "父亲", "phone": "x"}}
                """.formatted(TestIds.bornOn(java.time.LocalDate.of(1990, 1, 1)), tree[1]);

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(json).post("/api/v1/members").then()
                .statusCode(400)
                .body("errors.field", hasItems("birthDate", "phone", "joinedAt", "regularizedAt", "emergencyContact.phone"));
    }

    @Test
    void refusesAMemberOutsideABranchAndMissingFields() {
        UUID[] tree = fixtures.committeeWithBranch();
        register(tree[0], TestIds.fresh()).then()
                .statusCode(400)
                .body("errors.field", hasItem("orgId"))
                .body("errors.message", hasItem(containsString("branch")));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"name\": \"周\"}")
                .post("/api/v1/members").then()
                .statusCode(400)
                .body("errors.field", hasItems("idNumber", "gender", "phone", "orgId", "category", "joinedAt", "emergencyContact"));
    }

    @Test
    void aSecondMemberWithTheSameIdNumberIsAConflictNamingTheOrgWhenVisible() {
        UUID committee = fixtures.org(null, "COMMITTEE", "冲突党委");
        UUID branchA = fixtures.org(committee, "BRANCH", "冲突甲支部");
        UUID branchB = fixtures.org(committee, "BRANCH", "冲突乙支部");
        String idNumber = TestIds.fresh();
        fixtures.member(tokens.admin(), branchA, "吴党员", idNumber);

        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, committee)).contentType(ContentType.JSON)
                .body(Fixtures.memberJson(branchB, "吴党员", idNumber.toLowerCase())).post("/api/v1/members").then()
                .statusCode(409)
                .body("detail", containsString("冲突甲支部"))
                .body("errors[0].field", equalTo("idNumber"));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, branchB)).contentType(ContentType.JSON)
                .body(Fixtures.memberJson(branchB, "吴党员", idNumber)).post("/api/v1/members").then()
                .statusCode(409)
                .body("detail", containsString("another organization"))
                .body("detail", not(containsString("冲突甲支部")));
    }

    @Test
    void aSecretaryOfBranchASeesNothingOfBranchB() {
        UUID committee = fixtures.org(null, "COMMITTEE", "隔离党委");
        UUID branchA = fixtures.org(committee, "BRANCH", "隔离A支部");
        UUID branchB = fixtures.org(committee, "BRANCH", "隔离B支部");
        UUID memberOfB = fixtures.member(branchB, "郑党员");
        String secretaryOfA = tokens.forRole(Roles.SECRETARY, branchA);

        given().auth().oauth2(secretaryOfA).get("/api/v1/members/{id}", memberOfB).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(secretaryOfA).contentType(ContentType.JSON).body("{\"occupation\": \"工人\"}")
                .patch("/api/v1/members/{id}", memberOfB).then().statusCode(404);
        given().auth().oauth2(secretaryOfA).contentType(ContentType.JSON)
                .body("{\"liaison\": {\"name\": \"王\", \"phone\": \"13800000000\"}}")
                .put("/api/v1/members/{id}/liaison", memberOfB).then().statusCode(404);
        given().auth().oauth2(secretaryOfA).get("/api/v1/orgs/{id}/members", branchB).then().statusCode(404);
        given().auth().oauth2(secretaryOfA).contentType(ContentType.JSON).body(Fixtures.memberJson(branchB, "冯", TestIds.fresh()))
                .post("/api/v1/members").then().statusCode(400).body("errors.field", hasItem("orgId"));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, branchB)).get("/api/v1/members/{id}", memberOfB).then()
                .statusCode(200);
    }

    @Test
    void listsTheMembersOfASubtreeWithFiltersAndPaging() {
        UUID committee = fixtures.org(null, "COMMITTEE", "列表党委");
        UUID general = fixtures.org(committee, "GENERAL_BRANCH", "列表总支");
        UUID branch1 = fixtures.org(general, "BRANCH", "列表一支部");
        UUID branch2 = fixtures.org(committee, "BRANCH", "列表二支部");
        UUID elsewhere = fixtures.committeeWithBranch()[1];
        fixtures.member(branch1, "甲一");
        fixtures.member(branch1, "甲二");
        fixtures.member(branch2, "乙一");
        fixtures.member(elsewhere, "甲外");
        String probationary = Fixtures.memberJson(branch2, "丙预备", TestIds.fresh())
                .replace("\"FULL\"", "\"PROBATIONARY\"").replace("\"regularizedAt\": \"2011-07-01\",", "");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(probationary).post("/api/v1/members")
                .then().statusCode(201);
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, committee);

        given().auth().oauth2(orgAdmin).get("/api/v1/orgs/{id}/members", committee).then()
                .statusCode(200).body("total", equalTo(4)).body("items.name", hasItems("甲一", "甲二", "乙一", "丙预备"));
        given().auth().oauth2(orgAdmin).queryParam("size", 2).queryParam("page", 1)
                .get("/api/v1/orgs/{id}/members", committee).then()
                .body("total", equalTo(4)).body("page", equalTo(1)).body("size", equalTo(2)).body("items", hasSize(2));
        given().auth().oauth2(orgAdmin).get("/api/v1/orgs/{id}/members", general).then()
                .body("total", equalTo(2));
        given().auth().oauth2(orgAdmin).queryParam("q", "甲").get("/api/v1/orgs/{id}/members", committee).then()
                .body("total", equalTo(2));
        given().auth().oauth2(orgAdmin).queryParam("category", "PROBATIONARY").get("/api/v1/orgs/{id}/members", committee)
                .then().body("items.name", equalTo(List.of("丙预备")));
        given().auth().oauth2(orgAdmin).queryParam("standing", "ACTIVE").queryParam("flowing", "false")
                .get("/api/v1/orgs/{id}/members", committee).then().body("total", equalTo(4));
        given().auth().oauth2(orgAdmin).queryParam("standing", "SUSPENDED").get("/api/v1/orgs/{id}/members", committee)
                .then().body("total", equalTo(0));
        given().auth().oauth2(orgAdmin).queryParam("standing", "GONE").get("/api/v1/orgs/{id}/members", committee)
                .then().statusCode(400).body("errors[0].field", equalTo("standing"));
        given().auth().oauth2(orgAdmin).queryParam("size", 1000).get("/api/v1/orgs/{id}/members", committee)
                .then().statusCode(400);
    }

    @Test
    void publishesMemberProfileChangedOnlyForProjectedFields() {
        UUID branch = fixtures.committeeWithBranch()[1];
        UUID id = fixtures.member(branch, "陈党员");

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"occupation\": \"教师\"}")
                .header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", id)).patch("/api/v1/members/{id}", id).then().statusCode(200).body("occupation", equalTo("教师"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"陈新名\", \"email\": \"chen@example.cn\"}")
                .header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", id)).patch("/api/v1/members/{id}", id).then().statusCode(200).body("name", equalTo("陈新名"));

        JsonNode payload = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_PROFILE_CHANGED, id));
        assertThat(payload.get("changed")).extracting(JsonNode::asText).containsExactly("name", "contact");
        assertThat(payload.get("contact").get("email").asText()).isEqualTo("chen@example.cn");
        assertThat(events.all("member.events").stream().filter(r -> r.key().equals(id.toString()))
                .map(r -> KafkaEvents.header(r, "ce_type")).distinct())
                .containsExactly(MemberEvents.MEMBER_REGISTERED, MemberEvents.MEMBER_PROFILE_CHANGED);
    }

    @Test
    void refusesAnInconsistentProfileChange() {
        UUID branch = fixtures.committeeWithBranch()[1];
        String probationary = Fixtures.memberJson(branch, "褚预备", TestIds.fresh())
                .replace("\"FULL\"", "\"PROBATIONARY\"").replace("\"regularizedAt\": \"2011-07-01\",", "");
        UUID id = UUID.fromString(given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(probationary)
                .post("/api/v1/members").then().statusCode(201).extract().path("id"));

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"category\": \"FULL\"}")
                .header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", id)).patch("/api/v1/members/{id}", id).then().statusCode(400).body("errors[0].field", equalTo("regularizedAt"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"idNumber\": \"x\"}")
                .header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", id)).patch("/api/v1/members/{id}", id).then().statusCode(400).body("errors[0].field", equalTo("idNumber"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"category\": \"FULL\", \"regularizedAt\": \"2011-07-01\"}")
                .header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", id)).patch("/api/v1/members/{id}", id).then().statusCode(200).body("category", equalTo("FULL"));
    }

    @Test
    void revealsTheIdNumberToAnOrgAdminOnlyAndRecordsWhoWhenAndWhy() throws Exception {
        UUID[] tree = fixtures.committeeWithBranch();
        String idNumber = TestIds.fresh();
        UUID id = fixtures.member(tokens.admin(), tree[1], "卫党员", idNumber);
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, tree[0]);

        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1])).contentType(ContentType.JSON)
                .body("{\"reason\": \"想看\"}").post("/api/v1/members/{id}/id-number/reveal", id).then().statusCode(403);
        given().auth().oauth2(orgAdmin).contentType(ContentType.JSON).body("{\"reason\": \" \"}")
                .post("/api/v1/members/{id}/id-number/reveal", id).then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, fixtures.committeeWithBranch()[0])).contentType(ContentType.JSON)
                .body("{\"reason\": \"越权\"}").post("/api/v1/members/{id}/id-number/reveal", id).then().statusCode(404);
        given().auth().oauth2(orgAdmin).contentType(ContentType.JSON).body("{\"reason\": \"组织关系转接核对\"}")
                .post("/api/v1/members/{id}/id-number/reveal", id).then()
                .statusCode(200).body("idNumber", equalTo(idNumber)).body("revealedAt", not(nullValue()));

        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT revealed_by, reason, revealed_at FROM id_number_reveal WHERE member_id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("org_admin@" + tree[0]);
                assertThat(rs.getString(2)).isEqualTo("组织关系转接核对");
                assertThat(rs.getTimestamp(3)).isNotNull();
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void assignsAMemberOrANamedCadreAsLiaison() {
        UUID branch = fixtures.committeeWithBranch()[1];
        UUID member = fixtures.member(branch, "蒋流动");
        UUID liaison = fixtures.member(branch, "沈联络");

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"liaisonMemberId\": \"" + liaison + "\"}").header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", member)).put("/api/v1/members/{id}/liaison", member).then()
                .statusCode(200).body("liaison.memberId", equalTo(liaison.toString())).body("liaison.name", equalTo("沈联络"));
        JsonNode first = KafkaEvents.payload(events.await("member.events", MemberEvents.LIAISON_ASSIGNED, member));
        assertThat(first.get("liaison").get("memberId").asText()).isEqualTo(liaison.toString());

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"liaison\": {\"name\": \"韩干部\", \"phone\": \"0473-1234567\", \"wechat\": \"han\"}}")
                .header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", member)).put("/api/v1/members/{id}/liaison", member).then()
                .statusCode(200).body("liaison.name", equalTo("韩干部")).body("liaison.memberId", nullValue());
        events.await("member.events", r -> r.key().equals(member.toString())
                && KafkaEvents.payload(r).path("liaison").path("name").asText().equals("韩干部"));
    }

    @Test
    void refusesAnAmbiguousOrInvalidLiaison() {
        UUID branch = fixtures.committeeWithBranch()[1];
        UUID member = fixtures.member(branch, "杨党员");

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{}")
                .header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", member)).put("/api/v1/members/{id}/liaison", member).then().statusCode(400)
                .body("errors.field", hasItems("liaisonMemberId", "liaison"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"liaisonMemberId\": \"" + member + "\"}").header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", member)).put("/api/v1/members/{id}/liaison", member).then()
                .statusCode(400);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"liaisonMemberId\": \"" + UUID.randomUUID() + "\"}").header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", member)).put("/api/v1/members/{id}/liaison", member).then()
                .statusCode(400).body("errors[0].field", equalTo("liaisonMemberId"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"liaison\": {\"name\": \"\", \"phone\": \"abc\"}}").header("If-Match", ETags.of(tokens.admin(), "/api/v1/members/{id}", member)).put("/api/v1/members/{id}/liaison", member).then()
                .statusCode(400).body("errors.field", hasItems("liaison.name", "liaison.phone"));
    }

    private io.restassured.response.Response register(UUID branch, String idNumber) {
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.memberJson(branch, "测试", idNumber)).post("/api/v1/members");
    }

    private long rowsContaining(String table, String text) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table + " t WHERE t::text ILIKE ?")) {
            s.setString(1, "%" + text + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
