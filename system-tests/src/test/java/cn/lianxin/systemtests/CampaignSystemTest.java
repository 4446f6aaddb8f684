package cn.lianxin.systemtests;

import static cn.lianxin.systemtests.Actors.SHANGHAI;
import static cn.lianxin.systemtests.Actors.contact;
import static cn.lianxin.systemtests.Actors.liveUntil;
import static cn.lianxin.systemtests.Actors.org;
import static cn.lianxin.systemtests.Actors.person;
import static cn.lianxin.systemtests.LianxinSystem.MEMBER;
import static cn.lianxin.systemtests.LianxinSystem.TRACKING;
import static cn.lianxin.systemtests.LianxinSystem.admin;
import static cn.lianxin.systemtests.LianxinSystem.api;
import static cn.lianxin.systemtests.LianxinSystem.events;
import static cn.lianxin.systemtests.LianxinSystem.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.path.json.JsonPath;

import cn.lianxin.local.peers.MessagePeers.Received;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.systemtests.Actors.Person;
import cn.lianxin.testing.KafkaEvents;

/**
 * 专项排查 (docs/domain.md §7) across the services: a committee's ORG_ADMIN opens a campaign over its two branches; a
 * member reached inside the window (tracking-service's contacts) and a member whose standing is no longer ACTIVE
 * (member-service's register, through member.events) are accounted for, a silent one is not; a week before the end
 * only the lagging branch's secretary is reminded (the SMS gateway), after the last day the campaign closes itself with
 * its figures on contact.events and the committee's secretary is told.
 */
@ExtendWith(LianxinSystem.class)
class CampaignSystemTest {

    private static final String CAMPAIGN_NAME = "场景专项排查（两周）";

    @Test
    void membersReachedOrNoLongerActiveAreAccountedForAndOnlyTheLaggingBranchIsRemindedBeforeTheCampaignClosesWithItsFigures() {
        Instant start = Actors.nextOfficeMorning();
        LianxinSystem.travelTo(start);
        LocalDate today = start.atZone(SHANGHAI).toLocalDate();
        Person committeeSecretary = person("书记");
        Person eastSecretary = person("书记");
        Person westSecretary = person("书记");
        UUID committee = org(null, "COMMITTEE", "中共排查街道工作委员会", committeeSecretary);
        UUID east = org(committee, "BRANCH", "排查社区东支部", eastSecretary);
        UUID west = org(committee, "BRANCH", "排查社区西支部", westSecretary);
        UUID reached = Actors.member(east, "郑已联", "FULL");
        UUID deceased = Actors.member(west, "冯已故", "FULL");
        UUID silent = Actors.member(west, "陈未联", "FULL");

        // Two weeks, from today: the three ACTIVE members are in scope, each answered for by their branch.
        String orgAdmin = tokenFor(Roles.ORG_ADMIN, committee);
        LocalDate endsOn = today.plusDays(13);
        JsonPath opened = api(TRACKING, orgAdmin)
                .body(Map.of("orgId", committee, "name", CAMPAIGN_NAME, "startsOn", today.toString(),
                        "endsOn", endsOn.toString()))
                .post("/api/v1/campaigns").then().statusCode(201).extract().jsonPath();
        String campaign = opened.getString("id");
        assertThat(opened.getString("status")).isEqualTo("OPEN");
        assertThat(opened.getInt("figures.inScope")).isEqualTo(3);
        assertThat(opened.getInt("figures.accounted")).isZero();
        Instant reminderDue = Instant.parse(opened.getString("reminderDueAt"));
        assertThat(reminderDue).isEqualTo(endsOn.minusDays(6).atStartOfDay(SHANGHAI).toInstant()); // a week before the end
        JsonNode openedEvent = KafkaEvents.payload(events().await("contact.events", campaignEvent("CampaignOpened", campaign)));
        assertThat(openedEvent.path("inScope").asInt()).isEqualTo(3);
        assertThat(openedEvent.path("branches").asInt()).isEqualTo(2);

        // Inside the window: the east member is reached; the west branch learns one of its members died.
        Instant call = LianxinSystem.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LianxinSystem.travelTo(call);
        contact(reached, call, "PHONE", "REACHED");
        api(MEMBER, tokenFor(Roles.SECRETARY, west))
                .body(Map.of("to", "DECEASED", "reason", "因病去世", "diedOn", today.toString(), "learnedHow", "家属告知"))
                .post("/api/v1/members/{id}/standing-changes", deceased).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api(TRACKING, admin())
                .get("/api/v1/members/{id}/contact-status", deceased).then().statusCode(200).body("state", equalTo("EXEMPT")));

        // Progress per branch, and the one member not yet accounted for, with why not.
        JsonPath progress = api(TRACKING, orgAdmin).get("/api/v1/campaigns/{id}/progress", campaign).then().statusCode(200)
                .extract().jsonPath();
        assertThat(branchRow(progress, east)).containsEntry("inScope", 1).containsEntry("accounted", 1)
                .containsEntry("notAccounted", 0);
        assertThat(branchRow(progress, west)).containsEntry("inScope", 2).containsEntry("accounted", 1)
                .containsEntry("notAccounted", 1);
        assertThat(progress.getInt("total.inScope")).isEqualTo(3);
        assertThat(progress.getInt("total.accounted")).isEqualTo(2);
        JsonPath unaccounted = api(TRACKING, orgAdmin).get("/api/v1/campaigns/{id}/unaccounted", campaign).then()
                .statusCode(200).extract().jsonPath();
        assertThat(unaccounted.getInt("total")).isEqualTo(1);
        assertThat(unaccounted.getString("items[0].memberId")).isEqualTo(silent.toString());
        assertThat(unaccounted.getString("items[0].orgId")).isEqualTo(west.toString());
        assertThat(unaccounted.getString("items[0].reason")).isEqualTo("NO_CONTACT");
        // the west branch's secretary follows the committee's campaign for their own branch
        String westToken = tokenFor(Roles.SECRETARY, west);
        assertThat(api(TRACKING, westToken).get("/api/v1/campaigns/{id}/progress", campaign).then().statusCode(200)
                .extract().jsonPath().getList("branches.orgId", String.class)).containsExactly(west.toString());
        assertThat(api(TRACKING, westToken).get("/api/v1/campaigns/{id}/unaccounted", campaign).then().statusCode(200)
                .extract().jsonPath().getList("items.memberId", String.class)).containsExactly(silent.toString());

        // A week before the end: the lagging branch (west) is reminded, through its secretary's phone.
        liveUntil(reminderDue.atZone(SHANGHAI).with(LocalTime.of(10, 0)).toInstant());
        JsonNode reminder = KafkaEvents.payload(events().await("contact.events", campaignEvent("CampaignReminderDue", campaign)));
        assertThat(reminder.path("orgId").asText()).isEqualTo(west.toString());
        assertThat(reminder.path("campaignOrgId").asText()).isEqualTo(committee.toString());
        assertThat(reminder.path("inScope").asInt()).isEqualTo(2);
        assertThat(reminder.path("accounted").asInt()).isEqualTo(1);
        assertThat(reminder.path("notAccounted").asInt()).isEqualTo(1);
        Received reminded = Inboxes.awaitHeldSms(westSecretary.phone(), "campaign-reminder-due", CAMPAIGN_NAME);
        assertThat(reminded.body()).contains("还有1人", LianxinSystem.url(TRACKING) + "/api/v1/campaigns/" + campaign
                + "/unaccounted?orgId=" + west);

        // After the last day the scan closes it: its figures go out on contact.events, the committee's secretary is told.
        liveUntil(endsOn.plusDays(1).atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant());
        ConsumerRecord<String, String> closed = events().await("contact.events", campaignEvent("CampaignClosed", campaign));
        assertThat(closed.key()).isEqualTo(committee.toString());
        JsonNode figures = KafkaEvents.payload(closed);
        assertThat(figures.path("reason").asText()).isEqualTo("WINDOW_ENDED");
        assertThat(figures.path("inScope").asInt()).isEqualTo(3);
        assertThat(figures.path("accounted").asInt()).isEqualTo(2);
        assertThat(figures.path("notAccounted").asInt()).isEqualTo(1);
        assertThat(figures.path("accountedBy").path("reachedInWindow").asInt()).isEqualTo(1);
        assertThat(figures.path("accountedBy").path("openCase").asInt()).isZero();
        assertThat(figures.path("accountedBy").path("notActive").asInt()).isEqualTo(1);
        assertThat(figures.path("branches")).hasSize(2);
        for (JsonNode branch : figures.path("branches")) {
            boolean isWest = branch.path("orgId").asText().equals(west.toString());
            assertThat(branch.path("notAccounted").asInt()).as("not accounted in %s", branch).isEqualTo(isWest ? 1 : 0);
        }
        Received told = Inboxes.awaitHeldSms(committeeSecretary.phone(), "campaign-closed", CAMPAIGN_NAME);
        assertThat(told.body()).contains("排查范围3人", "未排查清楚1人");
        api(TRACKING, orgAdmin).get("/api/v1/campaigns/{id}", campaign).then().statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("closeReason", equalTo("WINDOW_ENDED"))
                .body("figures.notAccounted", equalTo(1));

        // The campaign reminded the west branch only, once, and closed once.
        assertThat(events().all("contact.events")).filteredOn(campaignEvent("CampaignReminderDue", campaign))
                .extracting(r -> KafkaEvents.payload(r).path("orgId").asText()).containsExactly(west.toString());
        assertThat(events().all("contact.events")).filteredOn(campaignEvent("CampaignClosed", campaign)).hasSize(1);
        assertThat(Inboxes.smsTo(eastSecretary.phone()))
                .noneMatch(m -> m.body().contains("\"templateKey\":\"campaign-reminder-due\""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> branchRow(JsonPath progress, UUID branch) {
        List<Map<String, Object>> rows = progress.getList("branches");
        return rows.stream().filter(row -> branch.toString().equals(row.get("orgId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no progress row for branch " + branch + " in " + rows));
    }

    private static Predicate<ConsumerRecord<String, String>> campaignEvent(String name, String campaign) {
        return r -> ("lianxin.contact." + name + ".v1").equals(KafkaEvents.header(r, "ce_type"))
                && campaign.equals(KafkaEvents.payload(r).path("campaignId").asText());
    }
}
