package cn.lianxin.systemtests;

import static cn.lianxin.systemtests.Actors.awaitCase;
import static cn.lianxin.systemtests.Actors.caseFile;
import static cn.lianxin.systemtests.Actors.contact;
import static cn.lianxin.systemtests.Actors.liveUntil;
import static cn.lianxin.systemtests.Actors.org;
import static cn.lianxin.systemtests.Actors.person;
import static cn.lianxin.systemtests.Actors.plus;
import static cn.lianxin.systemtests.LianxinSystem.CASES;
import static cn.lianxin.systemtests.LianxinSystem.MEMBER;
import static cn.lianxin.systemtests.LianxinSystem.NOTIFICATION;
import static cn.lianxin.systemtests.LianxinSystem.TRACKING;
import static cn.lianxin.systemtests.LianxinSystem.admin;
import static cn.lianxin.systemtests.LianxinSystem.api;
import static cn.lianxin.systemtests.LianxinSystem.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.systemtests.Actors.Person;
import cn.lianxin.testing.KafkaEvents;

/**
 * The loop between the four services (docs/domain.md, "one fact is entered once" and the routing table): a
 * branch's due members reach the secretary as one digest; a member found by the case leaves the work list with no
 * second entry; a member who died has their open case closed and counted as a death; a liaison sees only their own
 * members in every service; a case opened automatically is completed and the report shows its situation.
 */
@ExtendWith(LianxinSystem.class)
class TheLoopSystemTest {

    private static final int QUIET_MEMBERS = 8;

    @Test
    void warningsReachTheRightPersonOnceAndEveryFactIsEnteredOnce() {
        Instant start = Actors.nextOfficeMorning();
        LianxinSystem.travelTo(start);
        Person secretary = person("书记");
        UUID committee = org(null, "COMMITTEE", "中共闭环街道工作委员会", person("书记"));
        UUID branch = org(committee, "BRANCH", "闭环社区第一支部", secretary);

        // A liaison at home; the flow member assigned to them; a second flow member assigned to nobody; an elderly
        // member; and quiet members with nobody assigned, whose reminders go to the secretary.
        UUID liaison = Actors.member(branch, "柳联络", "FULL");
        UUID flowing = Actors.member(branch, "孙远行", "FULL");
        UUID otherFlowing = Actors.member(branch, "周未派", "FULL");
        UUID elderly = Actors.member(branch, "吴老党员", "FULL");
        api(MEMBER, admin()).body(Map.of("liaisonMemberId", liaison))
                .header("If-Match", Actors.etag(MEMBER, admin(), "/api/v1/members/{id}", flowing))
                .put("/api/v1/members/{id}/liaison", flowing)
                .then().statusCode(200);
        Actors.flowOut(flowing, start);
        Actors.flowOut(otherFlowing, start);
        List<String> quietNames = new ArrayList<>();
        List<UUID> quiet = new ArrayList<>();
        for (int i = 1; i <= QUIET_MEMBERS; i++) {
            String name = "静默党员" + i;
            quietNames.add(name);
            quiet.add(Actors.member(branch, name, "FULL"));
        }
        Instant reached = start.plusSeconds(60);
        LianxinSystem.travelTo(reached);
        for (UUID member : concat(List.of(liaison, flowing, otherFlowing, elderly), quiet)) {
            contact(member, reached, "PHONE", "REACHED");
        }

        // The quarter passes in silence: one digest to the secretary lists every quiet member, not one SMS each.
        liveUntil(plus(start, 3, 0));
        for (UUID member : quiet) { // notification-service has taken every reminder in before the window closes
            await().atMost(Duration.ofSeconds(30)).until(() -> api(NOTIFICATION, admin()).queryParam("memberId", member)
                    .queryParam("status", "HELD").get("/api/v1/notifications").then().statusCode(200).extract()
                    .jsonPath().getList("items.templateKey", String.class).contains("contact-missed.reminder"));
        }
        Inboxes.awaitDigestTime();
        // The reminders' digest and the dues arrears' digest are delivered independently: wait for the reminders'.
        String digest = Inboxes.awaitSms(secretary.phone(), "digest", "联系提醒", quietNames.get(0)).body();
        assertThat(digest).contains(quietNames);
        // Whatever reaches the secretary about a quiet member is a digest (reminders in one, dues arrears in another).
        List<String> naming = Inboxes.smsTo(secretary.phone()).stream().map(m -> m.body())
                .filter(body -> body.contains(quietNames.get(0))).toList();
        assertThat(naming).allMatch(body -> body.contains("\"templateKey\":\"digest\""));
        assertThat(naming).filteredOn(body -> body.contains("联系提醒")).hasSize(1);

        // Four months: the silent members are suspected lost and each gets a case file, opened automatically.
        liveUntil(plus(start, 4, 1));
        JsonPath flowingCase = awaitCase(flowing);
        JsonPath elderlyCase = awaitCase(elderly);
        UUID flowingCaseId = UUID.fromString(flowingCase.getString("id"));
        UUID elderlyCaseId = UUID.fromString(elderlyCase.getString("id"));
        assertThat(flowingCase.getString("situation")).isEqualTo("UNKNOWN");
        assertThat(incompleteCases(branch)).contains(flowingCaseId.toString(), elderlyCaseId.toString());

        // A liaison sees only the member assigned to them, in every service.
        String liaisonToken = LianxinSystem.tokens().forMember(Roles.LIAISON, branch, liaison);
        api(MEMBER, liaisonToken).get("/api/v1/members/{id}", flowing).then().statusCode(200);
        api(MEMBER, liaisonToken).get("/api/v1/members/{id}", otherFlowing).then().statusCode(404);
        api(TRACKING, liaisonToken).get("/api/v1/members/{id}/contact-status", flowing).then().statusCode(200);
        api(TRACKING, liaisonToken).get("/api/v1/members/{id}/contact-status", otherFlowing).then().statusCode(404);
        api(CASES, liaisonToken).get("/api/v1/cases/{id}", flowingCaseId).then().statusCode(200);
        api(CASES, liaisonToken).get("/api/v1/cases/{id}", elderlyCaseId).then().statusCode(404);
        assertThat(api(CASES, liaisonToken).queryParam("orgId", branch).get("/api/v1/cases").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactly(flowingCaseId.toString());
        api(NOTIFICATION, liaisonToken).get("/api/v1/notifications").then().statusCode(403);

        // The branch completes the automatically opened case: the report breaks the loss down by its situation.
        Instant completed = plus(start, 4, 2);
        LianxinSystem.travelTo(completed);
        api(CASES, LianxinSystem.tokenFor(Roles.SECRETARY, branch))
                .body(Map.of("situation", "MIGRANT_WORK", "cause", "外出务工后更换手机号"))
                .header("If-Match", Actors.etag(CASES, LianxinSystem.tokenFor(Roles.SECRETARY, branch), "/api/v1/cases/{id}",
                        flowingCaseId))
                .patch("/api/v1/cases/{id}", flowingCaseId).then().statusCode(200)
                .body("situation", equalTo("MIGRANT_WORK"))
                .body("incomplete", equalTo(false));
        events().await("case.events", "lianxin.case.CaseDetailsChanged.v1", flowing);
        assertThat(incompleteCases(branch)).doesNotContain(flowingCaseId.toString()).contains(elderlyCaseId.toString());

        // The liaison finds him through his former workmates: the case records it, and nobody enters it again as a
        // contact — tracking-service takes the fact from the case and he leaves the work list.
        api(CASES, liaisonToken).body(Map.of("at", completed.toString(), "channel", "RELATIVES_NEIGHBOURS",
                "result", "LEAD", "note", "工友提供了新手机号")).post("/api/v1/cases/{id}/attempts", flowingCaseId)
                .then().statusCode(201);
        api(CASES, LianxinSystem.tokenFor(Roles.SECRETARY, branch))
                .body(Map.of("at", completed.toString(), "how", "按工友提供的新号码联系上本人"))
                .post("/api/v1/cases/{id}/found", flowingCaseId).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api(TRACKING, admin())
                .get("/api/v1/members/{id}/contact-status", flowing).then()
                .statusCode(200)
                .body("state", equalTo("IN_CONTACT")));
        assertThat(overdueMembers(branch)).doesNotContain(flowing.toString()).contains(elderly.toString());
        assertThat(events().all("contact.events")).filteredOn(r -> flowing.toString().equals(r.key())
                && "lianxin.contact.ContactRecorded.v1".equals(KafkaEvents.header(r, "ce_type")))
                .extracting(r -> KafkaEvents.payload(r).path("channel").asText())
                .containsExactly("PHONE", "CASE_FOUND");
        assertThat(caseFile(flowingCaseId).getString("state")).isEqualTo("FOUND");

        // The elderly member died: the secretary records it; the case closes as a death, never as found.
        api(MEMBER, LianxinSystem.tokenFor(Roles.SECRETARY, branch))
                .body(Map.of("to", "DECEASED", "reason", "因病去世", "diedOn", plus(start, 2, 0).atZone(Actors.SHANGHAI)
                        .toLocalDate().toString(), "learnedHow", "家属告知"))
                .post("/api/v1/members/{id}/standing-changes", elderly).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(caseFile(elderlyCaseId).getString("state")));
        assertThat(caseFile(elderlyCaseId).getString("resolution")).isEqualTo("DECEASED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api(TRACKING, admin())
                .get("/api/v1/members/{id}/contact-status", elderly).then()
                .statusCode(200)
                .body("state", equalTo("EXEMPT")));

        JsonPath report = Actors.monthlyReport(committee, completed);
        assertThat(report.getInt("figures.deceased")).isEqualTo(1);
        assertThat(report.getInt("figures.found")).isEqualTo(1);
        assertThat(report.getInt("figures.bySituation.MIGRANT_WORK")).isEqualTo(1);
    }

    private static List<String> incompleteCases(UUID branch) {
        return api(CASES, admin()).queryParam("orgId", branch).queryParam("incomplete", true).get("/api/v1/cases")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    private static List<String> overdueMembers(UUID branch) {
        return api(TRACKING, admin()).queryParam("orgId", branch).queryParam("size", 200)
                .get("/api/v1/worklists/overdue").then().statusCode(200).extract().jsonPath()
                .getList("items.memberId", String.class);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
