package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;
import cn.lianxin.testing.ETags;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class OutflowTest {

    static final String COMPLETE = """
            {"nature": "PERMANENT", "leftAt": "2026-03-01", "phone": "13512345678", "wechat": "flow_wx",
             "destination": {"place": "广东省深圳市南山区", "workUnit": "某科技公司"},
             "receivingOrg": {"name": "南山区某街道党工委", "contactName": "刘书记", "contactPhone": "0755-12345678"},
             "backupContact": {"name": "王芳", "relation": "配偶", "phone": "13698765432"},
             "certificateNo": "LD2026-001", "reason": "务工经商", "expectedReturnAt": "2027-03-01"}
            """;

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    @Test
    void registersAFlowMemberWithFourClearsAndPublishesTheContactCard() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "何流动");
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);

        io.restassured.response.ExtractableResponse<io.restassured.response.Response> created = given().auth()
                .oauth2(secretary).contentType(ContentType.JSON).body(COMPLETE)
                .post("/api/v1/members/{id}/outflows", member).then()
                .statusCode(201).body("status", equalTo("OPEN")).body("destination.place", equalTo("广东省深圳市南山区"))
                .extract();
        String outflow = created.path("id");
        // The Location names the new outflow, which reads there like the member's list of outflows.
        assertThat(created.header("Location")).endsWith("/api/v1/members/" + member + "/outflows/" + outflow);
        given().auth().oauth2(secretary).get(created.header("Location")).then().statusCode(200)
                .body("id", equalTo(outflow)).body("status", equalTo("OPEN"));
        given().auth().oauth2(secretary).get("/api/v1/members/{m}/outflows/{o}", fixtures.member(tree[1], "何别人"), outflow)
                .then().statusCode(404).contentType("application/problem+json");

        JsonNode payload = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_FLOWED_OUT, member));
        assertThat(payload.get("outflowId").asText()).isEqualTo(outflow);
        assertThat(payload.get("contact").get("wechat").asText()).isEqualTo("flow_wx");
        assertThat(payload.get("backupContact").get("relation").asText()).isEqualTo("配偶");
        assertThat(payload.get("receivingOrg").get("contactPhone").asText()).isEqualTo("0755-12345678");
        JsonNode card = payload.get("contactCard");
        assertThat(card.get("secretary").get("phone").asText()).isEqualTo("13800138000");
        assertThat(card.get("organizer").get("wechat").asText()).isEqualTo("li_wy");
        assertThat(card.get("wechatGroupUrl").asText()).startsWith("https://weixin.qq.com/g/");
        assertThat(card.get("webAddress").asText()).isEqualTo("https://dj.example.cn");
        given().auth().oauth2(secretary).get("/api/v1/members/{id}", member).then().body("flowing", equalTo(true));
        given().auth().oauth2(secretary).queryParam("flowing", "true").get("/api/v1/orgs/{id}/members", tree[1]).then()
                .body("total", equalTo(1));
    }

    @Test
    void listsEveryMissingPartOfFourClears() {
        UUID member = fixtures.member(fixtures.committeeWithBranch()[1], "吕不全");

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"leftAt\": \"2026-03-01\", \"phone\": \"13512345678\", \"destination\": {\"place\": \"\"}}")
                .post("/api/v1/members/{id}/outflows", member).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("流动性质"))
                .body("detail", containsString("联系方式"))
                .body("detail", containsString("流入地"))
                .body("detail", containsString("备用联系人"))
                .body("errors.field", hasItems("nature", "wechat", "destination.place", "backupContact"))
                .body("errors", hasSize(4));
    }

    @Test
    void refusesBadFormatsAndImpossibleDates() {
        UUID member = fixtures.member(fixtures.committeeWithBranch()[1], "施格式");
        String bad = COMPLETE.replace("13512345678", "123").replace("\"2026-03-01\"", "\"2999-01-01\"")
                .replace("\"2027-03-01\"", "\"2020-01-01\"");

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(bad)
                .post("/api/v1/members/{id}/outflows", member).then()
                .statusCode(400)
                .body("errors.field", hasItems("phone", "leftAt", "expectedReturnAt"));
    }

    @Test
    void allowsOneOpenOutflowAndFollowsItThroughReportInAndReturn() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "张往返");
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);
        String noReceiving = COMPLETE.replaceAll("\"receivingOrg\": \\{[^}]*\\},", "");
        String outflow = given().auth().oauth2(secretary).contentType(ContentType.JSON).body(noReceiving)
                .post("/api/v1/members/{id}/outflows", member).then().statusCode(201).extract().path("id");
        given().auth().oauth2(secretary).contentType(ContentType.JSON).body(COMPLETE)
                .post("/api/v1/members/{id}/outflows", member).then().statusCode(409);

        given().auth().oauth2(secretary).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/members/{id}/outflows/{o}/report-in", member, outflow).then()
                .statusCode(400).body("errors[0].field", equalTo("receivingOrg"));
        UUID liaison = fixtures.member(tree[1], "联络员");
        given().auth().oauth2(secretary).contentType(ContentType.JSON).body("{\"liaisonMemberId\": \"" + liaison + "\"}")
                .header("If-Match", ETags.of(secretary, "/api/v1/members/{id}", member))
                .put("/api/v1/members/{id}/liaison", member).then().statusCode(200);
        given().auth().oauth2(tokens.forMember(Roles.LIAISON, tree[1], liaison)).contentType(ContentType.JSON)
                .body("{\"receivingOrg\": {\"name\": \"福田区某社区党委\", \"contactName\": \"陈\", \"contactPhone\": \"13700001111\"}}")
                .post("/api/v1/members/{id}/outflows/{o}/report-in", member, outflow).then()
                .statusCode(200).body("status", equalTo("REPORTED_IN"));
        JsonNode reported = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_REPORTED_IN, member));
        assertThat(reported.get("receivingOrg").get("name").asText()).isEqualTo("福田区某社区党委");
        given().auth().oauth2(secretary).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/members/{id}/outflows/{o}/report-in", member, outflow).then().statusCode(409);

        given().auth().oauth2(secretary).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/members/{id}/outflows/{o}/return", member, outflow).then()
                .statusCode(200).body("status", equalTo("RETURNED"));
        JsonNode returned = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_RETURNED, member));
        assertThat(returned.get("outflowId").asText()).isEqualTo(outflow);
        given().auth().oauth2(secretary).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/members/{id}/outflows/{o}/return", member, outflow).then().statusCode(409);
        given().auth().oauth2(secretary).get("/api/v1/members/{id}", member).then().body("flowing", equalTo(false));

        given().auth().oauth2(secretary).contentType(ContentType.JSON).body(COMPLETE)
                .post("/api/v1/members/{id}/outflows", member).then().statusCode(201);
        given().auth().oauth2(secretary).get("/api/v1/members/{id}/outflows", member).then()
                .statusCode(200).body("status", hasItems("OPEN", "RETURNED")).body("", hasSize(2));
    }

    @Test
    void outflowsOfAMemberOutsideTheSubtreeAreNotFound() {
        UUID member = fixtures.member(fixtures.committeeWithBranch()[1], "严外");
        String otherSecretary = tokens.forRole(Roles.SECRETARY, fixtures.committeeWithBranch()[1]);

        given().auth().oauth2(otherSecretary).contentType(ContentType.JSON).body(COMPLETE)
                .post("/api/v1/members/{id}/outflows", member).then().statusCode(404);
        given().auth().oauth2(otherSecretary).get("/api/v1/members/{id}/outflows", member).then().statusCode(404);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/members/{id}/outflows/{o}/return", member, UUID.randomUUID()).then().statusCode(404);
    }
}
