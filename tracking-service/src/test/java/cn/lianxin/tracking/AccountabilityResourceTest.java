package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.platform.time.ShanghaiCalendar;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.Workbooks;
import cn.lianxin.tracking.service.AccountabilityService;

/**
 * 目标责任考核 at the boundary: GET /api/v1/orgs/{orgId}/accountability (JSON and .xlsx, subtree access, bad
 * periods), its agreement with the scan's ContactMissed, the case facts taken from case.events, and the monthly
 * AccountabilityReported on the real broker, once per branch and month.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class AccountabilityResourceTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String MARCH = "?from=2027-03-01&to=2027-04-01";

    @Inject
    World world;
    @Inject
    TestClock clock;
    @Inject
    AccountabilityService accountability;
    @Inject
    EntityManager em;

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    /** A committee with branch A (a member reached on time twice, a flow member reached late by the liaison), B (empty), C (a member never reached). */
    private record March(UUID committee, UUID a, UUID b, UUID c, UUID never, UUID liaison) {
    }

    private March march() {
        UUID committee = world.committee();
        UUID a = world.branch(committee, "甲支部");
        UUID b = world.branch(committee, "乙支部");
        UUID c = world.branch(committee, "丙支部");
        // due 1 Mar (registration + P3M, met 5 Dec) and 5 Mar (met 1 Mar): both on time
        UUID onTime = world.register(a, "2026-12-01T09:00:00+08:00");
        world.reached(onTime, "2026-12-05T10:00:00+08:00", "PHONE");
        world.reached(onTime, "2027-03-01T10:00:00+08:00", "ORG_LIFE");
        // flowing since 1 Feb: the liaison's month is due 1 Mar, the call came on 4 Mar: missed by 3 days
        UUID flowing = world.register(a, "2020-01-01T09:00:00+08:00");
        world.flowOut(flowing, a, "2027-02-01");
        UUID liaison = UUID.randomUUID();
        world.assignLiaison(flowing, a, liaison);
        world.reached(flowing, "2027-03-04T10:00:00+08:00", "PHONE");
        // never reached: the quarter is due 10 Mar
        UUID never = world.register(c, "2026-12-10T09:00:00+08:00");
        return new March(committee, a, b, c, never, liaison);
    }

    private JsonPath get(String token, UUID org, String query) {
        return given().auth().oauth2(token).get("/api/v1/orgs/{id}/accountability" + query, org).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    private static JsonPath row(JsonPath report, String list, String key, UUID id) {
        return new JsonPath(report.prettify()).setRootPath(list + ".find { it." + key + " == '" + id + "' }.figures");
    }

    @Test
    void figuresPerBranchPerLiaisonAndTotalAgreeWithTheScansContactMissed() {
        clock.pin(TestClock.shanghai("2027-04-02T10:00"));
        March w = march();
        // the scan announces the never-reached member's missed quarter on 10 March ...
        world.scan(w.committee(), "2027-03-10T00:00:00+08:00");
        assertThat(world.outboxCount(w.never(), "ContactMissed")).isEqualTo(1);

        JsonPath report = get(world.tokens.admin(), w.committee(), MARCH);
        assertThat(report.getString("from")).isEqualTo("2027-03-01");
        assertThat(report.getString("to")).isEqualTo("2027-04-01");
        // ... and the figures count it missed, still awaiting a contact
        JsonPath c = row(report, "branches", "orgId", w.c());
        assertThat(c.getInt("contactsDue")).isEqualTo(1);
        assertThat(c.getInt("contactsMissed")).isEqualTo(1);
        assertThat(c.getInt("missedAwaitingContact")).isEqualTo(1);
        assertThat(c.getDouble("contactsOnTimeShare")).isEqualTo(0.0);
        assertThat(c.getString("medianDaysMissedToContact")).isNull();

        JsonPath a = row(report, "branches", "orgId", w.a());
        assertThat(a.getInt("members")).isEqualTo(2);
        assertThat(a.getInt("contactsDue")).isEqualTo(3);
        assertThat(a.getInt("contactsOnTime")).isEqualTo(2);
        assertThat(a.getDouble("contactsOnTimeShare")).isEqualTo(0.6667);
        assertThat(a.getDouble("medianDaysMissedToContact")).isEqualTo(3.0);

        JsonPath b = row(report, "branches", "orgId", w.b());
        assertThat(b.getInt("members")).isZero();
        assertThat(b.getInt("contactsDue")).isZero();
        assertThat(b.getString("contactsOnTimeShare")).isNull();
        assertThat(b.getString("lostPer100")).isNull();

        JsonPath liaison = row(report, "liaisons", "liaisonId", w.liaison());
        assertThat(report.getString("liaisons.find { it.liaisonId == '" + w.liaison() + "' }.name")).isEqualTo("陈联络");
        assertThat(liaison.getInt("members")).isEqualTo(1);
        assertThat(liaison.getInt("contactsDue")).isEqualTo(1);
        assertThat(liaison.getInt("contactsMissed")).isEqualTo(1);
        assertThat(liaison.getDouble("medianDaysMissedToContact")).isEqualTo(3.0);

        assertThat(report.getInt("total.members")).isEqualTo(3);
        assertThat(report.getInt("total.contactsDue")).isEqualTo(4);
        assertThat(report.getInt("total.contactsOnTime")).isEqualTo(2);
        assertThat(report.getDouble("total.contactsOnTimeShare")).isEqualTo(0.5);

        // without a period: the previous calendar month (March, the clock being in April)
        assertThat(get(world.tokens.admin(), w.committee(), "").getInt("total.contactsDue")).isEqualTo(4);

        // the spreadsheet: a total, the three branches and the liaison
        byte[] xlsx = given().auth().oauth2(world.tokens.forRole(Roles.AUDITOR, w.committee())).accept(XLSX)
                .get("/api/v1/orgs/{id}/accountability" + MARCH, w.committee()).then().statusCode(200)
                .contentType(XLSX).extract().asByteArray();
        assertThat(Workbooks.text(xlsx)).contains("目标责任考核", "按时联系率", "合计", "甲支部", "乙支部", "丙支部", "联络员", "陈联络");
    }

    @Test
    void outsideTheSubtreeIs404ALiaisonSeesTheirOwnRowAndASecretaryTheirBranch() {
        clock.pin(TestClock.shanghai("2027-04-02T10:00"));
        March w = march();
        UUID elsewhere = world.committee();
        UUID otherBranch = world.branch(elsewhere, "外支部");
        for (String token : new String[] { world.tokens.forRole(Roles.ORG_ADMIN, elsewhere),
                world.tokens.forRole(Roles.SECRETARY, otherBranch), world.tokens.forRole(Roles.SECRETARY, w.a()) }) {
            given().auth().oauth2(token).get("/api/v1/orgs/{id}/accountability" + MARCH, w.committee()).then()
                    .statusCode(404).contentType("application/problem+json");
        }
        // a liaison reads only their own row (also the total), no branch; another liaison's is refused
        String liaisonToken = world.tokens.forMember(Roles.LIAISON, w.a(), w.liaison());
        JsonPath mine = get(liaisonToken, w.a(), MARCH);
        assertThat(mine.getList("branches")).isEmpty();
        assertThat(mine.getList("liaisons.liaisonId")).containsExactly(w.liaison().toString());
        assertThat(mine.getInt("total.contactsDue")).isEqualTo(1);
        assertThat(mine.getInt("total.contactsMissed")).isEqualTo(1);
        given().auth().oauth2(liaisonToken).get("/api/v1/orgs/{id}/accountability" + MARCH + "&liaisonId=" + UUID.randomUUID(),
                w.a()).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(world.tokens.forMember(Roles.LIAISON, w.a(), UUID.randomUUID()))
                .get("/api/v1/orgs/{id}/accountability" + MARCH, w.a()).then().statusCode(200)
                .body("liaisons", org.hamcrest.Matchers.empty()).body("total.contactsDue", equalTo(0));
        given().auth().oauth2(liaisonToken).get("/api/v1/orgs/{id}/accountability" + MARCH, w.committee()).then()
                .statusCode(404);
        // a secretary may ask for one liaison's row
        assertThat(get(world.tokens.forRole(Roles.SECRETARY, w.a()), w.a(), MARCH + "&liaisonId=" + w.liaison())
                .getList("liaisons.liaisonId")).containsExactly(w.liaison().toString());
        JsonPath own = get(world.tokens.forRole(Roles.SECRETARY, w.a()), w.a(), MARCH);
        assertThat(own.getList("branches.orgId")).containsExactly(w.a().toString());
        assertThat(own.getInt("total.contactsDue")).isEqualTo(3);
    }

    @Test
    void aBadPeriodIsAProblemNamingTheField() {
        UUID committee = world.committee();
        String[][] cases = { { "?from=March&to=2027-04-01", "from" }, { "?from=2027-03-01&to=2027-02-30", "to" },
                { "?from=2027-03-10&to=2027-03-10", "to" }, { "?from=2027-03-10&to=2027-03-01", "to" },
                { "?from=2026-03-01&to=2027-03-02", "to" }, { "?from=2027-03-01", "to" }, { "?to=2027-03-01", "from" },
                { "?from=0999-03-01&to=0999-04-01", "from" } };
        for (String[] c : cases) {
            given().auth().oauth2(world.tokens.admin()).get("/api/v1/orgs/{id}/accountability" + c[0], committee).then()
                    .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(c[1]));
        }
        given().auth().oauth2(world.tokens.admin()).get("/api/v1/orgs/{id}/accountability" + MARCH, UUID.randomUUID())
                .then().statusCode(404);
        // exactly a year is allowed
        given().auth().oauth2(world.tokens.admin()).get("/api/v1/orgs/{id}/accountability?from=2026-03-01&to=2027-03-01",
                committee).then().statusCode(200);
    }

    @Test
    void firstSearchesFollowUpsAndLossesComeFromCaseEvents() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pin(now.plus(Duration.ofDays(2)));
        UUID committee = world.committee();
        UUID branch = world.branch(committee, "案件支部");
        UUID searched = world.register(branch, "2026-01-01T09:00:00+08:00");
        UUID notSearched = world.register(branch, "2026-01-01T09:00:00+08:00");
        UUID foundFirst = world.register(branch, "2026-01-01T09:00:00+08:00");
        world.register(branch, "2026-01-01T09:00:00+08:00");
        Instant deadline = now.plus(Duration.ofDays(1));
        UUID caseSearched = opened(searched, branch, deadline);
        opened(notSearched, branch, deadline);
        UUID caseFound = opened(foundFirst, branch, deadline);
        // an attempt logged before the deadline, and the same attempt again under another ce_id: counted once
        UUID attempt = UUID.randomUUID();
        String attempted = """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "attemptId": "%s", "at": "%s", "channel": "PHONE",
                 "result": "NO_TRACE", "actor": "张书记", "channelsTried": ["PHONE"], "fieldVisitDone": false,
                 "attemptCount": 1}
                """.formatted(caseSearched, searched, branch, attempt, now);
        publish("SearchAttemptLogged", searched, attempted);
        publish("SearchAttemptLogged", searched, attempted);
        // found before the deadline without an attempt: C1 never applied
        publish("MemberFound", foundFirst, """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "foundAt": "%s", "foundBy": "MANUAL",
                 "lostSince": "2026-10-05T19:30:00+08:00", "daysLost": 60, "suspended": false}
                """.formatted(caseFound, foundFirst, branch, Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS)));
        publish("FollowUpRecorded", searched, """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "followUpNo": 1, "planSize": 7, "visitedAt": "%s",
                 "result": "SEEN_NOT_OK", "recordedBy": "secretary-zhang"}
                """.formatted(caseSearched, searched, branch, now.minus(Duration.ofDays(1))));
        world.followUpMissed(searched, branch, caseSearched, 2, now.minus(Duration.ofDays(2)).toString());

        LocalDate today = ShanghaiCalendar.dateOf(now);
        JsonPath report = get(world.tokens.admin(), committee, "?from=" + today.minusDays(7) + "&to=" + today.plusDays(3));
        JsonPath figures = row(report, "branches", "orgId", branch);
        assertThat(figures.getInt("firstSearchDue")).isEqualTo(2);
        assertThat(figures.getInt("firstSearchInTime")).isEqualTo(1);
        assertThat(figures.getDouble("firstSearchInTimeShare")).isEqualTo(0.5);
        assertThat(figures.getInt("followUpsDone")).isEqualTo(1);
        assertThat(figures.getInt("followUpsMissed")).isEqualTo(1);
        assertThat(figures.getInt("casesOpened")).isEqualTo(3);
        assertThat(figures.getInt("members")).isEqualTo(4);
        assertThat(figures.getDouble("lostPer100")).isEqualTo(75.0);
    }

    @Test
    void theMonthlyRunReportsEachBranchsFiguresOnceOnTheBroker() {
        clock.pin(TestClock.shanghai("2027-04-01T03:00"));
        March w = march();
        Instant fireTime = clock.instant();
        accountability.scheduled(execution(fireTime));

        ConsumerRecord<String, String> reported = world.events.await(World.CONTACT_EVENTS,
                AccountabilityService.ACCOUNTABILITY_REPORTED, w.a());
        assertThat(reported.key()).isEqualTo(w.a().toString());
        EventSchemas.load().assertValid(AccountabilityService.ACCOUNTABILITY_REPORTED, reported.value());
        JsonNode payload = KafkaEvents.payload(reported);
        assertThat(payload.get("month").asText()).isEqualTo("2027-03");
        assertThat(payload.at("/figures/members").asInt()).isEqualTo(2);
        assertThat(payload.at("/figures/contactsDue").asInt()).isEqualTo(3);
        assertThat(payload.at("/figures/contactsOnTime").asInt()).isEqualTo(2);
        assertThat(payload.at("/figures/medianDaysMissedToContact").asDouble()).isEqualTo(3.0);
        assertThat(payload.toString()).doesNotContain("陈联络").doesNotContain(w.liaison().toString());
        JsonNode empty = KafkaEvents.payload(world.events.await(World.CONTACT_EVENTS,
                AccountabilityService.ACCOUNTABILITY_REPORTED, w.b()));
        assertThat(empty.at("/figures/contactsOnTimeShare").isNull()).isTrue();

        // another run of the month (another replica's fire time, a retry) reports nothing twice
        assertThat(accountability.publishMonth(YearMonth.of(2027, 3))).isZero();
        accountability.scheduled(execution(fireTime.plusSeconds(3600)));
        assertThat(reports(w.a())).isEqualTo(1);
        assertThat(reports(w.c())).isEqualTo(1);
    }

    private long reports(UUID branch) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE subject = :s AND type = :t").setParameter("s", branch.toString())
                .setParameter("t", AccountabilityService.ACCOUNTABILITY_REPORTED).getSingleResult()).longValue());
    }

    private UUID opened(UUID member, UUID branch, Instant verificationDueAt) {
        UUID caseId = UUID.randomUUID();
        publish("CaseOpened", member, """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "trigger": "LOST_CONTACT_SUSPECTED",
                 "lostSince": "2026-10-05T19:30:00+08:00", "reopened": false, "verificationDueAt": "%s",
                 "sourceEventId": "%s"}
                """.formatted(caseId, member, branch, verificationDueAt, UUID.randomUUID()));
        return caseId;
    }

    private void publish(String event, UUID member, String json) {
        UUID id = UUID.randomUUID();
        world.publishCase(event, id, member, json);
        await().atMost(Duration.ofSeconds(20)).until(() -> world.processed(id));
    }

    private static ScheduledExecution execution(Instant fireTime) {
        return new ScheduledExecution() {
            @Override
            public Trigger getTrigger() {
                throw new UnsupportedOperationException("not read by the accountability report");
            }

            @Override
            public Instant getFireTime() {
                return fireTime;
            }

            @Override
            public Instant getScheduledFireTime() {
                return fireTime;
            }
        };
    }
}
