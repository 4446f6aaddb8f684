package cn.lianxin.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import cn.lianxin.cases.service.CaseEvents;
import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.testing.ETags;
import cn.lianxin.testing.LianxinTestResource;

/**
 * Issue 15, safe writes: a case file's details change only with the ETag of the version they were read at, and a
 * search attempt sent again with its Idempotency-Key is logged once.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class CaseSafeWritesTest {

    private final CaseFixture fx = new CaseFixture();

    @Test
    void theDetailsOfACaseChangeOnlyWithItsCurrentETag() throws Exception {
        UUID caseId = fx.openCase(fx.tree(), null);
        String admin = fx.tokens.admin();
        String etag = ETags.of(admin, "/api/v1/cases/{id}", caseId);
        assertThat(etag).matches("\"\\d+\"");

        patch(caseId, null, "外出务工").statusCode(428).contentType("application/problem+json")
                .body("errors[0].field", equalTo("If-Match"));
        String changed = patch(caseId, etag, "外出务工").statusCode(200).body("cause", equalTo("外出务工"))
                .extract().header("ETag");
        assertThat(changed).isNotEqualTo(etag).isEqualTo(ETags.of(admin, "/api/v1/cases/{id}", caseId));

        patch(caseId, etag, "下落不明").statusCode(412).contentType("application/problem+json");
        assertThat(storedCause(caseId)).isEqualTo("外出务工");
        given().auth().oauth2(admin).get("/api/v1/cases/{id}", caseId).then().body("cause", equalTo("外出务工"))
                .header("ETag", changed);
    }

    @Test
    void aSearchAttemptSentAgainWithItsKeyIsLoggedOnce() throws Exception {
        UUID caseId = fx.openCase(fx.tree(), null);
        Map<String, Object> attempt = Map.of("at", fx.madeAt, "channel", "PHONE", "result", "LEAD");
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = attempt(caseId, key, attempt).statusCode(201).extract();
        ExtractableResponse<Response> again = attempt(caseId, key, attempt).statusCode(201).extract();

        assertThat(again.body().asString()).isEqualTo(first.body().asString());
        assertThat(again.header("Location")).isEqualTo(first.header("Location")).contains("/attempts/");
        assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(attempts(caseId)).isEqualTo(1);
        assertThat(attemptEvents(caseId)).isEqualTo(1);

        attempt(caseId, key, Map.of("at", fx.madeAt, "channel", "PHONE", "result", "NO_TRACE")).statusCode(422)
                .body("errors[0].field", equalTo("Idempotency-Key"));

        // Two at once with a new key: one waits for the other's commit and answers its response.
        String second = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ExtractableResponse<Response>>> both = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return attempt(caseId, second, Map.of("at", fx.madeAt, "channel", "SMS", "result", "LEAD")).extract();
                })).toList();
        start.countDown();
        ExtractableResponse<Response> a = both.get(0).get(30, TimeUnit.SECONDS);
        ExtractableResponse<Response> b = both.get(1).get(30, TimeUnit.SECONDS);
        assertThat(List.of(a.statusCode(), b.statusCode())).containsOnly(201);
        assertThat(a.header("Location")).isEqualTo(b.header("Location"));
        assertThat(attempts(caseId)).isEqualTo(2);
        assertThat(attemptEvents(caseId)).isEqualTo(2);
    }

    private io.restassured.response.ValidatableResponse patch(UUID caseId, String ifMatch, String cause) {
        var request = given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON).body(Map.of("cause", cause));
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.patch("/api/v1/cases/{id}", caseId).then();
    }

    private io.restassured.response.ValidatableResponse attempt(UUID caseId, String key, Map<String, Object> body) {
        return given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/cases/{id}/attempts", caseId).then();
    }

    private static String storedCause(UUID caseId) throws Exception {
        try (Connection db = LianxinTestResource.adminConnection();
                PreparedStatement row = db.prepareStatement("SELECT cause FROM cases.case_file WHERE id = ?")) {
            row.setObject(1, caseId);
            try (ResultSet rows = row.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static long attempts(UUID caseId) throws Exception {
        return count("SELECT count(*) FROM cases.search_attempt WHERE case_id = CAST(? AS uuid)", caseId);
    }

    private static long attemptEvents(UUID caseId) throws Exception {
        return count("SELECT count(*) FROM cases.outbox_event WHERE type = '" + CaseEvents.SEARCH_ATTEMPT_LOGGED
                + "' AND payload->>'caseId' = ?", caseId);
    }

    private static long count(String sql, UUID caseId) throws Exception {
        try (Connection db = LianxinTestResource.adminConnection(); PreparedStatement count = db.prepareStatement(sql)) {
            count.setString(1, caseId.toString());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
