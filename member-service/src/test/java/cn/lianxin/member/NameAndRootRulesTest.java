package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.ETags;

/** Names with nothing visible in them are refused; the tree starts at a committee. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class NameAndRootRulesTest {

    private final Fixtures fixtures = new Fixtures();

    /** Full-width spaces (what a Chinese input method types), no-break and zero-width spaces: blank once trimmed. */
    private static final String[] BLANKS = { "   ", "\u3000\u3000", "\u00A0", "\u200B", " \t\u3000 " };

    @Test
    void aNameThatIsBlankOnceTrimmedIsRefusedNamingTheField() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "范空名");
        for (String blank : BLANKS) {
            admin().body(Fixtures.orgJson(tree[0], "BRANCH", blank)).post("/api/v1/orgs").then()
                    .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
            admin().body("{\"name\": \"" + blank + "\"}").patch("/api/v1/orgs/{id}", tree[1]).then()
                    .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
            admin().body(Fixtures.memberJson(tree[1], blank, TestIds.fresh())).post("/api/v1/members").then()
                    .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
            admin().header("If-Match", ETags.of(fixtures.tokens.admin(), "/api/v1/members/{id}", member))
                    .body("{\"name\": \"" + blank + "\"}").patch("/api/v1/members/{id}", member).then()
                    .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
            admin().body("{\"emergencyContact\": {\"name\": \"" + blank + "\", \"relation\": \"配偶\", \"phone\": \"13698765432\"}}")
                    .header("If-Match", ETags.of(fixtures.tokens.admin(), "/api/v1/members/{id}", member))
                    .patch("/api/v1/members/{id}", member).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("emergencyContact.name"));
        }
        given().auth().oauth2(fixtures.tokens.admin()).get("/api/v1/orgs/{id}", tree[1]).then()
                .statusCode(200).body("name", startsWith("支部"));
        given().auth().oauth2(fixtures.tokens.admin()).get("/api/v1/members/{id}", member).then()
                .statusCode(200).body("name", equalTo("范空名"));
    }

    @Test
    void anOrganizationWithoutAParentMustBeACommittee() {
        for (String type : new String[] { "BRANCH", "GENERAL_BRANCH" }) {
            admin().body(Fixtures.orgJson(null, type, "无上级" + Fixtures.suffix())).post("/api/v1/orgs").then()
                    .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("parentId"));
        }
        fixtures.org(null, "COMMITTEE", "新市委" + Fixtures.suffix());
    }

    private io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(fixtures.tokens.admin()).contentType(ContentType.JSON);
    }
}
