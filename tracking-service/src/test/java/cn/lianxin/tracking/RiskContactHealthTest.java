package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.testing.LianxinTestResource;

/**
 * 流失风险's signal "contact details unconfirmed" over the real broker and database: member-service's
 * ContactVerificationDue puts it on the member's score with its date and points, ContactDetailsConfirmed clears it, a
 * redelivery changes nothing, and a late ContactVerificationDue of an earlier crossing does not bring it back.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RiskContactHealthTest {

    private static final String AS_OF = "2026-11-25T12:00:00+08:00";
    private static final String DUE = "lianxin.member.ContactVerificationDue.v1";
    private static final String CONFIRMED = "lianxin.member.ContactDetailsConfirmed.v1";

    @Inject
    World world;

    @Inject
    EntityManager em;

    UUID branch;
    UUID member;

    /** A member reached every month as usual: nothing else on the score. */
    @BeforeEach
    void aSteadyMember() {
        branch = world.branch(world.committee(), "核实支部");
        member = world.register(branch, "2025-09-01T09:00:00+08:00");
        for (String day : new String[] { "09-20", "10-20", "11-20" }) {
            world.reached(member, "2026-" + day + "T10:00:00+08:00", "PHONE");
        }
    }

    private UUID publish(String ceType, UUID eventId, String json) {
        EventSchemas.load().assertValid(ceType, json);
        world.events.publish(World.MEMBER_EVENTS, ceType, eventId, member, json);
        await().atMost(Duration.ofSeconds(20)).until(() -> world.processed(eventId));
        return eventId;
    }

    private String due(String since) {
        return """
                {"memberId": "%s", "orgId": "%s", "since": "%s", "unconfirmedAfter": "P12M",
                 "reasons": ["UNCONFIRMED"], "asOf": "%s"}
                """.formatted(member, branch, since, since);
    }

    private String confirmed(String at) {
        return """
                {"memberId": "%s", "orgId": "%s", "confirmedAt": "%s", "cleared": []}
                """.formatted(member, branch, at);
    }

    private long processedCount(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM processed_event WHERE event_id = :id").setParameter("id", eventId)
                .getSingleResult()).longValue());
    }

    @Test
    void contactDetailsUnconfirmedShowOnTheScoreWithTheirDateAndPointsUntilConfirmed() {
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", AS_OF)
                .get("/api/v1/members/{id}/risk", member).then()
                .statusCode(200).body("score", equalTo(0)).body("contributions", empty());

        UUID event = publish(DUE, UUID.randomUUID(), due("2026-09-01T09:00:00+08:00"));
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", AS_OF)
                .get("/api/v1/members/{id}/risk", member).then()
                .statusCode(200)
                .body("score", equalTo(6))
                .body("contributions.signal", contains("CONTACT_UNCONFIRMED"))
                .body("contributions.points", contains(6))
                .body("contributions.text", contains("联系方式自 2026-09-01 起未经核实（已 85 天）: +6"));
        // not yet as of an instant before the details became unconfirmed
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", "2026-08-31T12:00:00+08:00")
                .get("/api/v1/members/{id}/risk", member).then()
                .statusCode(200).body("contributions.signal", not(hasItem("CONTACT_UNCONFIRMED")));

        // redelivered, then confirmed: everything about the member is on one partition, so the redelivery was handled
        world.events.publish(World.MEMBER_EVENTS, DUE, event, member, due("2026-09-01T09:00:00+08:00"));
        publish(CONFIRMED, UUID.randomUUID(), confirmed("2026-11-20T15:00:00+08:00"));
        assertThat(processedCount(event)).isEqualTo(1);
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", AS_OF)
                .get("/api/v1/members/{id}/risk", member).then()
                .statusCode(200).body("score", equalTo(0)).body("contributions", empty());

        // a ContactVerificationDue of the crossing before that confirmation, applied late, does not bring it back;
        // the next crossing, a period after the confirmation, does
        publish(DUE, UUID.randomUUID(), due("2026-10-01T09:00:00+08:00"));
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", AS_OF)
                .get("/api/v1/members/{id}/risk", member).then()
                .statusCode(200).body("contributions", empty());
        publish(DUE, UUID.randomUUID(), due("2027-11-20T15:00:00+08:00"));
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", "2027-12-01T12:00:00+08:00")
                .get("/api/v1/members/{id}/risk", member).then()
                .statusCode(200).body("contributions.signal", hasItem("CONTACT_UNCONFIRMED"))
                .body("contributions.find { it.signal == 'CONTACT_UNCONFIRMED' }.text",
                        equalTo("联系方式自 2027-11-20 起未经核实（已 11 天）: +6"));
    }

    @Test
    void aConfirmationAppliedBeforeTheLateEventOfAnEarlierCrossingStillWins() {
        publish(CONFIRMED, UUID.randomUUID(), confirmed("2026-11-20T15:00:00+08:00"));
        publish(DUE, UUID.randomUUID(), due("2026-09-01T09:00:00+08:00"));

        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", AS_OF)
                .get("/api/v1/members/{id}/risk", member).then()
                .statusCode(200).body("score", equalTo(0)).body("contributions", empty());
    }
}
