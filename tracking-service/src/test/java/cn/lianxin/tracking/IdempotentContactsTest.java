package cn.lianxin.tracking;

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

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;

/** Issue 15, safe writes: a contact sent again with its Idempotency-Key is recorded once and answered as the first time. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class IdempotentContactsTest {

    private static final String RECORDED = "lianxin.contact.ContactRecorded.v1";

    @Inject
    World world;

    @Test
    void aRetriedContactWithTheSameKeyAnswersTheFirstResponseAndRecordsNothingMore() throws Exception {
        UUID member = world.register(world.branch(world.committee(), "幂等一支部"), "2024-01-15T10:00:00+08:00");
        Map<String, String> call = contact(member);
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = post(world.tokens.admin(), key, call, "/api/v1/contacts");
        ExtractableResponse<Response> again = post(world.tokens.admin(), key, call, "/api/v1/contacts");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body().asString()).isEqualTo(first.body().asString());
        assertThat(again.header("Location")).isEqualTo(first.header("Location")).isNotNull();
        assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotency-Replayed")).isNull();
        assertThat(world.contactCount(member)).isEqualTo(1);
        assertThat(outboxEvents(member)).isEqualTo(1);

        // The same call without a key is a new fact, as before.
        post(world.tokens.admin(), null, call, "/api/v1/contacts");
        assertThat(world.contactCount(member)).isEqualTo(2);
    }

    @Test
    void theSameKeyWithAnotherRequestIs422NamingTheHeaderAndRecordsNothing() throws Exception {
        UUID member = world.register(world.branch(world.committee(), "幂等二支部"), "2024-01-15T10:00:00+08:00");
        String key = UUID.randomUUID().toString();
        post(world.tokens.admin(), key, contact(member), "/api/v1/contacts");

        Map<String, String> other = new java.util.HashMap<>(contact(member));
        other.put("outcome", "NOT_REACHED");
        given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(other)
                .post("/api/v1/contacts").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("Idempotency-Key"));
        given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("items", List.of(contact(member)))).post("/api/v1/contacts/batch").then()
                .statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));
        given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON).header("Idempotency-Key", "x".repeat(256))
                .body(contact(member)).post("/api/v1/contacts").then()
                .statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(world.contactCount(member)).isEqualTo(1);
        assertThat(outboxEvents(member)).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirCallerSoAnotherCallersEqualKeyIsAnotherRequest() throws Exception {
        UUID branch = world.branch(world.committee(), "幂等三支部");
        UUID member = world.register(branch, "2024-01-15T10:00:00+08:00");
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> admin = post(world.tokens.admin(), key, contact(member), "/api/v1/contacts");
        ExtractableResponse<Response> secretary = post(world.tokens.forRole(Roles.SECRETARY, branch), key, contact(member),
                "/api/v1/contacts");

        assertThat(secretary.header("Idempotency-Replayed")).isNull();
        assertThat(secretary.path("id").toString()).isNotEqualTo(admin.path("id").toString());
        assertThat(secretary.path("recordedBy").toString()).isEqualTo("secretary@" + branch);
        assertThat(world.contactCount(member)).isEqualTo(2);
    }

    @Test
    void aBatchSentAgainWithItsKeyIsRecordedOnce() throws Exception {
        UUID member = world.register(world.branch(world.committee(), "幂等四支部"), "2024-01-15T10:00:00+08:00");
        Map<String, Object> batch = Map.of("items", List.of(contact(member),
                Map.of("memberId", member.toString(), "at", "2024-02-02T09:30:00+08:00", "channel", "VISIT", "outcome",
                        "REACHED")));
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = post(world.tokens.admin(), key, batch, "/api/v1/contacts/batch");
        ExtractableResponse<Response> again = post(world.tokens.admin(), key, batch, "/api/v1/contacts/batch");

        assertThat(again.statusCode()).isEqualTo(first.statusCode()).isEqualTo(201);
        assertThat(again.body().asString()).isEqualTo(first.body().asString());
        assertThat(world.contactCount(member)).isEqualTo(2);
        assertThat(outboxEvents(member)).isEqualTo(2);
    }

    @Test
    void twoConcurrentRequestsWithOneKeyRecordOneContact() throws Exception {
        UUID member = world.register(world.branch(world.committee(), "幂等五支部"), "2024-01-15T10:00:00+08:00");
        for (int round = 0; round < 5; round++) {
            Map<String, String> call = new java.util.HashMap<>(contact(member));
            call.put("at", "2024-02-0" + (round + 1) + "T09:30:00+08:00");
            String key = UUID.randomUUID().toString();
            String token = world.tokens.admin();
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<ExtractableResponse<Response>>> both = List.of(1, 2).stream()
                    .map(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return post(token, key, call, "/api/v1/contacts");
                    })).toList();
            start.countDown();
            ExtractableResponse<Response> a = both.get(0).get(30, TimeUnit.SECONDS);
            ExtractableResponse<Response> b = both.get(1).get(30, TimeUnit.SECONDS);
            assertThat(List.of(a.statusCode(), b.statusCode())).containsOnly(201);
            assertThat(a.body().asString()).isEqualTo(b.body().asString());
            assertThat(world.contactCount(member)).isEqualTo(round + 1);
            assertThat(outboxEvents(member)).isEqualTo(round + 1);
        }
    }

    private static ExtractableResponse<Response> post(String token, String key, Object body, String path) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post(path).then().statusCode(201).extract();
    }

    private static Map<String, String> contact(UUID member) {
        return Map.of("memberId", member.toString(), "at", "2024-02-01T09:30:00+08:00", "channel", "PHONE",
                "outcome", "REACHED");
    }

    private static long outboxEvents(UUID member) throws Exception {
        try (Connection db = LianxinTestResource.adminConnection();
                PreparedStatement count = db.prepareStatement(
                        "SELECT count(*) FROM tracking.outbox_event WHERE subject = ? AND type = ?")) {
            count.setString(1, member.toString());
            count.setString(2, RECORDED);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
