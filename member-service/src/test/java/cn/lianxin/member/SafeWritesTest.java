package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.testing.ETags;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/**
 * Issue 15, safe writes: a member and an organization carry their version as an ETag, a PATCH or PUT must name the
 * version it is based on (If-Match) and a stale one changes nothing; an outflow or a transfer sent again with its
 * Idempotency-Key is created once.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class SafeWritesTest {

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;

    @Test
    void aPatchMustNameTheCurrentETagAndAStaleOneChangesNothing() throws Exception {
        UUID member = fixtures.member(fixtures.committeeWithBranch()[1], "何版本");
        String etag = ETags.of(tokens.admin(), "/api/v1/members/{id}", member);
        assertThat(etag).matches("\"\\d+\"");

        patch(member, null, "{\"occupation\": \"教师\"}").statusCode(428).contentType("application/problem+json")
                .body("errors[0].field", equalTo("If-Match"));
        String changed = patch(member, etag, "{\"occupation\": \"教师\"}").statusCode(200)
                .body("occupation", equalTo("教师")).extract().header("ETag");
        assertThat(changed).isNotEqualTo(etag).isEqualTo(ETags.of(tokens.admin(), "/api/v1/members/{id}", member));

        // Someone who read the member before that change sends theirs: refused, and the row stays as it is.
        String before = stored(member);
        long events = events(member);
        patch(member, etag, "{\"occupation\": \"医生\"}").statusCode(412).contentType("application/problem+json")
                .body("errors[0].field", equalTo("If-Match"));
        patch(member, "W/" + changed, "{\"occupation\": \"医生\"}").statusCode(412); // If-Match compares strongly
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"liaison\": {\"name\": \"韩干部\", \"phone\": \"13800000000\"}}")
                .put("/api/v1/members/{id}/liaison", member).then().statusCode(412);
        assertThat(stored(member)).isEqualTo(before).contains("教师");
        assertThat(events(member)).isEqualTo(events);

        // A list of tags matches if one does; * matches whatever is stored.
        patch(member, "\"999\", " + changed, "{\"occupation\": \"医生\"}").statusCode(200).body("occupation", equalTo("医生"));
        patch(member, "*", "{\"occupation\": \"律师\"}").statusCode(200).body("occupation", equalTo("律师"));
        // A member outside the caller's subtree stays unknown, If-Match or not.
        patch(UUID.randomUUID(), null, "{\"occupation\": \"教师\"}").statusCode(404);
    }

    @Test
    void anOrganizationIsChangedOnlyWithItsCurrentETag() {
        UUID branch = fixtures.committeeWithBranch()[1];
        String etag = ETags.of(tokens.admin(), "/api/v1/orgs/{id}", branch);
        String body = "{\"webAddress\": \"https://dj.example.cn/new\"}";
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body).patch("/api/v1/orgs/{id}", branch)
                .then().statusCode(428);
        String changed = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(body).patch("/api/v1/orgs/{id}", branch).then().statusCode(200).extract().header("ETag");
        assertThat(changed).isNotEqualTo(etag);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"webAddress\": \"https://dj.example.cn/lost\"}").patch("/api/v1/orgs/{id}", branch)
                .then().statusCode(412);
        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}", branch).then()
                .body("webAddress", equalTo("https://dj.example.cn/new")).header("ETag", changed);
    }

    @Test
    void anOutflowSentAgainWithItsKeyIsRegisteredOnceAndAnsweredAsTheFirstTime() throws Exception {
        UUID member = fixtures.member(fixtures.committeeWithBranch()[1], "冯流动");
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = outflow(member, key, OutflowTest.COMPLETE).statusCode(201).extract();
        ExtractableResponse<Response> again = outflow(member, key, OutflowTest.COMPLETE).statusCode(201).extract();

        assertThat(again.body().asString()).isEqualTo(first.body().asString());
        assertThat(again.header("Location")).isEqualTo(first.header("Location")).endsWith(first.path("id").toString());
        assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(count("SELECT count(*) FROM member.outflow WHERE member_id = CAST(? AS uuid)", member)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM member.outbox_event WHERE subject = ? AND type = '"
                + MemberEvents.MEMBER_FLOWED_OUT + "'", member)).isEqualTo(1);

        outflow(member, key, OutflowTest.COMPLETE.replace("13512345678", "13512345679")).statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(count("SELECT count(*) FROM member.outflow WHERE member_id = CAST(? AS uuid)", member)).isEqualTo(1);
    }

    private io.restassured.response.ValidatableResponse patch(UUID member, String ifMatch, String body) {
        var request = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.patch("/api/v1/members/{id}", member).then();
    }

    private io.restassured.response.ValidatableResponse outflow(UUID member, String key, String body) {
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/members/{id}/outflows", member).then();
    }

    private static String stored(UUID member) throws Exception {
        try (Connection db = LianxinTestResource.adminConnection();
                PreparedStatement row = db.prepareStatement(
                        "SELECT occupation, version, updated_at FROM member.member WHERE id = ?")) {
            row.setObject(1, member);
            try (ResultSet rows = row.executeQuery()) {
                rows.next();
                return List.of(String.valueOf(rows.getString(1)), rows.getLong(2), String.valueOf(rows.getObject(3)))
                        .toString();
            }
        }
    }

    private static long events(UUID member) throws Exception {
        return count("SELECT count(*) FROM member.outbox_event WHERE subject = ?", member);
    }

    private static long count(String sql, UUID member) throws Exception {
        try (Connection db = LianxinTestResource.adminConnection(); PreparedStatement count = db.prepareStatement(sql)) {
            count.setString(1, member.toString());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
