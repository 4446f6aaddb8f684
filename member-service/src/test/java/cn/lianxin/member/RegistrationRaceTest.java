package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.pii.PiiCipher;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/** Two registrations of one ID number at the same moment: the unique index decides, the loser gets a 409, never a 500. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RegistrationRaceTest {

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    @Inject
    DataSource db;

    @Inject
    PiiCipher pii;

    /**
     * Provokes the constraint for certain: another transaction holds the ID number's blind index, uncommitted, so
     * the registration's look-up finds nothing and its insert waits on the unique index until that transaction
     * commits — then PostgreSQL refuses it (23505).
     */
    @Test
    void aRegistrationThatLosesToAConcurrentCommitOnTheUniqueIndexIsAConflict() throws Exception {
        UUID branch = fixtures.committeeWithBranch()[1];
        UUID holder = fixtures.member(branch, "占位人");
        String idNumber = TestIds.fresh();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection tx = db.getConnection()) {
            tx.setAutoCommit(false);
            try (PreparedStatement hold = tx.prepareStatement("UPDATE member SET id_number_index = ? WHERE id = ?")) {
                hold.setString(1, pii.blindIndex(idNumber));
                hold.setObject(2, holder);
                assertThat(hold.executeUpdate()).isEqualTo(1);
            }

            CompletableFuture<Response> registration = CompletableFuture.supplyAsync(() -> register(branch, "后来人", idNumber), pool);
            await().atMost(Duration.ofSeconds(20)).until(() -> HeldLocks.sessionsBlockedBy(tx) > 0);
            tx.commit();

            Response refused = registration.get(20, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.jsonPath().getString("errors[0].field")).isEqualTo("idNumber");
            assertThat(refused.jsonPath().getString("detail")).contains("at the same moment"); // the index refused it
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}/members", branch).then().statusCode(200)
                .body("total", equalTo(1));
    }

    @Test
    void parallelRegistrationsOfOneIdNumberRegisterOneMemberAndRefuseTheOthersWith409() throws Exception {
        UUID branch = fixtures.committeeWithBranch()[1];
        String idNumber = TestIds.fresh();
        int parallel = 4;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < parallel; i++) {
                String name = "并发" + i;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return register(branch, name, idNumber);
                }, pool));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (CompletableFuture<Response> call : calls) {
                responses.add(call.get(30, TimeUnit.SECONDS));
            }

            assertThat(responses).extracting(Response::statusCode).containsOnly(201, 409);
            assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
            assertThat(responses).filteredOn(r -> r.statusCode() == 409).allSatisfy(r -> {
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("idNumber");
            });
            UUID registered = UUID.fromString(responses.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow()
                    .jsonPath().getString("id"));
            events.await("member.events", MemberEvents.MEMBER_REGISTERED, registered);
        } finally {
            pool.shutdownNow();
        }
    }

    private Response register(UUID branch, String name, String idNumber) {
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.memberJson(branch, name, idNumber)).post("/api/v1/members").andReturn();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
