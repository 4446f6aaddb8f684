package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;

@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ContactResourceTest {

    @Inject
    World world;

    @Test
    void recordsAContactAndPublishesContactRecorded() {
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "一支部");
        UUID member = world.register(branch, "2024-01-15T10:00:00+08:00");

        io.restassured.response.ExtractableResponse<io.restassured.response.Response> created =
                world.contact(member, "2024-02-01T09:30:00+08:00", "PHONE", "REACHED")
                .statusCode(201)
                .body("memberId", equalTo(member.toString()))
                .body("orgId", equalTo(branch.toString()))
                .body("recordedBy", equalTo("admin"))
                .extract();
        String id = created.path("id");
        // The Location names the new contact itself (not the member's log), readable there by its branch only.
        String location = created.header("Location");
        assertThat(location).endsWith("/api/v1/contacts/" + id);
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branch)).get(location).then()
                .statusCode(200).body("id", equalTo(id)).body("memberId", equalTo(member.toString()))
                .body("channel", equalTo("PHONE")).body("outcome", equalTo("REACHED"));
        UUID otherBranch = world.branch(committee, "别的支部");
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, otherBranch)).get(location).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(world.tokens.admin()).get("/api/v1/contacts/{id}", UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");

        ConsumerRecord<String, String> record = world.events.await(World.CONTACT_EVENTS,
                "lianxin.contact.ContactRecorded.v1", member);
        JsonNode payload = KafkaEvents.payload(record);
        assertThat(payload.get("contactId").asText()).isEqualTo(id);
        assertThat(payload.get("at").asText()).isEqualTo("2024-02-01T01:30:00Z");
        assertThat(payload.get("outcome").asText()).isEqualTo("REACHED");
        assertThat(world.find(member).orElseThrow().lastReachedAt()).isEqualTo(World.instant("2024-02-01T09:30:00+08:00"));
    }

    @Test
    void theRecorderIsTheCallersTokenAndTheBodyMayNameWhoMadeTheContact() {
        UUID branch = world.branch(world.committee(), "六支部");
        UUID member = world.register(branch, "2024-01-15T10:00:00+08:00");
        String secretary = world.tokens.forRole(Roles.SECRETARY, branch);
        Map<String, String> call = Map.of("memberId", member.toString(), "at", "2024-02-01T09:30:00+08:00",
                "channel", "PHONE", "outcome", "REACHED", "contactedBy", "陈联络");

        String id = given().auth().oauth2(secretary).contentType(ContentType.JSON).body(call).post("/api/v1/contacts").then()
                .statusCode(201)
                .body("recordedBy", equalTo("secretary@" + branch))
                .body("contactedBy", equalTo("陈联络"))
                .extract().path("id");
        given().auth().oauth2(secretary).get("/api/v1/members/{id}/contacts", member).then()
                .statusCode(200).body("items[0].contactedBy", equalTo("陈联络"))
                .body("items[0].recordedBy", equalTo("secretary@" + branch));
        JsonNode recorded = KafkaEvents.payload(world.events.await(World.CONTACT_EVENTS,
                r -> member.toString().equals(r.key()) && id.equals(KafkaEvents.payload(r).path("contactId").asText())));
        assertThat(recorded.get("contactedBy").asText()).isEqualTo("陈联络");
        assertThat(recorded.get("recordedBy").asText()).isEqualTo("secretary@" + branch);

        Map<String, String> forged = new java.util.HashMap<>(call);
        forged.put("recordedBy", "somebody-else");
        given().auth().oauth2(secretary).contentType(ContentType.JSON).body(forged).post("/api/v1/contacts").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("recordedBy"));
        given().auth().oauth2(secretary).contentType(ContentType.JSON).body(Map.of("items", List.of(call, forged)))
                .post("/api/v1/contacts/batch").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("items[1].recordedBy"));
        Map<String, String> tooLong = new java.util.HashMap<>(call);
        tooLong.put("contactedBy", "陈".repeat(51));
        given().auth().oauth2(secretary).contentType(ContentType.JSON).body(tooLong).post("/api/v1/contacts").then()
                .statusCode(400).body("errors[0].field", equalTo("contactedBy"));
        tooLong.put("contactedBy", " ");
        given().auth().oauth2(secretary).contentType(ContentType.JSON).body(tooLong).post("/api/v1/contacts").then()
                .statusCode(400).body("errors[0].field", equalTo("contactedBy"));
        assertThat(world.contactCount(member)).isEqualTo(1);
    }

    @Test
    void caseContactsComeOnlyFromCaseServicesEvents() {
        UUID member = world.register(world.branch(world.committee(), "七支部"), "2024-01-15T10:00:00+08:00");
        world.contact(member, "2024-02-01T09:30:00+08:00", "CASE_FOUND", "REACHED")
                .statusCode(400).body("errors[0].field", equalTo("channel"));
        given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(item(member, "2024-02-01T09:30:00+08:00"), Map.of("memberId",
                        member.toString(), "at", "2024-02-01T09:30:00+08:00", "channel", "FOLLOW_UP", "outcome", "REACHED"))))
                .post("/api/v1/contacts/batch").then()
                .statusCode(422).body("errors.field", hasItems("items[1].channel"));
        assertThat(world.contactCount(member)).isZero();
    }

    @Test
    void listsAMembersContactsNewestFirstByPage() {
        UUID branch = world.branch(world.committee(), "二支部");
        UUID member = world.register(branch, "2024-01-15T10:00:00+08:00");
        world.contact(member, "2024-02-01T09:30:00+08:00", "PHONE", "NOT_REACHED").statusCode(201);
        world.reached(member, "2024-03-01T09:30:00+08:00", "ORG_LIFE");
        world.reached(member, "2024-02-15T09:30:00+08:00", "DUES");

        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branch)).queryParam("size", 2)
                .get("/api/v1/members/{id}/contacts", member).then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items", hasSize(2))
                .body("items[0].channel", equalTo("ORG_LIFE"))
                .body("items[1].channel", equalTo("DUES"));
    }

    @Test
    void refusesAnUnknownMemberAFutureInstantAndMissingFields() {
        UUID member = world.register(world.branch(world.committee(), "三支部"), "2024-01-15T10:00:00+08:00");

        world.contact(UUID.randomUUID(), "2024-02-01T09:30:00+08:00", "PHONE", "REACHED")
                .statusCode(404).contentType("application/problem+json");
        world.contact(member, "2099-01-01T00:00:00+08:00", "PHONE", "REACHED")
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("at"));
        world.contact(member, "2024-02-01T09:30:00+08:00", "CARRIER_PIGEON", "REACHED")
                .statusCode(400).body("errors[0].field", equalTo("channel"));
        given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("memberId", member.toString()))
                .post("/api/v1/contacts").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("at", "channel", "outcome"));
    }

    @Test
    void hidesMembersOutsideTheCallersSubtree() {
        UUID committee = world.committee();
        UUID branchA = world.branch(committee, "甲支部");
        UUID branchB = world.branch(committee, "乙支部");
        UUID memberOfA = world.register(branchA, "2024-01-15T10:00:00+08:00");
        String secretaryOfB = world.tokens.forRole(Roles.SECRETARY, branchB);

        given().auth().oauth2(secretaryOfB).contentType(ContentType.JSON)
                .body(Map.of("memberId", memberOfA.toString(), "at", "2024-02-01T09:30:00+08:00", "channel", "PHONE",
                        "outcome", "REACHED"))
                .post("/api/v1/contacts").then().statusCode(404);
        given().auth().oauth2(secretaryOfB).get("/api/v1/members/{id}/contacts", memberOfA).then().statusCode(404);
        given().auth().oauth2(secretaryOfB).get("/api/v1/members/{id}/contact-status", memberOfA).then().statusCode(404);
        given().auth().oauth2(world.tokens.forRole(Roles.ORG_ADMIN, committee))
                .get("/api/v1/members/{id}/contact-status", memberOfA).then().statusCode(200);
        given().auth().oauth2(world.tokens.forRole(Roles.AUDITOR, committee)).contentType(ContentType.JSON)
                .body(Map.of("memberId", memberOfA.toString(), "at", "2024-02-01T09:30:00+08:00", "channel", "PHONE",
                        "outcome", "REACHED"))
                .post("/api/v1/contacts").then().statusCode(403);
    }

    @Test
    void recordsABatchAllOrNothingNamingEveryBadItem() {
        UUID branch = world.branch(world.committee(), "四支部");
        UUID first = world.register(branch, "2024-01-15T10:00:00+08:00");
        UUID second = world.register(branch, "2024-01-15T10:00:00+08:00");
        UUID unknown = UUID.randomUUID();

        given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(
                        item(first, "2024-03-05T19:00:00+08:00"),
                        item(unknown, "2024-03-05T19:00:00+08:00"),
                        item(second, "2099-03-05T19:00:00+08:00"))))
                .post("/api/v1/contacts/batch").then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("items[1].memberId", "items[2].at"));
        assertThat(world.find(first).orElseThrow().lastOrgLifeAt()).isNull();

        given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(item(first, "2024-03-05T19:00:00+08:00"),
                        item(second, "2024-03-05T19:00:00+08:00"))))
                .post("/api/v1/contacts/batch").then()
                .statusCode(201)
                .body("items", hasSize(2));
        assertThat(world.find(second).orElseThrow().lastOrgLifeAt()).isEqualTo(World.instant("2024-03-05T19:00:00+08:00"));
        world.events.await(World.CONTACT_EVENTS, "lianxin.contact.ContactRecorded.v1", second);

        given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("memberId", first.toString()))))
                .post("/api/v1/contacts/batch").then()
                .statusCode(400).body("errors.field", hasItems("items[0].at", "items[0].channel"));
    }

    private static Map<String, String> item(UUID member, String at) {
        return Map.of("memberId", member.toString(), "at", at, "channel", "ORG_LIFE", "outcome", "REACHED");
    }
}
