package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;
import cn.lianxin.testing.ETags;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class OrgResourceTest {

    private final Tokens tokens = Tokens.forTests();
    private final KafkaEvents events = KafkaEvents.forTests();

    @Inject
    KafkaClientService kafka;

    @Inject
    ObjectMapper mapper;

    @Test
    void createsAnOrgAndPublishesOrgCreatedThroughTheOutbox() throws Exception {
        UUID committee = createOrg(tokens.admin(), null, "COMMITTEE", "X市委组织部");
        UUID branch = createOrg(tokens.admin(), committee, "BRANCH", "第一党支部");

        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}", branch).then()
                .statusCode(200)
                .body("name", equalTo("第一党支部"))
                .body("parentId", equalTo(committee.toString()))
                .body("path", hasSize(2))
                .body("secretary.phone", equalTo("13800138000"));

        ConsumerRecord<String, String> record = events.await("member.events", "lianxin.member.OrgCreated.v1", branch);
        assertThat(record.key()).isEqualTo(branch.toString());
        JsonNode payload = mapper.readTree(record.value());
        assertThat(payload.get("path").get(0).asText()).isEqualTo(committee.toString());
        assertThat(payload.get("path").get(1).asText()).isEqualTo(branch.toString());
        assertThat(payload.get("secretary").get("name").asText()).isEqualTo("张书记");
    }

    @Test
    void everyOutgoingChannelWaitsForAllReplicas() {
        Map<String, ?> config = kafka.getProducer("outbox").configuration();

        assertThat(config.get("acks")).hasToString("all");
        assertThat(config.get("enable.idempotence")).hasToString("true");
    }

    @Test
    void listsChildrenOfAnOrg() {
        UUID committee = createOrg(tokens.admin(), null, "COMMITTEE", "区委");
        createOrg(tokens.admin(), committee, "BRANCH", "甲支部");
        createOrg(tokens.admin(), committee, "GENERAL_BRANCH", "乙总支");

        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}/children", committee).then()
                .statusCode(200)
                .body("name", hasItem("甲支部"))
                .body("name", hasItem("乙总支"));
    }

    @Test
    void answers401WithoutAToken() {
        given().contentType(ContentType.JSON).body(orgJson(null, "COMMITTEE", "无令牌"))
                .post("/api/v1/orgs").then().statusCode(401);
        given().get("/api/v1/orgs/{id}", UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void refusesInvalidFieldsNamingEachOne() {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("""
                        {"name": "", "type": "BRANCH", "secretary": {"name": "王", "phone": "12345"}}
                        """)
                .post("/api/v1/orgs").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("secretary.phone"));
    }

    @Test
    void refusesAnUnknownEnumValueNamingTheField() {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(orgJson(null, "PARTY_GROUP", "未知类型"))
                .post("/api/v1/orgs").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("COMMITTEE"));
    }

    @Test
    void refusesMalformedJsonAndWrongTypes() {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"name\": ")
                .post("/api/v1/orgs").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"type\": \"BRANCH\", \"parentId\": 42, \"secretary\": {\"name\": \"王\", \"phone\": \"13800138000\"}}")
                .post("/api/v1/orgs").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("parentId"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"type\": \"BRANCH\", \"colour\": \"red\", \"secretary\": {\"name\": \"王\", \"phone\": \"13800138000\"}}")
                .post("/api/v1/orgs").then()
                .statusCode(400)
                .body("errors[0].field", equalTo("colour"));
    }

    @Test
    void refusesAnUnknownParentAndChildrenOfABranch() {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(orgJson(UUID.randomUUID(), "BRANCH", "无父组织"))
                .post("/api/v1/orgs").then()
                .statusCode(400)
                .body("errors[0].field", equalTo("parentId"));

        UUID committee = createOrg(tokens.admin(), null, "COMMITTEE", "镇党委");
        UUID branch = createOrg(tokens.admin(), committee, "BRANCH", "村支部");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(orgJson(branch, "BRANCH", "支部下的支部"))
                .post("/api/v1/orgs").then()
                .statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void refusesAMoveThatWouldCreateACycle() {
        UUID committee = createOrg(tokens.admin(), null, "COMMITTEE", "县委");
        UUID general = createOrg(tokens.admin(), committee, "GENERAL_BRANCH", "总支");

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"parentId\": \"" + general + "\"}")
                .header("If-Match", ETags.of(tokens.admin(), "/api/v1/orgs/{id}", committee))
                .patch("/api/v1/orgs/{id}", committee).then()
                .statusCode(422)
                .body("errors[0].field", equalTo("parentId"));
    }

    @Test
    void hidesOrgsOutsideTheCallersSubtree() {
        UUID committee = createOrg(tokens.admin(), null, "COMMITTEE", "市委");
        UUID branchA = createOrg(tokens.admin(), committee, "BRANCH", "A支部");
        UUID branchB = createOrg(tokens.admin(), committee, "BRANCH", "B支部");
        String secretaryOfA = tokens.forRole(Roles.SECRETARY, branchA);

        given().auth().oauth2(secretaryOfA).get("/api/v1/orgs/{id}", branchA).then().statusCode(200);
        given().auth().oauth2(secretaryOfA).get("/api/v1/orgs/{id}", branchB).then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(secretaryOfA).get("/api/v1/orgs/{id}", committee).then().statusCode(404);
    }

    @Test
    void anOrgAdminCreatesOnlyInsideTheirSubtree() {
        UUID committee = createOrg(tokens.admin(), null, "COMMITTEE", "开发区党工委");
        UUID other = createOrg(tokens.admin(), null, "COMMITTEE", "另一党委");
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, committee);

        createOrg(orgAdmin, committee, "BRANCH", "园区支部");
        given().auth().oauth2(orgAdmin).contentType(ContentType.JSON).body(orgJson(other, "BRANCH", "越权"))
                .post("/api/v1/orgs").then().statusCode(400).body("errors[0].field", equalTo("parentId"));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, committee)).contentType(ContentType.JSON)
                .body(orgJson(committee, "BRANCH", "无权")).post("/api/v1/orgs").then().statusCode(403);
    }

    private UUID createOrg(String token, UUID parent, String type, String name) {
        return Fixtures.created(given().auth().oauth2(token).contentType(ContentType.JSON).body(orgJson(parent, type, name))
                .post("/api/v1/orgs").then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .extract(), "/api/v1/orgs/");
    }

    private static String orgJson(UUID parent, String type, String name) {
        return """
                {"name": "%s", "type": "%s", %s "secretary": {"name": "张书记", "phone": "13800138000", "wechat": "zhang_sj"},
                 "organizer": {"name": "李委员", "phone": "13900139000"}, "wechatGroupUrl": "https://weixin.qq.com/g/demo"}
                """.formatted(name, type, parent == null ? "" : "\"parentId\": \"" + parent + "\",");
    }
}
