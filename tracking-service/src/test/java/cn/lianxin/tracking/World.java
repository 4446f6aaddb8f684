package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.Tokens;
import cn.lianxin.tracking.repository.MemberRecord;
import cn.lianxin.tracking.repository.MemberRepository;

/**
 * Test fixture: builds a small world through member-service's events (schema-checked before they are published)
 * and drives the API. Every test gets its own committee, so that its scans (scoped to that subtree) see only
 * its own members.
 */
@Singleton
public class World {

    static final String MEMBER_EVENTS = "member.events";
    static final String CONTACT_EVENTS = "contact.events";
    static final String CASE_EVENTS = "case.events";

    final KafkaEvents events = KafkaEvents.forTests();
    final Tokens tokens = Tokens.forTests();

    private final OrgProjection orgs;
    private final MemberRepository members;
    private final EntityManager em;

    public World(OrgProjection orgs, MemberRepository members, EntityManager em) {
        this.orgs = orgs;
        this.members = members;
        this.em = em;
    }

    // --- organization tree -------------------------------------------------------------------------------

    UUID committee() {
        return org(null, null, "COMMITTEE", "测试党委");
    }

    UUID branch(UUID committee, String name) {
        return org(committee, pathOf(committee), "BRANCH", name);
    }

    String pathOf(UUID org) {
        return QuarkusTransaction.requiringNew().call(() -> orgs.pathOf(org)).orElseThrow();
    }

    private UUID org(UUID parent, String parentPath, String type, String name) {
        UUID id = UUID.randomUUID();
        String path = (parentPath == null ? "" : jsonIds(parentPath) + ", ") + "\"" + id + "\"";
        publish("lianxin.member.OrgCreated.v1", id, """
                {"orgId": "%s", "name": "%s", "type": "%s", %s "path": [%s],
                 "secretary": {"name": "张书记", "phone": "13800138000"}}
                """.formatted(id, name, type, parent == null ? "\"parentId\": null," : "\"parentId\": \"" + parent + "\",", path));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> orgs.pathOf(id)).isPresent());
        return id;
    }

    private static String jsonIds(String path) {
        StringBuilder ids = new StringBuilder();
        for (String id : path.substring(1).split("/")) {
            ids.append(ids.isEmpty() ? "" : ", ").append('"').append(id).append('"');
        }
        return ids.toString();
    }

    // --- member events ------------------------------------------------------------------------------------

    UUID register(UUID branch, String registeredAt) {
        return register(branch, registeredAt, "李明");
    }

    UUID register(UUID branch, String registeredAt, String name, String... focusTags) {
        UUID member = UUID.randomUUID();
        String tags = focusTags.length == 0 ? ""
                : ", \"focusTags\": [" + String.join(", ", java.util.Arrays.stream(focusTags).map(t -> '"' + t + '"').toList()) + "]";
        publish("lianxin.member.MemberRegistered.v1", member, """
                {"memberId": "%s", "orgId": "%s", "orgPath": [%s], "name": "%s", "gender": "MALE",
                 "category": "FULL", "standing": "ACTIVE", "joinedAt": "2010-07-01", "registeredAt": "%s",
                 "contact": {"phone": "13900139000"}, "flowing": false%s}
                """.formatted(member, branch, jsonIds(pathOf(branch)), name, registeredAt, tags));
        awaitMember(member, m -> true);
        return member;
    }

    /** MemberProfileChanged of the focus tags (重点对象) only; the name stays 李明. */
    void changeFocusTags(UUID member, UUID branch, String... focusTags) {
        String tags = String.join(", ", java.util.Arrays.stream(focusTags).map(t -> '"' + t + '"').toList());
        UUID event = events.publish(MEMBER_EVENTS, "lianxin.member.MemberProfileChanged.v1", member, valid(
                "lianxin.member.MemberProfileChanged.v1", """
                {"memberId": "%s", "orgId": "%s", "changed": ["focusTags"], "name": "李明", "gender": "MALE",
                 "category": "FULL", "joinedAt": "2010-07-01", "contact": {"phone": "13900139000"}%s}
                """.formatted(member, branch, focusTags.length == 0 ? "" : ", \"focusTags\": [" + tags + "]")));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(event));
    }

    /** case-service opened a lost-contact case (一人一档) for the member; returns the case id. */
    UUID openCase(UUID member, UUID branch) {
        UUID caseId = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        publishCase("CaseOpened", event, member, """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "trigger": "LOST_CONTACT_SUSPECTED",
                 "lostSince": "2026-10-05T19:30:00+08:00", "reopened": false,
                 "verificationDueAt": "2026-11-06T02:00:05+08:00", "sourceEventId": "%s"}
                """.formatted(caseId, member, branch, UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(event));
        return caseId;
    }

    void closeCase(UUID caseId, UUID member, UUID branch) {
        UUID event = UUID.randomUUID();
        publishCase("CaseClosed", event, member, """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "resolution": "FOLLOW_UP_COMPLETED",
                 "lostSince": "2026-10-05T19:30:00+08:00", "foundAt": "2026-11-01T20:10:00+08:00", "daysLost": 27,
                 "disposition": "REINTEGRATED", "attemptCount": 4, "reLossCount": 0}
                """.formatted(caseId, member, branch));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(event));
    }

    /** Whether the consumer has taken the event (its id is in the inbox). */
    boolean processed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM processed_event WHERE event_id = :id").setParameter("id", eventId)
                .getSingleResult()).longValue() > 0);
    }

    private static String valid(String ceType, String json) {
        EventSchemas.load().assertValid(ceType, json);
        return json;
    }

    UUID flowOut(UUID member, UUID branch, String leftAt) {
        UUID outflow = UUID.randomUUID();
        publish("lianxin.member.MemberFlowedOut.v1", member, """
                {"memberId": "%s", "orgId": "%s", "outflowId": "%s", "nature": "TEMPORARY", "leftAt": "%s",
                 "contact": {"phone": "13900139000", "wechat": "liming"},
                 "destination": {"place": "广东省深圳市南山区"},
                 "backupContact": {"name": "王芳", "relation": "配偶", "phone": "13700137000"}}
                """.formatted(member, branch, outflow, leftAt));
        awaitMember(member, m -> outflow.equals(m.outflowId()));
        return outflow;
    }

    void reportIn(UUID member, UUID branch, UUID outflow, String at) {
        publish("lianxin.member.MemberReportedIn.v1", member, """
                {"memberId": "%s", "orgId": "%s", "outflowId": "%s", "reportedInAt": "%s",
                 "receivingOrg": {"name": "深圳市南山区流动党员党支部", "contactName": "赵书记", "contactPhone": "13600136000"}}
                """.formatted(member, branch, outflow, at));
        awaitMember(member, m -> m.reportedInAt() != null);
    }

    void returned(UUID member, UUID branch, UUID outflow, String at) {
        publish("lianxin.member.MemberReturned.v1", member, """
                {"memberId": "%s", "orgId": "%s", "outflowId": "%s", "returnedAt": "%s"}
                """.formatted(member, branch, outflow, at));
        awaitMember(member, m -> m.outflowId() == null);
    }

    void transferOut(UUID member, UUID branch) {
        publish("lianxin.member.MemberTransferred.v1", member, """
                {"memberId": "%s", "orgId": "%s", "orgPath": [%s], "transferId": "%s", "fromOrgId": "%s",
                 "toExternalOrg": {"name": "北京市海淀区某党支部", "region": "北京市海淀区"}, "crossProvince": true,
                 "issuedAt": "2024-03-01", "receivedAt": "2024-03-20T10:00:00+08:00"}
                """.formatted(member, branch, jsonIds(pathOf(branch)), UUID.randomUUID(), branch));
        awaitMember(member, m -> !m.inRegister());
    }

    void transferWithin(UUID member, UUID from, UUID to) {
        transferWithin(member, from, to, UUID.randomUUID());
    }

    void transferWithin(UUID member, UUID from, UUID to, UUID transfer) {
        publish("lianxin.member.MemberTransferred.v1", member, """
                {"memberId": "%s", "orgId": "%s", "orgPath": [%s], "transferId": "%s", "fromOrgId": "%s",
                 "toOrgId": "%s", "crossProvince": false, "issuedAt": "2024-03-01",
                 "receivedAt": "2024-03-20T10:00:00+08:00"}
                """.formatted(member, to, jsonIds(pathOf(to)), transfer, from, to));
        awaitMember(member, m -> m.orgId().equals(to));
    }

    void assignLiaison(UUID member, UUID branch, UUID liaison) {
        publish("lianxin.member.LiaisonAssigned.v1", member, """
                {"memberId": "%s", "orgId": "%s", "liaison": {"memberId": "%s", "name": "陈联络", "phone": "13500135000"}}
                """.formatted(member, branch, liaison));
        awaitMember(member, m -> liaison.equals(m.liaisonMemberId()));
    }

    void changeStanding(UUID member, UUID branch, String from, String to, String effectiveAt) {
        changeStanding(member, branch, from, to, effectiveAt, null);
    }

    /** {@code facts}: the JSON members the new standing needs (e.g. {@code "approvingOrg": "…"} for EXPELLED). */
    void changeStanding(UUID member, UUID branch, String from, String to, String effectiveAt, String facts) {
        publish("lianxin.member.MemberStandingChanged.v1", member, """
                {"memberId": "%s", "orgId": "%s", "from": "%s", "to": "%s", "reason": "失联超过六个月，经查找未果",
                 "decisionRef": "决定-2024-001", %s "effectiveAt": "%s"}
                """.formatted(member, branch, from, to, facts == null ? "" : facts + ",", effectiveAt));
        awaitMember(member, m -> m.standing().name().equals(to));
    }

    /** Publishes a case-service event (schema-checked) under the given {@code ce_id}: the same id again is a redelivery. */
    void publishCase(String event, UUID eventId, UUID member, String json) {
        String ceType = "lianxin.case." + event + ".v1";
        EventSchemas.load().assertValid(ceType, json);
        events.publish(CASE_EVENTS, ceType, eventId, member, json);
    }

    private void publish(String ceType, UUID subject, String json) {
        EventSchemas.load().assertValid(ceType, json);
        events.publish(MEMBER_EVENTS, ceType, subject, json);
    }

    MemberRecord awaitMember(UUID member, Predicate<MemberRecord> condition) {
        await().atMost(Duration.ofSeconds(20)).until(() -> find(member).filter(condition).isPresent());
        return find(member).orElseThrow();
    }

    Optional<MemberRecord> find(UUID member) {
        return QuarkusTransaction.requiringNew().call(() -> members.find(member));
    }

    // --- signals of the loss-risk score ------------------------------------------------------------------------

    /** M1: the receipt of a transfer letter is overdue (member-service's TransferReceiptOverdue). */
    void transferReceiptOverdue(UUID member, UUID branch, UUID transfer, String dueOn) {
        UUID event = events.publish(MEMBER_EVENTS, "lianxin.member.TransferReceiptOverdue.v1", member, valid(
                "lianxin.member.TransferReceiptOverdue.v1", """
                {"memberId": "%s", "orgId": "%s", "transferId": "%s", "fromOrgId": "%s",
                 "toExternalOrg": {"name": "北京市海淀区某党支部", "region": "北京市海淀区"}, "crossProvince": true,
                 "issuedAt": "2026-05-01", "validity": "P6M", "dueAt": "%s", "asOf": "%sT01:30:00+08:00"}
                """.formatted(member, branch, transfer, branch, dueOn, dueOn)));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(event));
    }

    /** The sending branch issued a transfer letter (member-service's TransferIssued, the handshake's start). */
    void transferIssued(UUID member, UUID branch, UUID to, UUID transfer, String issuedOn, String dueOn) {
        UUID event = events.publish(MEMBER_EVENTS, "lianxin.member.TransferIssued.v1", member, valid(
                "lianxin.member.TransferIssued.v1", """
                {"memberId": "%s", "orgId": "%s", "transferId": "%s", "fromOrgId": "%s", "toOrgId": "%s",
                 "crossProvince": false, "issuedAt": "%s", "validity": "P3M", "dueAt": "%s"}
                """.formatted(member, branch, transfer, branch, to, issuedOn, dueOn)));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(event));
    }

    /** C7: a follow-up visit of a case was missed (case-service's FollowUpMissed). */
    void followUpMissed(UUID member, UUID branch, UUID caseId, int followUpNo, String dueAt) {
        UUID event = UUID.randomUUID();
        publishCase("FollowUpMissed", event, member, """
                {"caseId": "%s", "memberId": "%s", "orgId": "%s", "followUpNo": %d, "planSize": 7,
                 "cadence": "WEEKLY", "dueAt": "%s", "asOf": "%s"}
                """.formatted(caseId, member, branch, followUpNo, dueAt, dueAt));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(event));
    }

    /** notification-service's NotificationFailed for a notification about {@code member} to a recipient of {@code role}. */
    void notificationFailed(UUID member, UUID branch, String role, String code, String channel, String failedAt) {
        String json = """
                {"notificationId": "%s", "sourceEventId": "%s", "sourceEventType": "lianxin.contact.DuesArrears.v1",
                 "memberId": "%s", "orgId": "%s", "recipient": {"role": "%s", "memberId": "%s", "name": "李明",
                 "maskedAddress": "139****9000"}, "channel": "%s", "templateKey": "dues-arrears", "attempts": 3,
                 "failedAt": "%s", "error": {"code": "%s", "message": "address refused"}}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), member, branch, role, member, channel, failedAt, code);
        UUID event = events.publish("notification.events", "lianxin.notification.NotificationFailed.v1", member,
                valid("lianxin.notification.NotificationFailed.v1", json));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(event));
    }

    // --- API ----------------------------------------------------------------------------------------------

    ValidatableResponse contact(UUID member, String at, String channel, String outcome) {
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("memberId", member.toString(), "at", at, "channel", channel, "outcome", outcome))
                .post("/api/v1/contacts").then();
    }

    void reached(UUID member, String at, String channel) {
        contact(member, at, channel, "REACHED").statusCode(201);
    }

    /** Scans one committee's subtree as of an instant; returns the emitted counts by event name. */
    Map<String, Integer> scan(UUID committee, String asOf) {
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("asOf", asOf, "orgId", committee.toString()))
                .post("/api/v1/scans").then().statusCode(200).extract().jsonPath().getMap("emitted");
    }

    ValidatableResponse status(UUID member, String asOf) {
        return given().auth().oauth2(tokens.admin()).queryParam("asOf", asOf)
                .get("/api/v1/members/{id}/contact-status", member).then().statusCode(200);
    }

    /** Events of a type about a member, as written to the outbox (what will be published, exactly once each). */
    long outboxCount(UUID member, String eventName) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE subject = :s AND type = :t")
                .setParameter("s", member.toString()).setParameter("t", "lianxin.contact." + eventName + ".v1")
                .getSingleResult()).longValue());
    }

    /** The member's clock rows as text, every column but the member's id: two members' clocks compare equal. */
    @SuppressWarnings("unchecked")
    List<String> clockRows(UUID member) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                SELECT concat_ws('|', rule, started_at, due_at, grace_until, stage, next_at, emitted_level,
                                 emitted_due_at, emission_open)
                FROM clock WHERE member_id = :m ORDER BY rule
                """).setParameter("m", member).getResultList());
    }

    /** The member's stored last-contact dates as text (what a contact notes on its member), nulls as "-". */
    String lastContacts(UUID member) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("""
                SELECT concat_ws('|', coalesce(CAST(last_reached_at AS text), '-'),
                                 coalesce(CAST(last_direct_reached_at AS text), '-'),
                                 coalesce(CAST(last_org_life_at AS text), '-'), coalesce(CAST(last_dues_at AS text), '-'),
                                 coalesce(CAST(last_attempt_at AS text), '-'))
                FROM member WHERE member_id = :m
                """).setParameter("m", member).getSingleResult());
    }

    long contactCount(UUID member) {
        return contactCount(member, null);
    }

    /** Contacts of a member in the log, of one channel (null: all). */
    long contactCount(UUID member, String channel) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM contact WHERE member_id = :m AND (CAST(:c AS text) IS NULL OR channel = :c)")
                .setParameter("m", member).setParameter("c", channel).getSingleResult()).longValue());
    }

    static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }
}
