package cn.lianxin.systemtests;

import static cn.lianxin.systemtests.Actors.awaitCase;
import static cn.lianxin.systemtests.Actors.contact;
import static cn.lianxin.systemtests.Actors.fullProcedure;
import static cn.lianxin.systemtests.Actors.liveUntil;
import static cn.lianxin.systemtests.Actors.org;
import static cn.lianxin.systemtests.Actors.person;
import static cn.lianxin.systemtests.Actors.plus;
import static cn.lianxin.systemtests.Actors.searchAttempt;
import static cn.lianxin.systemtests.LianxinSystem.CASES;
import static cn.lianxin.systemtests.LianxinSystem.MEMBER;
import static cn.lianxin.systemtests.LianxinSystem.TRACKING;
import static cn.lianxin.systemtests.LianxinSystem.admin;
import static cn.lianxin.systemtests.LianxinSystem.api;
import static cn.lianxin.systemtests.LianxinSystem.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import cn.lianxin.testing.KafkaEvents;

/**
 * Scenarios 2 and 3 — a member who is not found: after six months and three search channels including a home
 * visit, suspension of standing (停止党籍) is proposed and decided with its full procedure; member-service applies
 * it and tracking-service stops the clocks. Then either two years pass and removal (除名) follows with the 5-year
 * re-admission bar, or the member is found within two years and restored.
 */
@ExtendWith(LianxinSystem.class)
class NotFoundSystemTest {

    @Test
    void aMemberNeverFoundIsSuspendedAndTwoYearsLaterRemoved() {
        Lost lost = loseAndSuspend("周志强");

        liveUntil(plus(lost.suspendedAt(), 24, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> events().all("case.events").stream()
                .anyMatch(r -> lost.member().toString().equals(r.key()) && "REMOVE".equals(KafkaEvents.payload(r).path("action").asText())));
        Instant now = LianxinSystem.now();
        Map<String, Object> removal = new HashMap<>(Map.of("type", "REMOVED", "procedure", fullProcedure(now), "note", "除名"));
        removal.put("readmissionBarUntil", now.atZone(Actors.SHANGHAI).toLocalDate().plusYears(5).toString());
        api(CASES, admin()).body(removal).post("/api/v1/cases/{id}/decisions", lost.caseId()).then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api(MEMBER, admin()).get("/api/v1/members/{id}", lost.member())
                .then().statusCode(200).body("standing", equalTo("REMOVED")));
        assertThat(Actors.monthlyReport(lost.committee(), LianxinSystem.now()).getInt("figures.removed")).isEqualTo(1);
        api(MEMBER, admin()).get("/api/v1/members/{id}/standing-history", lost.member()).then()
                .statusCode(200)
                .body("to", hasItem("REMOVED"))
                .body("find { it.to == 'REMOVED' }.readmissionBarUntil", notNullValue());
    }

    @Test
    void aSuspendedMemberFoundWithinTwoYearsIsRestoredAndHisClocksRestart() {
        Lost lost = loseAndSuspend("吴建平");

        Instant found = plus(lost.suspendedAt(), 10, 0);
        LianxinSystem.travelTo(found);
        api(CASES, admin()).body(Map.of("at", found.toString(), "how", "在深圳参加流动党员活动时被认出", "note", "本人申请恢复党籍"))
                .post("/api/v1/cases/{id}/found", lost.caseId()).then().statusCode(200);
        api(CASES, admin()).body(Map.of("type", "RESTORED", "procedure", fullProcedure(found), "note", "经县级党委批准恢复党籍"))
                .post("/api/v1/cases/{id}/decisions", lost.caseId()).then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api(MEMBER, admin()).get("/api/v1/members/{id}", lost.member())
                .then().statusCode(200).body("standing", equalTo("ACTIVE")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api(TRACKING, admin())
                .get("/api/v1/members/{id}/contact-status", lost.member()).then()
                .statusCode(200)
                .body("state", equalTo("IN_CONTACT")));
    }

    private record Lost(UUID committee, UUID member, UUID caseId, Instant suspendedAt) {
    }

    /** Registers a member, loses him for six months despite three channels incl. a home visit, and suspends him. */
    private static Lost loseAndSuspend(String name) {
        Instant start = Actors.nextOfficeMorning();
        LianxinSystem.travelTo(start);
        UUID committee = org(null, "COMMITTEE", "中共" + name + "所在镇委员会", person("书记"));
        UUID branch = org(committee, "BRANCH", name + "所在村支部", person("书记"));
        UUID member = Actors.member(branch, name, "FULL");
        contact(member, start, "PHONE", "REACHED");

        liveUntil(plus(start, 4, 0));
        UUID caseId = UUID.fromString(awaitCase(member).getString("id"));
        Instant search = plus(start, 4, 1);
        LianxinSystem.travelTo(search);
        searchAttempt(caseId, search, "PHONE", "NO_TRACE", "电话停机");
        searchAttempt(caseId, search, "VISIT_HOME", "NO_TRACE", "上门走访，房屋已出租");
        searchAttempt(caseId, search, "PUBLIC_SECURITY", "NO_TRACE", "户籍无变动记录");

        liveUntil(plus(start, 6, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> events().all("case.events").stream()
                .anyMatch(r -> member.toString().equals(r.key()) && "SUSPEND".equals(KafkaEvents.payload(r).path("action").asText())));

        // A decision without the superior organization's approval reference is refused, naming what is missing.
        Instant decided = LianxinSystem.now();
        Map<String, Object> incomplete = new HashMap<>(fullProcedure(decided));
        incomplete.remove("approvalRef");
        String refusal = api(CASES, admin()).body(Map.of("type", "SUSPENDED", "procedure", incomplete))
                .post("/api/v1/cases/{id}/decisions", caseId).then()
                .statusCode(422)
                .extract().asString();
        assertThat(refusal).contains("approvalRef");

        api(CASES, admin()).body(Map.of("type", "SUSPENDED", "procedure", fullProcedure(decided), "note", "停止党籍"))
                .post("/api/v1/cases/{id}/decisions", caseId).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api(MEMBER, admin()).get("/api/v1/members/{id}", member)
                .then().statusCode(200).body("standing", equalTo("SUSPENDED")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api(TRACKING, admin())
                .get("/api/v1/members/{id}/contact-status", member).then()
                .statusCode(200)
                .body("state", equalTo("EXEMPT")));
        assertThat(Actors.monthlyReport(committee, decided).getInt("figures.suspended")).isEqualTo(1);
        return new Lost(committee, member, caseId, decided);
    }
}
