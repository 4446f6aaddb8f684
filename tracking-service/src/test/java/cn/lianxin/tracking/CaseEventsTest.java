package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;

/**
 * docs/domain.md §4b, one fact entered once: a case's finding and a follow-up visit that saw the member well are REACHED
 * contacts here, published on case.events by case-service and consumed once per {@code ce_id}.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class CaseEventsTest {

    @Inject
    World world;

    @Test
    void aMemberFoundBySearchIsInContactAtOnceAndARedeliveryOrAFindingByContactRecordsNothingMore() {
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "查找支部");
        UUID member = world.register(branch, "2024-01-10T09:00:00+08:00");
        assertThat(world.scan(committee, "2024-05-10T00:00:00+08:00")).containsEntry("LostContactSuspected", 1);
        overdue(committee).body("items.state", contains("LOST_SUSPECTED"));
        UUID caseId = UUID.randomUUID();
        UUID found = UUID.randomUUID();

        world.publishCase("MemberFound", found, member, memberFound(caseId, member, branch, "SEARCH_ATTEMPT"));
        awaitContacts(member, "CASE_FOUND", 1);

        given().auth().oauth2(world.tokens.admin()).get("/api/v1/members/{id}/contacts", member).then()
                .statusCode(200)
                .body("items[0].channel", equalTo("CASE_FOUND")).body("items[0].outcome", equalTo("REACHED"))
                .body("items[0].at", equalTo("2024-06-05T02:00:00Z")).body("items[0].caseId", equalTo(caseId.toString()))
                .body("items[0].recordedBy", equalTo("case-service"));
        world.status(member, "2024-06-06T00:00:00+08:00").body("state", equalTo("IN_CONTACT"))
                .body("lastReachedAt", equalTo("2024-06-05T02:00:00Z"));
        overdue(committee).body("total", equalTo(0));
        given().auth().oauth2(world.tokens.admin()).queryParam("asOf", "2024-06-06T00:00:00+08:00")
                .get("/api/v1/orgs/{id}/compliance", branch).then()
                .statusCode(200).body("subtree.lostSuspected", equalTo(0)).body("subtree.inContact", equalTo(1));
        JsonNode recorded = event(member, "ContactRecorded");
        assertThat(recorded.get("channel").asText()).isEqualTo("CASE_FOUND");
        assertThat(recorded.get("caseId").asText()).isEqualTo(caseId.toString());
        assertThat(recorded.get("recordedBy").asText()).isEqualTo("case-service");
        JsonNode restored = event(member, "ContactRestored");
        assertThat(restored.get("channel").asText()).isEqualTo("CASE_FOUND");
        assertThat(restored.get("caseId").asText()).isEqualTo(caseId.toString());
        assertThat(restored.get("cleared")).extracting(JsonNode::asText).contains("LOST_CONTACT_SUSPECTED");

        // the same ce_id again, a finding by the contact already recorded here, then a marker on the same partition
        world.publishCase("MemberFound", found, member, memberFound(caseId, member, branch, "SEARCH_ATTEMPT"));
        world.publishCase("MemberFound", UUID.randomUUID(), member, memberFound(caseId, member, branch, "CONTACT_RESTORED")
                .replace("}", ", \"sourceEventId\": \"" + UUID.randomUUID() + "\"}"));
        world.publishCase("FollowUpRecorded", UUID.randomUUID(), member, followUp(caseId, member, branch, "SEEN_OK"));
        awaitContacts(member, "FOLLOW_UP", 1);
        assertThat(world.contactCount(member)).isEqualTo(2);
        assertThat(world.outboxCount(member, "ContactRecorded")).isEqualTo(2);
        assertThat(world.outboxCount(member, "ContactRestored")).isEqualTo(1);
    }

    @Test
    void aFollowUpThatSawTheMemberWellIsAFollowUpContactAndOtherResultsAreNot() {
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "回访支部");
        UUID member = world.register(branch, "2024-01-10T09:00:00+08:00");
        assertThat(world.scan(committee, "2024-05-10T00:00:00+08:00")).containsEntry("LostContactSuspected", 1);
        UUID caseId = UUID.randomUUID();
        UUID seen = UUID.randomUUID();

        world.publishCase("FollowUpRecorded", UUID.randomUUID(), member, followUp(caseId, member, branch, "SEEN_NOT_OK"));
        world.publishCase("FollowUpRecorded", UUID.randomUUID(), member, followUp(caseId, member, branch, "NOT_REACHED"));
        world.publishCase("FollowUpRecorded", seen, member, followUp(caseId, member, branch, "SEEN_OK"));
        world.publishCase("FollowUpRecorded", seen, member, followUp(caseId, member, branch, "SEEN_OK"));
        awaitContacts(member, "FOLLOW_UP", 1);

        given().auth().oauth2(world.tokens.admin()).get("/api/v1/members/{id}/contacts", member).then()
                .statusCode(200).body("total", equalTo(1))
                .body("items[0].channel", equalTo("FOLLOW_UP")).body("items[0].recordedBy", equalTo("secretary-7"))
                .body("items[0].caseId", equalTo(caseId.toString()));
        world.status(member, "2024-06-06T00:00:00+08:00").body("state", equalTo("IN_CONTACT"));
        JsonNode restored = event(member, "ContactRestored");
        assertThat(restored.get("channel").asText()).isEqualTo("FOLLOW_UP");
        assertThat(restored.get("caseId").asText()).isEqualTo(caseId.toString());
        JsonNode recorded = event(member, "ContactRecorded");
        assertThat(recorded.get("recordedBy").asText()).isEqualTo("secretary-7");
        // a marker behind the redelivery on the same partition: once it is in, the redelivery was processed
        world.publishCase("MemberFound", UUID.randomUUID(), member, memberFound(caseId, member, branch, "MANUAL"));
        awaitContacts(member, "CASE_FOUND", 1);
        assertThat(world.contactCount(member)).isEqualTo(2);
        assertThat(world.outboxCount(member, "ContactRecorded")).isEqualTo(2);
    }

    private static String memberFound(UUID caseId, UUID member, UUID branch, String foundBy) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "foundAt": "2024-06-05T10:00:00+08:00",
                 "foundBy": "%s", "channel": "VISIT_HOME", "lostSince": "2024-01-10T09:00:00+08:00", "daysLost": 147,
                 "suspended": false}""".formatted(caseId, member, branch, foundBy);
    }

    private static String followUp(UUID caseId, UUID member, UUID branch, String result) {
        return """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "followUpNo": 1, "planSize": 7,
                 "visitedAt": "2024-06-05T10:00:00+08:00", "result": "%s", "recordedBy": "secretary-7"}
                """.formatted(caseId, member, branch, result);
    }

    private io.restassured.response.ValidatableResponse overdue(UUID committee) {
        return given().auth().oauth2(world.tokens.admin()).queryParam("orgId", committee)
                .queryParam("asOf", "2024-06-06T00:00:00+08:00").get("/api/v1/worklists/overdue").then().statusCode(200);
    }

    /** Waits for a contact of the channel, then checks that there is exactly that many of it. */
    private void awaitContacts(UUID member, String channel, long count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> world.contactCount(member, channel) >= count);
        assertThat(world.contactCount(member, channel)).isEqualTo(count);
    }

    private JsonNode event(UUID member, String name) {
        String type = "lianxin.contact." + name + ".v1";
        return KafkaEvents.payload(world.events.await(World.CONTACT_EVENTS,
                r -> type.equals(KafkaEvents.header(r, CloudEventHeaders.TYPE)) && member.toString().equals(r.key())));
    }
}
