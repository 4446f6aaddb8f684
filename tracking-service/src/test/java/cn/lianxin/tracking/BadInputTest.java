package cn.lianxin.tracking;

import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.BadInputContract;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/** The bad-input corpus over every operation of tracking-service, aimed at a registered member of a branch. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class BadInputTest extends BadInputContract {

    @Inject
    World fixture;

    private static UUID branch;
    private static UUID member;
    private static UUID liaison;
    private static String campaign;

    @Override
    protected String schema() {
        return "tracking";
    }

    private void world() {
        if (branch == null) {
            branch = fixture.branch(fixture.committee(), "坏输入支部");
            liaison = fixture.register(branch, "2024-01-10T09:00:00+08:00");
            member = fixture.register(branch, "2024-01-10T09:00:00+08:00");
            campaign = io.restassured.RestAssured.given().auth().oauth2(Tokens.forTests().admin())
                    .contentType("application/json").body(java.util.Map.of("orgId", branch.toString(), "name", "坏输入排查"))
                    .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
        }
    }

    @Override
    protected String validValue(String method, String path, String name) {
        world();
        return switch (name) {
            case "memberId" -> member.toString();
            case "orgId" -> branch.toString();
            case "liaisonId" -> liaison.toString();
            case "contactedBy" -> "陈联络";
            case "id" -> path.startsWith("/api/v1/campaigns/") ? campaign : null;
            default -> null;
        };
    }

    /** A check-in is a MEMBER's own (domain.md §6); everything else ADMIN may call. */
    @Override
    protected String token(String method, String path) {
        world();
        if (path.equals("/api/v1/me/check-ins")) {
            return Tokens.forTests().forMember(Roles.MEMBER, branch, member);
        }
        return super.token(method, path);
    }
}
