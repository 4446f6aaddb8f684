package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.card.QrCodes;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ContactCardTest {

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;

    @Test
    void servesTheContactCardWithTheBranchWechatGroupAsQrCode() throws Exception {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "卡片人");
        String groupUrl = given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}", tree[1]).then().extract().path("wechatGroupUrl");

        byte[] png = given().auth().oauth2(tokens.forRole(Roles.SECRETARY, tree[1])).get("/api/v1/members/{id}/contact-card.png", member)
                .then().statusCode(200).contentType("image/png").extract().asByteArray();

        assertThat(QrCodes.read(png)).contains(groupUrl);
    }

    @Test
    void theCardOfAMemberOutsideTheSubtreeIsNotFound() {
        UUID member = fixtures.member(fixtures.committeeWithBranch()[1], "外卡");
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, fixtures.committeeWithBranch()[1]))
                .get("/api/v1/members/{id}/contact-card.png", member).then().statusCode(404);
    }
}
