package cn.lianxin.systemtests;

import static cn.lianxin.systemtests.Actors.awaitCase;
import static cn.lianxin.systemtests.Actors.caseFile;
import static cn.lianxin.systemtests.Actors.contact;
import static cn.lianxin.systemtests.Actors.liveUntil;
import static cn.lianxin.systemtests.Actors.org;
import static cn.lianxin.systemtests.Actors.person;
import static cn.lianxin.systemtests.Actors.plus;
import static cn.lianxin.systemtests.Actors.searchAttempt;
import static cn.lianxin.systemtests.LianxinSystem.CASES;
import static cn.lianxin.systemtests.LianxinSystem.TRACKING;
import static cn.lianxin.systemtests.LianxinSystem.admin;
import static cn.lianxin.systemtests.LianxinSystem.api;
import static cn.lianxin.systemtests.LianxinSystem.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import cn.lianxin.systemtests.Actors.Person;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;

/**
 * Scenario 1 — the whole mechanism: a flow member goes silent, the liaison and then the secretary are reminded,
 * the member is suspected lost and gets a case file, the search stalls and the case escalates to the committee,
 * the search resumes, the member is found and brought back into management (纳入管理), the follow-up visits are
 * made, the case closes and the member is in contact again.
 */
@ExtendWith(LianxinSystem.class)
class FlowMemberGoesSilentSystemTest {

    @Test
    void aSilentFlowMemberIsRemindedEscalatedSearchedFoundAndFollowedUp() {
        Instant start = Actors.nextOfficeMorning();
        LianxinSystem.travelTo(start);
        Person committeeSecretary = person("书记");
        Person branchSecretary = person("书记");
        Person liaison = person("联络员");
        UUID committee = org(null, "COMMITTEE", "中共场景一街道工作委员会", committeeSecretary);
        UUID branch = org(committee, "BRANCH", "场景一社区第一支部", branchSecretary);
        UUID member = Actors.member(branch, "钱文斌", "FULL");
        Actors.assignLiaison(member, liaison);
        Actors.flowOut(member, start);
        Instant lastReached = LianxinSystem.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LianxinSystem.travelTo(lastReached);
        contact(member, lastReached, "PHONE", "REACHED");

        // A month without contact: the liaison is reminded (T1), the member is uncontrolled (T4).
        liveUntil(plus(start, 1, 0));
        assertThat(payload(events().await("contact.events", missed(member, "REMINDER"))).path("obligation").asText())
                .isEqualTo("LIAISON_MONTHLY");
        Inboxes.awaitHeldSms(liaison.phone(), "contact-missed.reminder", "钱文斌");
        events().await("contact.events", "lianxin.contact.MemberUncontrolled.v1", member);

        // A week later, still nothing: the branch secretary hears of it (T3).
        liveUntil(plus(start, 1, 7));
        events().await("contact.events", missed(member, "ESCALATED"));
        Inboxes.awaitHeldSms(branchSecretary.phone(), "contact-missed.escalated", "钱文斌");

        // Four months — a month after the quarterly reminder: lost contact suspected (T5), a case file is opened and
        // the secretary notified.
        Instant lost = plus(start, 4, 0);
        liveUntil(lost);
        ConsumerRecord<String, String> suspected = events().await("contact.events",
                "lianxin.contact.LostContactSuspected.v1", member);
        JsonPath file = awaitCase(member);
        UUID caseId = UUID.fromString(file.getString("id"));
        assertThat(file.getString("state")).isEqualTo("OPEN");
        assertThat(Instant.parse(file.getString("lostSince"))).isEqualTo(lastReached);
        ConsumerRecord<String, String> opened = events().await("case.events", "lianxin.case.CaseOpened.v1", member);
        Inboxes.awaitHeldSms(branchSecretary.phone(), "case-opened", "钱文斌");
        // Issue 15: one trace, begun by tracking-service's scan, through case-service to the secretary's notification
        String scanTrace = traceId(suspected);
        assertThat(traceId(opened)).as("CaseOpened continues the trace of the scan's LostContactSuspected")
                .isEqualTo(scanTrace);
        assertThat(notificationTraces(member, "lianxin.case.CaseOpened.v1")).as("the CaseOpened notifications' traces")
                .isNotEmpty().containsOnly(scanTrace);

        // No search attempt within 30 days: the case escalates to the committee (C1), whose secretary hears of it.
        liveUntil(plus(start, 4, 31));
        ConsumerRecord<String, String> escalated = events().await("case.events", "lianxin.case.CaseEscalated.v1", member);
        assertThat(payload(escalated).path("level").asInt()).isEqualTo(1);
        assertThat(payload(escalated).path("toOrgId").asText()).isEqualTo(committee.toString());
        Inboxes.awaitSms(committeeSecretary.phone(), "case-escalated", "钱文斌");

        // The search resumes: phone, home visit, relatives — who give a lead; he answers the liaison's call, and the
        // secretary records in the case file that he is found. Nobody enters that call again as a contact:
        // tracking-service takes the fact from the case (CASE_FOUND) and he is in contact again.
        Instant search = plus(start, 4, 32);
        LianxinSystem.travelTo(search);
        searchAttempt(caseId, search, "PHONE", "NO_TRACE", "原号码停机");
        searchAttempt(caseId, search, "VISIT_HOME", "NO_TRACE", "上门走访，家中无人");
        searchAttempt(caseId, search, "RELATIVES_NEIGHBOURS", "LEAD", "其母亲提供了新手机号");
        api(CASES, admin()).body(Map.of("at", search.toString(), "how", "联络员按其母亲提供的新号码联系上本人"))
                .post("/api/v1/cases/{id}/found", caseId).then().statusCode(200);
        assertThat(caseFile(caseId).getString("state")).isEqualTo("FOUND");
        ConsumerRecord<String, String> restored = events().await("contact.events", r -> member.toString().equals(r.key())
                && "lianxin.contact.ContactRestored.v1".equals(KafkaEvents.header(r, "ce_type"))
                && "CASE_FOUND".equals(payload(r).path("channel").asText()));
        // the secretary's request at case-service, tracking-service's consumer and its ContactRestored: one trace
        assertThat(traceId(restored))
                .isEqualTo(traceId(events().await("case.events", "lianxin.case.MemberFound.v1", member)));
        api(TRACKING, admin()).get("/api/v1/members/{id}/contact-status", member).then()
                .statusCode(200)
                .body("state", equalTo("IN_CONTACT"));

        // 纳入管理 by the branch meeting; the follow-up plan starts.
        api(CASES, admin()).body(Map.of("type", "REINTEGRATED", "procedure", Actors.fullProcedure(search),
                "reintegration", "RELATIONSHIP_KEPT", "note", "恢复联系，纳入管理"))
                .post("/api/v1/cases/{id}/decisions", caseId).then().statusCode(201);
        events().await("case.events", "lianxin.case.CaseDisposed.v1", member);
        contact(member, search, "DUES", "REACHED"); // back in the branch's life: he pays the dues he owed
        contact(member, search, "ORG_LIFE", "REACHED"); // and joins the branch's 主题党日 online

        // Every follow-up visit is made when due and recorded once, in the case file; the case closes with the last
        // one, and each visit that saw him well is a contact in tracking-service without a second entry.
        List<Map<String, Object>> plan = caseFile(caseId).getList("followUps");
        assertThat(plan).hasSize(7);
        for (Map<String, Object> followUp : plan) {
            Instant due = Instant.parse((String) followUp.get("dueAt"));
            Instant at = due.isAfter(LianxinSystem.now()) ? due : LianxinSystem.now();
            LianxinSystem.travelTo(at); // every service's clock is at or past the visit now
            api(CASES, admin()).body(Map.of("at", at.toString(), "result", "SEEN_OK", "note", "回访正常"))
                    .post("/api/v1/cases/{id}/follow-ups", caseId).then().statusCode(201);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(caseFile(caseId).getString("state")));
        events().await("case.events", "lianxin.case.CaseClosed.v1", member);
        api(TRACKING, admin()).get("/api/v1/members/{id}/contact-status", member).then()
                .statusCode(200)
                .body("state", equalTo("IN_CONTACT"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(contactChannels(member))
                .containsExactly("PHONE", "CASE_FOUND", "DUES", "ORG_LIFE", "FOLLOW_UP", "FOLLOW_UP", "FOLLOW_UP",
                        "FOLLOW_UP", "FOLLOW_UP", "FOLLOW_UP", "FOLLOW_UP"));

        // The month he was lost in shows in the committee's monthly report; so does the month he was found in.
        JsonPath lostMonth = Actors.monthlyReport(committee, lost);
        assertThat(lostMonth.getInt("figures.members")).isEqualTo(1);
        assertThat(lostMonth.getInt("figures.newlyLost")).isEqualTo(1);
        assertThat(lostMonth.getInt("figures.stillMissing")).isEqualTo(1);
        JsonPath foundMonth = Actors.monthlyReport(committee, search);
        assertThat(foundMonth.getInt("figures.found")).isEqualTo(1);
        assertThat(foundMonth.getInt("figures.reintegrated")).isEqualTo(1);
        assertThat(foundMonth.getInt("figures.stillMissing")).isZero();
    }

    /** The channels of the member's recorded contacts, in order: what was entered, and how often. */
    private static List<String> contactChannels(UUID member) {
        return events().all("contact.events").stream()
                .filter(r -> member.toString().equals(r.key())
                        && "lianxin.contact.ContactRecorded.v1".equals(KafkaEvents.header(r, "ce_type")))
                .map(r -> payload(r).path("channel").asText())
                .toList();
    }

    private static java.util.function.Predicate<ConsumerRecord<String, String>> missed(UUID member, String level) {
        return r -> member.toString().equals(r.key())
                && "lianxin.contact.ContactMissed.v1".equals(KafkaEvents.header(r, "ce_type"))
                && level.equals(payload(r).path("level").asText());
    }

    /** The trace id of the record's traceparent header. */
    private static String traceId(ConsumerRecord<String, String> record) {
        String traceparent = KafkaEvents.header(record, "traceparent");
        assertThat(traceparent).as("traceparent of %s", KafkaEvents.header(record, "ce_type"))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        return traceparent.substring(3, 35);
    }

    /** The trace ids notification-service stored on the member's notifications planned from events of a type. */
    private static List<String> notificationTraces(UUID member, String sourceEventType) {
        try (Connection db = LianxinTestResource.adminConnection();
                PreparedStatement query = db.prepareStatement("SELECT substr(traceparent, 4, 32) FROM "
                        + "notification.notification WHERE member_id = ? AND source_event_type = ?")) {
            query.setObject(1, member);
            query.setString(2, sourceEventType);
            List<String> traces = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    traces.add(rows.getString(1));
                }
            }
            return traces;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode payload(ConsumerRecord<String, String> record) {
        return KafkaEvents.payload(record);
    }
}
