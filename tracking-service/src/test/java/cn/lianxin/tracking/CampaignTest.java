package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TestClock;

/**
 * 专项排查 campaigns (docs/domain.md §7) through the API, the scan and the broker: who is in scope, who is accounted for,
 * what each reader sees, the reminder of each lagging branch once, the close once with its figures kept.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class CampaignTest {

    private static final String CAMPAIGNS = "/api/v1/campaigns";

    @Inject
    World world;
    @Inject
    TestClock clock;
    @Inject
    EntityManager em;

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    private ValidatableResponse open(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(CAMPAIGNS).then();
    }

    private String orgAdmin(UUID org) {
        return world.tokens.forRole(Roles.ORG_ADMIN, org);
    }

    private JsonPath read(String token, String path, Object... params) {
        return given().auth().oauth2(token).get(path, params).then().statusCode(200).extract().jsonPath();
    }

    private Map<String, Integer> scanSumming(UUID committee, String asOf) {
        return world.scan(committee, asOf);
    }

    private long outbox(String subject, String event) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE subject = :s AND type = :t").setParameter("s", subject)
                .setParameter("t", "lianxin.contact." + event + ".v1").getSingleResult()).longValue());
    }

    @Test
    void aMemberIsAccountedForByAReachedContactInTheWindowAnOpenCaseOrAStandingNoLongerActive() {
        clock.pin(TestClock.shanghai("2027-03-20T10:00"));
        UUID committee = world.committee();
        UUID one = world.branch(committee, "排查一支部");
        UUID two = world.branch(committee, "排查二支部");
        UUID reached = world.register(one, "2026-06-01T09:00:00+08:00", "赵一");
        UUID attempted = world.register(one, "2026-06-01T09:00:00+08:00", "钱二");
        UUID searched = world.register(one, "2026-06-01T09:00:00+08:00", "孙三");
        UUID silent = world.register(two, "2026-06-01T09:00:00+08:00", "李四");
        UUID deceased = world.register(two, "2026-06-01T09:00:00+08:00", "周五");
        UUID reachedBefore = world.register(two, "2026-06-01T09:00:00+08:00", "吴六");
        UUID suspended = world.register(two, "2026-06-01T09:00:00+08:00", "郑七");
        world.changeStanding(suspended, two, "ACTIVE", "SUSPENDED", "2026-09-01T00:00:00+08:00");
        world.reached(reached, "2027-02-10T09:00:00+08:00", "PHONE");
        world.contact(attempted, "2027-02-11T09:00:00+08:00", "PHONE", "NOT_REACHED").statusCode(201);
        world.reached(reachedBefore, "2026-12-20T09:00:00+08:00", "VISIT");
        world.openCase(searched, one);

        // no dates: the current quarter; the suspended member is not in scope
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> response = open(orgAdmin(committee),
                Map.of("orgId", committee.toString(), "name", "第一季度专项排查")).statusCode(201).extract();
        JsonPath created = response.jsonPath();
        assertThat(response.header("Location")).endsWith(CAMPAIGNS + "/" + created.getString("id"));
        String campaign = created.getString("id");
        assertThat(created.getString("startsOn")).isEqualTo("2027-01-01");
        assertThat(created.getString("endsOn")).isEqualTo("2027-03-31");
        assertThat(created.getString("status")).isEqualTo("OPEN");
        assertThat(created.getString("openedBy")).isEqualTo("org_admin@" + committee);
        assertThat(created.getInt("figures.inScope")).isEqualTo(6);
        assertThat(created.getString("reminderDueAt")).isEqualTo("2027-03-24T16:00:00Z");
        world.changeStanding(deceased, two, "ACTIVE", "DECEASED", "2027-03-01T00:00:00+08:00",
                "\"diedOn\": \"2027-02-27\", \"learnedHow\": \"家属告知\"");

        String admin = orgAdmin(committee);
        JsonPath progress = read(admin, CAMPAIGNS + "/{id}/progress", campaign);
        assertThat(progress.getList("branches.name")).containsExactly("排查一支部", "排查二支部");
        assertThat(progress.getList("branches.inScope", Integer.class)).containsExactly(3, 3);
        assertThat(progress.getList("branches.accounted", Integer.class)).containsExactly(2, 1);
        assertThat(progress.getInt("total.notAccounted")).isEqualTo(3);
        assertThat(progress.getDouble("total.share")).isEqualTo(0.5);

        given().auth().oauth2(admin).get(CAMPAIGNS + "/{id}/unaccounted", campaign).then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.memberId", containsInAnyOrder(attempted.toString(), silent.toString(), reachedBefore.toString()))
                .body("items.find { it.memberId == '%s' }.reason".formatted(attempted), equalTo("ONLY_ATTEMPTS"))
                .body("items.find { it.memberId == '%s' }.name".formatted(attempted), equalTo("钱二"))
                .body("items.find { it.memberId == '%s' }.branchName".formatted(attempted), equalTo("排查一支部"))
                .body("items.find { it.memberId == '%s' }.lastAttemptAt".formatted(attempted), equalTo("2027-02-11T01:00:00Z"))
                .body("items.find { it.memberId == '%s' }.reason".formatted(reachedBefore), equalTo("NO_CONTACT"))
                .body("items.find { it.memberId == '%s' }.lastReachedAt".formatted(reachedBefore), equalTo("2026-12-20T01:00:00Z"));

        // a branch secretary follows the committee's campaign for their own branch's rows only
        String secretary = world.tokens.forRole(Roles.SECRETARY, one);
        assertThat(read(secretary, CAMPAIGNS + "/{id}/progress", campaign).getList("branches.orgId"))
                .containsExactly(one.toString());
        given().auth().oauth2(secretary).get(CAMPAIGNS + "/{id}/unaccounted", campaign).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].memberId", equalTo(attempted.toString()));
        assertThat(read(secretary, CAMPAIGNS + "/{id}", campaign).getInt("figures.inScope")).isEqualTo(3);
        assertThat(read(secretary, CAMPAIGNS + "?orgId={org}", one).getList("items.id")).contains(campaign);
        // and an auditor of the committee reads it all
        assertThat(read(world.tokens.forRole(Roles.AUDITOR, committee), CAMPAIGNS + "/{id}/unaccounted", campaign)
                .getInt("total")).isEqualTo(3);

        // outside the subtree the campaign does not exist
        UUID elsewhere = world.committee();
        given().auth().oauth2(orgAdmin(elsewhere)).get(CAMPAIGNS + "/{id}", campaign).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(orgAdmin(elsewhere)).get(CAMPAIGNS + "/{id}/unaccounted", campaign).then().statusCode(404);
        assertThat(read(orgAdmin(elsewhere), CAMPAIGNS).getList("items.id")).doesNotContain(campaign);
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, world.branch(elsewhere, "外支部")))
                .get(CAMPAIGNS + "/{id}/progress", campaign).then().statusCode(404);

        ConsumerRecord<String, String> opened = world.events.await(World.CONTACT_EVENTS,
                r -> "lianxin.contact.CampaignOpened.v1".equals(KafkaEvents.header(r, "ce_type"))
                        && campaign.equals(KafkaEvents.payload(r).path("campaignId").asText()));
        assertThat(opened.key()).isEqualTo(committee.toString());
        assertThat(KafkaEvents.header(opened, "ce_subject")).isEqualTo(committee.toString());
        JsonNode payload = KafkaEvents.payload(opened);
        assertThat(payload.get("inScope").asLong()).isEqualTo(6);
        assertThat(payload.get("branches").asLong()).isEqualTo(2);
    }

    @Test
    void anOpenCaseAccountsForItsMemberWhileItIsOpen() {
        clock.pin(TestClock.shanghai("2027-03-20T10:00"));
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "案件支部");
        UUID member = world.register(branch, "2026-06-01T09:00:00+08:00");
        UUID caseId = world.openCase(member, branch);
        String campaign = open(orgAdmin(committee), Map.of("orgId", committee.toString(), "name", "案件排查"))
                .statusCode(201).extract().path("id");
        assertThat(read(orgAdmin(committee), CAMPAIGNS + "/{id}", campaign).getInt("figures.accounted")).isEqualTo(1);
        world.closeCase(caseId, member, branch);
        assertThat(read(orgAdmin(committee), CAMPAIGNS + "/{id}", campaign).getInt("figures.accounted")).isZero();
        world.closeCase(caseId, member, branch); // a second closing (another event id) changes nothing
        assertThat(read(orgAdmin(committee), CAMPAIGNS + "/{id}/unaccounted", campaign).getString("items[0].reason"))
                .isEqualTo("NO_CONTACT");
    }

    @Test
    void focusTagsLimitTheScopeToTheMembersWhoCarryOneOfThem() {
        clock.pin(TestClock.shanghai("2027-03-20T10:00"));
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "重点支部");
        UUID hardship = world.register(branch, "2026-06-01T09:00:00+08:00", "困难甲", "HARDSHIP");
        UUID veteran = world.register(branch, "2026-06-01T09:00:00+08:00", "老党员乙", "VETERAN_PRE_1949", "OVER_80");
        UUID tagLater = world.register(branch, "2026-06-01T09:00:00+08:00", "后加丙");
        world.register(branch, "2026-06-01T09:00:00+08:00", "普通丁");
        UUID tagRemoved = world.register(branch, "2026-06-01T09:00:00+08:00", "撤销戊", "HARDSHIP");
        world.changeFocusTags(tagLater, branch, "OVER_80");
        world.changeFocusTags(tagRemoved, branch);

        String campaign = open(orgAdmin(committee), Map.of("orgId", committee.toString(), "name", "困难和高龄党员排查",
                "focusTags", List.of("HARDSHIP", "OVER_80"))).statusCode(201)
                .body("focusTags", containsInAnyOrder("HARDSHIP", "OVER_80"))
                .extract().path("id");
        given().auth().oauth2(orgAdmin(committee)).get(CAMPAIGNS + "/{id}/unaccounted", campaign).then().statusCode(200)
                .body("items.memberId", containsInAnyOrder(hardship.toString(), veteran.toString(), tagLater.toString()));
    }

    @Test
    void theScanRemindsEachLaggingBranchOnceAWeekBeforeTheEndAndClosesTheCampaignOnceAfterItsLastDay() throws Exception {
        clock.pin(TestClock.shanghai("2027-03-20T10:00"));
        UUID committee = world.committee();
        UUID done = world.branch(committee, "完成支部");
        UUID lagging = world.branch(committee, "落后支部");
        UUID doneMember = world.register(done, "2026-06-01T09:00:00+08:00");
        UUID lateMember = world.register(lagging, "2026-06-01T09:00:00+08:00");
        UUID laggingReached = world.register(lagging, "2026-06-01T09:00:00+08:00");
        world.reached(doneMember, "2027-02-01T09:00:00+08:00", "ORG_LIFE");
        world.reached(laggingReached, "2027-02-01T09:00:00+08:00", "DUES");
        String campaign = open(orgAdmin(committee), Map.of("orgId", committee.toString(), "name", "季度排查",
                "startsOn", "2027-01-01", "endsOn", "2027-03-31")).statusCode(201).extract().path("id");

        assertThat(scanSumming(committee, "2027-03-20T10:00:00+08:00")).containsEntry("CampaignReminderDue", 0)
                .containsEntry("CampaignClosed", 0);

        // a week before the end: two scans at once (two instances) remind the lagging branch once between them
        clock.pin(TestClock.shanghai("2027-03-25T09:00"));
        List<CompletableFuture<Map<String, Integer>>> scans = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            scans.add(CompletableFuture.supplyAsync(() -> scanSumming(committee, "2027-03-25T09:00:00+08:00")));
        }
        int reminders = 0;
        for (CompletableFuture<Map<String, Integer>> scan : scans) {
            reminders += scan.get().get("CampaignReminderDue");
        }
        assertThat(reminders).isEqualTo(1);
        clock.pin(TestClock.shanghai("2027-03-26T09:00"));
        assertThat(scanSumming(committee, "2027-03-26T09:00:00+08:00")).containsEntry("CampaignReminderDue", 0);
        assertThat(outbox(lagging.toString(), "CampaignReminderDue")).isEqualTo(1);
        assertThat(outbox(done.toString(), "CampaignReminderDue")).isZero();
        ConsumerRecord<String, String> reminder = world.events.await(World.CONTACT_EVENTS,
                "lianxin.contact.CampaignReminderDue.v1", lagging);
        JsonNode due = KafkaEvents.payload(reminder);
        assertThat(reminder.key()).isEqualTo(lagging.toString());
        assertThat(due.get("campaignId").asText()).isEqualTo(campaign);
        assertThat(due.get("campaignOrgId").asText()).isEqualTo(committee.toString());
        assertThat(due.get("endsOn").asText()).isEqualTo("2027-03-31");
        assertThat(List.of(due.get("inScope").asInt(), due.get("accounted").asInt(), due.get("notAccounted").asInt()))
                .containsExactly(2, 1, 1);

        // after the last day: the scan closes it once, with its figures
        clock.pin(TestClock.shanghai("2027-04-01T01:30"));
        assertThat(scanSumming(committee, "2027-04-01T01:30:00+08:00")).containsEntry("CampaignClosed", 1)
                .containsEntry("CampaignReminderDue", 0);
        assertThat(scanSumming(committee, "2027-04-01T01:30:00+08:00")).containsEntry("CampaignClosed", 0);
        assertThat(outbox(committee.toString(), "CampaignClosed")).isEqualTo(1);
        JsonPath closed = read(orgAdmin(committee), CAMPAIGNS + "/{id}", campaign);
        assertThat(closed.getString("status")).isEqualTo("CLOSED");
        assertThat(closed.getString("closeReason")).isEqualTo("WINDOW_ENDED");
        assertThat(closed.getString("closedBy")).isEqualTo("tracking-service");
        assertThat(closed.getInt("figures.accounted")).isEqualTo(2);

        // a contact inside the window recorded after the close changes nothing: the figures are kept, not recomputed
        world.reached(lateMember, "2027-03-30T09:00:00+08:00", "PHONE");
        JsonPath kept = read(orgAdmin(committee), CAMPAIGNS + "/{id}/progress", campaign);
        assertThat(kept.getList("branches.accounted", Integer.class)).containsExactly(1, 1);
        assertThat(kept.getString("total.asOf")).isEqualTo("2027-03-31T17:30:00Z");
        given().auth().oauth2(orgAdmin(committee)).get(CAMPAIGNS + "/{id}/unaccounted", campaign).then()
                .body("total", equalTo(1)).body("items[0].memberId", equalTo(lateMember.toString()));

        JsonNode figures = KafkaEvents.payload(world.events.await(World.CONTACT_EVENTS,
                "lianxin.contact.CampaignClosed.v1", committee));
        assertThat(figures.get("reason").asText()).isEqualTo("WINDOW_ENDED");
        assertThat(List.of(figures.get("inScope").asInt(), figures.get("accounted").asInt(),
                figures.get("notAccounted").asInt())).containsExactly(3, 2, 1);
        assertThat(figures.at("/accountedBy/reachedInWindow").asInt()).isEqualTo(2);
        Map<String, Integer> notAccountedByBranch = new HashMap<>();
        figures.get("branches").forEach(b -> notAccountedByBranch.put(b.get("orgId").asText(), b.get("notAccounted").asInt()));
        assertThat(notAccountedByBranch).containsExactlyInAnyOrderEntriesOf(Map.of(done.toString(), 0, lagging.toString(), 1));
    }

    @Test
    void aWindowShorterThanTheReminderPeriodIsNotRemindedBeforeItOpensButOnItsFirstDay() {
        clock.pin(TestClock.shanghai("2027-03-20T10:00"));
        UUID committee = world.committee();
        UUID lagging = world.branch(committee, "短期支部");
        world.register(lagging, "2026-06-01T09:00:00+08:00");
        String campaign = open(orgAdmin(committee), Map.of("orgId", committee.toString(), "name", "三天排查",
                "startsOn", "2027-03-29", "endsOn", "2027-03-31")).statusCode(201)
                .body("reminderDueAt", equalTo("2027-03-28T16:00:00Z")).extract().path("id");

        // endsOn + 1 - P7D is 25 March, before the window opens: nobody could have been reached yet
        clock.pin(TestClock.shanghai("2027-03-25T09:00"));
        assertThat(scanSumming(committee, "2027-03-25T09:00:00+08:00")).containsEntry("CampaignReminderDue", 0);
        clock.pin(TestClock.shanghai("2027-03-28T23:00"));
        assertThat(scanSumming(committee, "2027-03-28T23:00:00+08:00")).containsEntry("CampaignReminderDue", 0);
        assertThat(outbox(lagging.toString(), "CampaignReminderDue")).isZero();

        clock.pin(TestClock.shanghai("2027-03-29T09:00"));
        assertThat(scanSumming(committee, "2027-03-29T09:00:00+08:00")).containsEntry("CampaignReminderDue", 1);
        assertThat(outbox(lagging.toString(), "CampaignReminderDue")).isEqualTo(1);
        assertThat(read(orgAdmin(committee), CAMPAIGNS + "/{id}", campaign).getString("status")).isEqualTo("OPEN");
    }

    @Test
    void anOrgAdminMayCloseACampaignEarlyOnceWithTheFiguresOfThatMoment() {
        clock.pin(TestClock.shanghai("2027-02-10T10:00"));
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "提前支部");
        UUID member = world.register(branch, "2026-06-01T09:00:00+08:00");
        world.register(branch, "2026-06-01T09:00:00+08:00");
        world.reached(member, "2027-02-01T09:00:00+08:00", "PHONE");
        String campaign = open(orgAdmin(committee), Map.of("orgId", committee.toString(), "name", "提前结束的排查"))
                .statusCode(201).extract().path("id");

        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, branch)).post(CAMPAIGNS + "/{id}/close", campaign)
                .then().statusCode(403);
        given().auth().oauth2(world.tokens.forRole(Roles.AUDITOR, committee)).post(CAMPAIGNS + "/{id}/close", campaign)
                .then().statusCode(403);
        given().auth().oauth2(orgAdmin(branch)).post(CAMPAIGNS + "/{id}/close", campaign).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(orgAdmin(world.committee())).post(CAMPAIGNS + "/{id}/close", campaign).then().statusCode(404);

        given().auth().oauth2(orgAdmin(committee)).post(CAMPAIGNS + "/{id}/close", campaign).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("closeReason", equalTo("CLOSED_EARLY"))
                .body("closedBy", equalTo("org_admin@" + committee))
                .body("figures.inScope", equalTo(2)).body("figures.accounted", equalTo(1));
        given().auth().oauth2(orgAdmin(committee)).post(CAMPAIGNS + "/{id}/close", campaign).then().statusCode(409)
                .contentType("application/problem+json");
        clock.pin(TestClock.shanghai("2027-04-02T10:00"));
        assertThat(scanSumming(committee, "2027-04-02T10:00:00+08:00")).containsEntry("CampaignClosed", 0);
        assertThat(outbox(committee.toString(), "CampaignClosed")).isEqualTo(1);
        given().auth().oauth2(orgAdmin(committee)).get(CAMPAIGNS + "?status=CLOSED").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(campaign));
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndAnOrgOutsideTheSubtreeIsNotFound() {
        clock.pin(TestClock.shanghai("2027-02-10T10:00"));
        UUID committee = world.committee();
        String admin = orgAdmin(committee);
        String org = committee.toString();
        problem(open(admin, Map.of("orgId", org)), 400, "name");
        problem(open(admin, Map.of("orgId", org, "name", "  ")), 400, "name");
        problem(open(admin, Map.of("name", "排查")), 400, "orgId");
        problem(open(admin, Map.of("orgId", org, "name", "排查", "startsOn", "2027-01-01")), 400, "endsOn");
        problem(open(admin, Map.of("orgId", org, "name", "排查", "endsOn", "2027-03-31")), 400, "startsOn");
        problem(open(admin, Map.of("orgId", org, "name", "排查", "startsOn", "2027-03-01", "endsOn", "2027-02-28")),
                400, "endsOn");
        problem(open(admin, Map.of("orgId", org, "name", "排查", "startsOn", "2027-01-01", "endsOn", "2029-01-01")),
                400, "endsOn");
        problem(open(admin, Map.of("orgId", org, "name", "排查", "startsOn", "1949-10-01", "endsOn", "1949-12-31")),
                400, "startsOn");
        problem(open(admin, Map.of("orgId", org, "name", "排查", "startsOn", "2027-01-01", "endsOn", "2027-02-09")),
                422, "endsOn");
        problem(open(admin, Map.of("orgId", org, "name", "排查", "focusTags", List.of("RICH"))), 400, "focusTags");
        problem(given().auth().oauth2(admin).queryParam("status", "PAUSED").get(CAMPAIGNS).then(), 400, "status");
        open(admin, Map.of("orgId", world.committee().toString(), "name", "越权排查")).statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).get(CAMPAIGNS + "/{id}", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, committee)).contentType(ContentType.JSON)
                .body(Map.of("orgId", org, "name", "排查")).post(CAMPAIGNS).then().statusCode(403);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM campaign WHERE org_id = :org").setParameter("org", committee).getSingleResult())
                .longValue())).isZero();
    }

    private static void problem(ValidatableResponse response, int status, String field) {
        response.statusCode(status).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith(field)));
    }
}
