package cn.lianxin.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.notification.template.NotificationKind;
import cn.lianxin.notification.support.NotificationTestSupport;
import cn.lianxin.notification.support.Payloads;
import cn.lianxin.notification.support.PeersTestResource;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.ETags;
import cn.lianxin.testing.LianxinTestResource;

/**
 * Chinese Qute templates in the database: listed, read one by one with their ETag, edited by an ADMIN who names the
 * version read in If-Match, refused when they do not compile.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@WithTestResource(PeersTestResource.class)
class TemplateResourceTest extends NotificationTestSupport {

    @Test
    void listsADefaultTemplateForEveryNotificationKind() {
        given().auth().oauth2(tokens.admin()).get("/api/v1/templates").then()
                .statusCode(200)
                .body("key", containsInAnyOrder(Arrays.stream(NotificationKind.values()).map(NotificationKind::key)
                        .toArray(String[]::new)))
                .body("find { it.key == 'member-flowed-out.card' }.body", containsString("联心卡"))
                .body("find { it.key == 'case-escalated' }.variables", hasItem("toOrgName"))
                .body("find { it.key == 'transfer-receipt-overdue' }.updatedBy", equalTo("migration"));
    }

    @Test
    void anEditedTemplateIsUsedForTheNextNotification() {
        String key = "case-opened";
        Map<String, Object> original = given().auth().oauth2(tokens.admin()).get("/api/v1/templates").then()
                .extract().jsonPath().getMap("find { it.key == '" + key + "' }");
        try {
            given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                    .body(Map.of("subject", "【建档】{memberName}", "body", "{recipientName}：请于{verificationDueDate}前核查{memberName}。"))
                    .put("/api/v1/templates/{key}", key).then()
                    .statusCode(200)
                    .body("body", equalTo("{recipientName}：请于{verificationDueDate}前核查{memberName}。"))
                    .body("updatedBy", equalTo("admin"));

            Tree tree = tree();
            UUID member = member(tree, "冯党员", mobile(), null, null);
            UUID event = publish("lianxin.case.CaseOpened.v1", member,
                    Payloads.caseOpened(UUID.randomUUID(), member, tree.branch()));
            awaitHeldThenCloseWindow(event, 1);

            assertThat(awaitGateway(tree.branchSecretary().phone(), 1).get(0).body().get("content").asText())
                    .isEqualTo("张书记：请于2027-03-31前核查冯党员。");
        } finally {
            given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                    .body(Map.of("subject", original.get("subject"), "body", original.get("body")))
                    .put("/api/v1/templates/{key}", key).then().statusCode(200);
        }
    }

    @Test
    void aTemplateThatDoesNotCompileIsRefusedWithTheError() {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("subject", "提醒", "body", "{#if memberName}未闭合"))
                .put("/api/v1/templates/case-opened").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("if"));

        given().auth().oauth2(tokens.admin()).get("/api/v1/templates").then()
                .body("find { it.key == 'case-opened' }.body", containsString("建立失联党员档案"));
    }

    @Test
    void aTemplateNamingDataItsKindDoesNotHaveIsRefused() {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("subject", "{noSuchThing}", "body", "{memberName}"))
                .put("/api/v1/templates/case-opened").then()
                .statusCode(422)
                .body("errors[0].field", equalTo("subject"))
                .body("errors[0].message", containsString("noSuchThing"));
    }

    @Test
    void onlyAnAdminEditsTemplatesAndUnknownKeysDoNotExist() {
        UUID org = UUID.randomUUID();
        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, org)).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("subject", "x", "body", "y"))
                .put("/api/v1/templates/case-opened").then().statusCode(403);
        given().auth().oauth2(tokens.forRole(Roles.MEMBER, org)).get("/api/v1/templates").then().statusCode(403);
        given().get("/api/v1/templates").then().statusCode(401);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("subject", "x", "body", "y"))
                .put("/api/v1/templates/no-such-template").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("subject", " ", "body", "y"))
                .put("/api/v1/templates/case-opened").then()
                .statusCode(422).body("errors[0].field", equalTo("subject"));
    }

    @Test
    void theEditorComesFromTheTokenAndABodyNamingAnAuthorIsRefused() {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("subject", "x", "body", "y", "updatedBy", "someone-else"))
                .put("/api/v1/templates/case-opened").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("updatedBy"));
    }

    @Test
    void anEditNamesTheVersionItReadSoThatNoEditIsLostUnseen() {
        String key = "case-closed";
        String path = "/api/v1/templates/{key}";
        Map<String, Object> original = given().auth().oauth2(tokens.admin()).get(path, key).then().statusCode(200)
                .extract().jsonPath().getMap("$");
        String read = ETags.of(tokens.admin(), path, key);
        assertThat(read).matches("\"\\d+\"");
        Map<String, Object> first = Map.of("subject", "【结案】{memberName}", "body", "{recipientName}：{memberName}的档案已结案。");
        try {
            // Without If-Match: 428, and the text stays.
            given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(first).put(path, key).then()
                    .statusCode(428).contentType("application/problem+json").body("errors[0].field", equalTo("If-Match"));
            given().auth().oauth2(tokens.admin()).get(path, key).then().header("ETag", read).body("body", equalTo(original.get("body")));

            // The first editor, with the version read: 200 and a new ETag.
            String written = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", read)
                    .body(first).put(path, key).then()
                    .statusCode(200).body("subject", equalTo("【结案】{memberName}")).extract().header("ETag");
            assertThat(written).isNotEqualTo(read);
            assertThat(ETags.of(tokens.admin(), path, key)).isEqualTo(written);

            // A second editor who read the same version: 412, and the first edit stands.
            given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", read)
                    .body(Map.of("subject", "覆盖", "body", "覆盖")).put(path, key).then()
                    .statusCode(412).contentType("application/problem+json").body("errors[0].field", equalTo("If-Match"));
            given().auth().oauth2(tokens.admin()).get(path, key).then().body("subject", equalTo("【结案】{memberName}"));

            // A weak tag never matches; an unknown key is 404 before any precondition.
            given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", "W/" + written)
                    .body(first).put(path, key).then().statusCode(412);
            given().auth().oauth2(tokens.admin()).get(path, "no-such-template").then().statusCode(404);
            given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(first)
                    .put(path, "no-such-template").then().statusCode(404);
        } finally {
            given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", "*")
                    .body(Map.of("subject", original.get("subject"), "body", original.get("body")))
                    .put(path, key).then().statusCode(200);
        }
    }

    @Test
    void theDigestTemplateListsEveryLineAndLinksTheWorkList() {
        given().auth().oauth2(tokens.admin()).get("/api/v1/templates").then()
                .statusCode(200)
                .body("find { it.key == 'digest' }.variables", hasItem("items"))
                .body("find { it.key == 'digest' }.body", containsString("{#for item in items}"));
    }
}
