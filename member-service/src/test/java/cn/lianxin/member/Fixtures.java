package cn.lianxin.member;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;

import cn.lianxin.testing.Tokens;

/** Builds orgs and members through the API, as a client would. */
public final class Fixtures {

    public final Tokens tokens = Tokens.forTests();

    public UUID org(UUID parent, String type, String name) {
        return created(given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(orgJson(parent, type, name))
                .post("/api/v1/orgs").then().statusCode(201).extract(), "/api/v1/orgs/");
    }

    /** The id of a 201's new resource, whose Location must name it under {@code collection}. */
    static UUID created(io.restassured.response.ExtractableResponse<io.restassured.response.Response> response,
            String collection) {
        String id = response.path("id");
        String location = response.header("Location");
        if (location == null || !location.endsWith(collection + id)) {
            throw new AssertionError("201 Location " + location + " does not name " + collection + id);
        }
        return UUID.fromString(id);
    }

    public static String orgJson(UUID parent, String type, String name) {
        return """
                {"name": "%s", "type": "%s", %s "secretary": {"name": "张书记", "phone": "13800138000", "wechat": "zhang_sj", "email": "zhang@example.cn"},
                 "organizer": {"name": "李委员", "phone": "13900139000", "wechat": "li_wy"},
                 "wechatGroupUrl": "https://weixin.qq.com/g/lianxin-%s", "webAddress": "https://dj.example.cn"}
                """.formatted(name, type, parent == null ? "" : "\"parentId\": \"" + parent + "\",", UUID.randomUUID());
    }

    /** A committee with one branch under it: [committee, branch]. */
    public UUID[] committeeWithBranch() {
        UUID committee = org(null, "COMMITTEE", "委员会" + suffix());
        return new UUID[] { committee, org(committee, "BRANCH", "支部" + suffix()) };
    }

    public static String memberJson(UUID branch, String name, String idNumber) {
        return """
                {"name": "%s", "idNumber": "%s", "gender": "MALE", "ethnicity": "汉族", "education": "本科",
                 "phone": "13712345678", "wechat": "wx_%s", "orgId": "%s", "category": "FULL",
                 "joinedAt": "2010-07-01", "regularizedAt": "2011-07-01",
                 "emergencyContact": {"name": "王芳", "relation": "配偶", "phone": "13698765432"}}
                """.formatted(name, idNumber, suffix(), branch);
    }

    public UUID member(UUID branch, String name) {
        return member(tokens.admin(), branch, name, TestIds.fresh());
    }

    public UUID member(String token, UUID branch, String name, String idNumber) {
        return created(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(memberJson(branch, name, idNumber))
                .post("/api/v1/members").then().statusCode(201).extract(), "/api/v1/members/");
    }

    public static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
