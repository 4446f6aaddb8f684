package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/**
 * docs/domain.md §6: a LIAISON sees and acts on the flow members assigned to them only (by the token's {@code member}
 * claim); a MEMBER only checks in for themselves. (The whole role × operation matrix is {@link RoleScopeTest}.)
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class LiaisonAndMemberScopeTest {

    private static final String AS_OF = "2024-05-01T00:00:00+08:00";

    @Inject
    World world;

    UUID committee;
    UUID branch;
    UUID liaison;      // the liaison is a member of the branch too
    UUID mine;         // a flow member assigned to the liaison
    UUID theirs;       // a flow member of the same branch, assigned to another liaison
    UUID otherLiaison = UUID.randomUUID();
    String liaisonToken;

    @BeforeEach
    void aBranchWithTwoFlowMembersOfDifferentLiaisons() {
        committee = world.committee();
        branch = world.branch(committee, "流动党员支部");
        liaison = world.register(branch, "2024-01-10T09:00:00+08:00");
        mine = flowMember("2024-03-20T10:00:00+08:00", liaison);    // liaison contact due 20 April
        theirs = flowMember("2024-03-22T10:00:00+08:00", otherLiaison);
        liaisonToken = world.tokens.forMember(Roles.LIAISON, branch, liaison);
    }

    private UUID flowMember(String reachedAt, UUID assignedLiaison) {
        UUID member = world.register(branch, "2024-01-10T09:00:00+08:00");
        world.reached(member, reachedAt, "PHONE");
        UUID outflow = world.flowOut(member, branch, "2024-03-01");
        world.reportIn(member, branch, outflow, "2024-03-01T20:00:00+08:00");
        world.assignLiaison(member, branch, assignedLiaison);
        return member;
    }

    @Test
    void aLiaisonSeesAndRecordsContactsOnlyForTheFlowMembersAssignedToThem() {
        record(liaisonToken, mine).statusCode(201)
                .body("recordedBy", equalTo(Tokens.subjectOf(Roles.LIAISON, liaison)));
        given().auth().oauth2(liaisonToken).get("/api/v1/members/{id}/contacts", mine).then()
                .statusCode(200).body("items.channel", contains("WECHAT", "PHONE"));
        given().auth().oauth2(liaisonToken).queryParam("asOf", AS_OF).get("/api/v1/members/{id}/contact-status", mine)
                .then().statusCode(200).body("state", equalTo("IN_CONTACT"));

        record(liaisonToken, theirs).statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(liaisonToken).get("/api/v1/members/{id}/contacts", theirs).then().statusCode(404);
        given().auth().oauth2(liaisonToken).get("/api/v1/members/{id}/contact-status", theirs).then().statusCode(404);
        assertThat(world.find(theirs).orElseThrow().lastReachedAt()).isEqualTo(World.instant("2024-03-22T10:00:00+08:00"));

        String withoutMemberClaim = world.tokens.forRole(Roles.LIAISON, branch);
        given().auth().oauth2(withoutMemberClaim).get("/api/v1/members/{id}/contact-status", mine).then().statusCode(404);
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branch))
                .get("/api/v1/members/{id}/contact-status", theirs).then().statusCode(200);
    }

    @Test
    void aLiaisonsWorklistIsAlwaysTheirOwnAndComplianceIsNotForLiaisons() {
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branch)).queryParam("asOf", AS_OF)
                .get("/api/v1/worklists/overdue").then()
                .statusCode(200).body("items.memberId", containsInAnyOrder(liaison.toString(), mine.toString(),
                        theirs.toString()));
        given().auth().oauth2(liaisonToken).queryParam("asOf", AS_OF).get("/api/v1/worklists/overdue").then()
                .statusCode(200).body("total", equalTo(1)).body("items.memberId", contains(mine.toString()));
        given().auth().oauth2(liaisonToken).queryParam("asOf", AS_OF).queryParam("liaisonId", liaison)
                .queryParam("orgId", branch).get("/api/v1/worklists/overdue").then()
                .statusCode(200).body("items.memberId", contains(mine.toString()));
        given().auth().oauth2(liaisonToken).queryParam("asOf", AS_OF).queryParam("liaisonId", otherLiaison)
                .queryParam("orgId", branch).get("/api/v1/worklists/overdue").then()
                .statusCode(403).contentType("application/problem+json").body("errors[0].field", equalTo("liaisonId"));
        given().auth().oauth2(world.tokens.forRole(Roles.LIAISON, branch)).queryParam("asOf", AS_OF)
                .get("/api/v1/worklists/overdue").then().statusCode(200).body("total", equalTo(0));

        given().auth().oauth2(liaisonToken).get("/api/v1/orgs/{id}/compliance", branch).then().statusCode(403);
        given().auth().oauth2(world.tokens.forRole(Roles.AUDITOR, committee))
                .get("/api/v1/orgs/{id}/compliance", branch).then().statusCode(200);
    }

    @Test
    void aMemberChecksInForThemselvesAndIsBackInContact() {
        UUID member = world.register(branch, "2024-03-01T09:00:00+08:00");
        world.scan(committee, "2024-07-01T00:00:00+08:00");
        assertThat(world.outboxCount(member, "LostContactSuspected")).isEqualTo(1);
        String memberToken = world.tokens.forMember(Roles.MEMBER, branch, member);

        io.restassured.response.Response checkIn = given().auth().oauth2(memberToken).contentType(ContentType.JSON)
                .body(Map.of("note", "在深圳，一切安好")).post("/api/v1/me/check-ins");
        String at = checkIn.then()
                .statusCode(201).contentType(ContentType.JSON)
                .body("memberId", equalTo(member.toString()))
                .body("channel", equalTo("SELF_CHECK_IN"))
                .body("outcome", equalTo("REACHED"))
                .body("recordedBy", equalTo(Tokens.subjectOf(Roles.MEMBER, member)))
                .body("note", equalTo("在深圳，一切安好"))
                .extract().path("at");
        // The Location names the new contact, which the branch's secretary reads there.
        String location = checkIn.header("Location");
        assertThat(location).endsWith("/api/v1/contacts/" + checkIn.path("id"));
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branch)).get(location).then()
                .statusCode(200).body("channel", equalTo("SELF_CHECK_IN")).body("memberId", equalTo(member.toString()));

        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branch))
                .get("/api/v1/members/{id}/contact-status", member).then()
                .statusCode(200)
                // reachable again, no longer lost; but no org life nor dues since 2024: someone to talk to (R1)
                .body("state", equalTo("SELF_WITHDRAWAL_SUSPECTED"))
                .body("clocks.find { it.rule == 'LOST' }.status", equalTo("RUNNING"))
                .body("lastReachedAt", equalTo(at));
        JsonNode recorded = KafkaEvents.payload(world.events.await(World.CONTACT_EVENTS,
                "lianxin.contact.ContactRecorded.v1", member));
        assertThat(recorded.get("channel").asText()).isEqualTo("SELF_CHECK_IN");
        assertThat(recorded.get("outcome").asText()).isEqualTo("REACHED");
        assertThat(Instant.parse(recorded.get("at").asText())).isEqualTo(Instant.parse(at));
        JsonNode restored = KafkaEvents.payload(world.events.await(World.CONTACT_EVENTS, r ->
                "lianxin.contact.ContactRestored.v1".equals(KafkaEvents.header(r, CloudEventHeaders.TYPE))
                        && member.toString().equals(r.key())));
        assertThat(restored.get("channel").asText()).isEqualTo("SELF_CHECK_IN");
        assertThat(restored.get("cleared")).extracting(JsonNode::asText).contains("LOST_CONTACT_SUSPECTED");

        given().auth().oauth2(memberToken).contentType(ContentType.JSON).post("/api/v1/me/check-ins").then()
                .statusCode(201).body("channel", equalTo("SELF_CHECK_IN")); // no body: a check-in without a note
        given().auth().oauth2(memberToken).contentType(ContentType.JSON).body(Map.of("note", "长".repeat(2001)))
                .post("/api/v1/me/check-ins").then().statusCode(400).body("errors[0].field", equalTo("note"));
        given().auth().oauth2(world.tokens.forMember(Roles.MEMBER, branch, UUID.randomUUID())).contentType(ContentType.JSON)
                .post("/api/v1/me/check-ins").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(world.tokens.forRole(Roles.MEMBER, branch)).contentType(ContentType.JSON)
                .post("/api/v1/me/check-ins").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(liaisonToken).contentType(ContentType.JSON).post("/api/v1/me/check-ins").then().statusCode(403);
        given().auth().oauth2(memberToken).contentType(ContentType.JSON).body(Map.of("memberId", mine.toString()))
                .post("/api/v1/me/check-ins").then()
                .statusCode(403).contentType("application/problem+json").body("errors[0].field", equalTo("memberId"));
        given().auth().oauth2(memberToken).contentType(ContentType.JSON).body(Map.of("memberId", member.toString()))
                .post("/api/v1/me/check-ins").then().statusCode(201);
    }

    @Test
    void aMemberMayDoNothingButCheckIn() {
        String memberToken = world.tokens.forMember(Roles.MEMBER, branch, mine);

        record(memberToken, mine).statusCode(403);
        given().auth().oauth2(memberToken).get("/api/v1/members/{id}/contact-status", theirs).then().statusCode(403);
        given().auth().oauth2(memberToken).get("/api/v1/members/{id}/contact-status", mine).then().statusCode(403);
        given().auth().oauth2(memberToken).get("/api/v1/members/{id}/contacts", mine).then().statusCode(403);
        given().auth().oauth2(memberToken).get("/api/v1/worklists/overdue").then().statusCode(403);
        given().auth().oauth2(memberToken).get("/api/v1/orgs/{id}/compliance", branch).then().statusCode(403);
        given().auth().oauth2(memberToken).contentType(ContentType.JSON)
                .body(Map.of("items", List.of())).post("/api/v1/contacts/batch").then().statusCode(403);
        assertThat(world.find(mine).orElseThrow().lastReachedAt()).isEqualTo(World.instant("2024-03-20T10:00:00+08:00"));
    }

    private static ValidatableResponse record(String token, UUID member) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("memberId", member.toString(), "at", "2024-04-25T10:00:00+08:00", "channel", "WECHAT",
                        "outcome", "REACHED"))
                .post("/api/v1/contacts").then();
    }
}
