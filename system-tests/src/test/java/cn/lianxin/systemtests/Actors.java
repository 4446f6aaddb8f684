package cn.lianxin.systemtests;

import static cn.lianxin.systemtests.LianxinSystem.CASES;
import static cn.lianxin.systemtests.LianxinSystem.MEMBER;
import static cn.lianxin.systemtests.LianxinSystem.TRACKING;
import static cn.lianxin.systemtests.LianxinSystem.admin;
import static cn.lianxin.systemtests.LianxinSystem.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.restassured.path.json.JsonPath;

import cn.lianxin.local.demo.FictitiousPeople;

/**
 * What the people of a scenario do, through the public APIs only: an organization department building its tree,
 * a secretary registering members and flow members, a liaison logging contacts, an administrator running the
 * scans. Everyone is fictitious (GB 11643-valid ID numbers in region 990101, phones 199…).
 */
final class Actors {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final FictitiousPeople PEOPLE = new FictitiousPeople(20270301L);

    /** A contact person: secretary, organizer, liaison. */
    record Person(String name, String phone, String email) {
        Map<String, Object> json() {
            return Map.of("name", name, "phone", phone, "email", email);
        }
    }

    private Actors() {
    }

    static synchronized Person person(String role) {
        String phone = PEOPLE.phone();
        return new Person(PEOPLE.name() + role, phone, "p" + phone + "@example.org");
    }

    /** The next 10:00 in Shanghai after the services' now: scenarios act in office hours (no quiet-hours deferral). */
    static Instant nextOfficeMorning() {
        ZonedDateTime now = LianxinSystem.now().atZone(SHANGHAI);
        return now.toLocalDate().plusDays(1).atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant();
    }

    static UUID org(UUID parent, String type, String name, Person secretary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", type);
        if (parent != null) {
            body.put("parentId", parent);
        }
        body.put("secretary", secretary.json());
        body.put("wechatGroupUrl", "https://weixin.qq.com/g/lianxin-system-test");
        body.put("webAddress", "https://djw.example.org");
        return created(api(MEMBER, admin()).body(body).post("/api/v1/orgs").then().statusCode(201).extract().jsonPath());
    }

    /** A registered member and the mobile number they were registered with (their SMS reaches the gateway there). */
    record Registered(UUID id, String phone) {
    }

    /** Registers a member of {@code branch}, born 1985, joined 2010, reached first by SMS. */
    static UUID member(UUID branch, String name, String category) {
        return registered(branch, name, category).id();
    }

    /** {@link #member}, with the member's mobile number. */
    static synchronized Registered registered(UUID branch, String name, String category) {
        LocalDate birthDate = LocalDate.of(1985, 6, 1).plusDays(PEOPLE.between(0, 3000));
        String phone = PEOPLE.phone();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("idNumber", PEOPLE.idNumber(birthDate, true));
        body.put("gender", "MALE");
        body.put("ethnicity", "汉族");
        body.put("birthDate", birthDate.toString());
        body.put("phone", phone);
        body.put("wechat", "wx_" + phone);
        body.put("email", "m" + phone + "@example.org");
        body.put("orgId", branch);
        body.put("category", category);
        body.put("joinedAt", "PROBATIONARY".equals(category) ? LocalDate.of(2025, 9, 1).toString() : "2010-07-01");
        if ("FULL".equals(category)) {
            body.put("regularizedAt", "2011-07-01");
        }
        body.put("emergencyContact", Map.of("name", PEOPLE.name(), "relation", "配偶", "phone", PEOPLE.phone()));
        body.put("preferredChannel", "SMS");
        UUID member = created(api(MEMBER, admin()).body(body).post("/api/v1/members").then().statusCode(201).extract().jsonPath());
        awaitKnownToTracking(member);
        return new Registered(member, phone);
    }

    /** The register reaches tracking-service through member.events: contacts can be logged once it has arrived. */
    static void awaitKnownToTracking(UUID member) {
        Awaitility.await("member " + member + " known to tracking-service").atMost(Duration.ofSeconds(30))
                .until(() -> api(TRACKING, admin()).get("/api/v1/members/{id}/contact-status", member).statusCode() == 200);
    }

    static void assignLiaison(UUID member, Person liaison) {
        api(MEMBER, admin()).body(Map.of("liaison", Map.of("name", liaison.name(), "phone", liaison.phone())))
                .header("If-Match", etag(MEMBER, admin(), "/api/v1/members/{id}", member))
                .put("/api/v1/members/{id}/liaison", member).then().statusCode(200);
    }

    /** The ETag of what {@code path} shows now: a PATCH or PUT of it sends it in If-Match. */
    static String etag(String module, String token, String path, UUID id) {
        return api(module, token).get(path, id).then().statusCode(200).extract().header("ETag");
    }

    /** Registers the member's outflow with 四个清楚. */
    static void flowOut(UUID member, Instant leftAt) {
        String phone = person("").phone();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nature", "TEMPORARY");
        body.put("leftAt", leftAt.atZone(SHANGHAI).toLocalDate().toString());
        body.put("phone", phone);
        body.put("wechat", "wx_" + phone);
        body.put("destination", Map.of("place", "广东省深圳市", "workUnit", "示范电子厂"));
        body.put("backupContact", Map.of("name", "张阿姨", "relation", "母亲", "phone", person("").phone()));
        body.put("reason", "外出务工");
        api(MEMBER, admin()).body(body).post("/api/v1/members/{id}/outflows", member).then().statusCode(201);
    }

    static void contact(UUID member, Instant at, String channel, String outcome) {
        api(TRACKING, admin())
                .body(Map.of("memberId", member, "at", at.toString(), "channel", channel, "outcome", outcome))
                .post("/api/v1/contacts").then().statusCode(201);
    }

    /** The daily scans, as the schedule runs them, of the three services that have clocks. */
    static void scanAll(Instant asOf) {
        api(MEMBER, admin()).body(Map.of("asOf", asOf.toString())).post("/api/v1/scans").then().statusCode(200);
        api(TRACKING, admin()).body(Map.of("asOf", asOf.toString())).post("/api/v1/scans").then().statusCode(200);
        api(CASES, admin()).body(Map.of("asOf", asOf.toString())).post("/api/v1/scans").then().statusCode(200);
    }

    /** Moves every service's clock to {@code instant} and runs that day's scans. */
    static void liveUntil(Instant instant) {
        LianxinSystem.travelTo(instant);
        scanAll(instant);
    }

    /** Shanghai local time {@code months} months and {@code days} days after {@code start}. */
    static Instant plus(Instant start, int months, int days) {
        return start.atZone(SHANGHAI).plusMonths(months).plusDays(days).toInstant();
    }

    /** The member's case file as case-service shows it, once there is exactly one. */
    static JsonPath awaitCase(UUID member) {
        Awaitility.await("case of " + member).atMost(Duration.ofSeconds(30))
                .until(() -> api(CASES, admin()).get("/api/v1/members/{id}/cases", member).then().statusCode(200)
                        .extract().jsonPath().getList("$").size() == 1);
        String id = api(CASES, admin()).get("/api/v1/members/{id}/cases", member).then().extract().path("[0].id");
        return caseFile(UUID.fromString(id));
    }

    static JsonPath caseFile(UUID caseId) {
        return api(CASES, admin()).get("/api/v1/cases/{id}", caseId).then().statusCode(200).extract().jsonPath();
    }

    static void searchAttempt(UUID caseId, Instant at, String channel, String result, String note) {
        api(CASES, admin()).body(Map.of("at", at.toString(), "channel", channel, "result", result, "note", note))
                .post("/api/v1/cases/{id}/attempts", caseId).then().statusCode(201);
    }

    /** The monthly report (每月一上报) of {@code org}'s subtree for the Shanghai month containing {@code inMonth}. */
    static JsonPath monthlyReport(UUID org, Instant inMonth) {
        String month = java.time.YearMonth.from(inMonth.atZone(SHANGHAI)).toString();
        return api(CASES, admin()).queryParam("orgId", org).queryParam("month", month)
                .get("/api/v1/reports/monthly").then().statusCode(200).extract().jsonPath();
    }

    /** A 支部大会 procedure that meets every requirement: quorum, majority, talk record, approval reference. */
    static Map<String, Object> fullProcedure(Instant meeting) {
        Map<String, Object> procedure = new LinkedHashMap<>();
        procedure.put("body", "支部大会");
        procedure.put("meetingDate", meeting.atZone(SHANGHAI).toLocalDate().toString());
        procedure.put("eligible", 21);
        procedure.put("present", 18);
        procedure.put("votesFor", 17);
        procedure.put("votesAgainst", 0);
        procedure.put("abstentions", 1);
        procedure.put("talkRecord", "支部书记与本人谈话，已告知处置依据");
        procedure.put("approvalRef", "X组复〔2027〕8号");
        return procedure;
    }

    private static UUID created(JsonPath body) {
        return UUID.fromString(body.getString("id"));
    }
}
