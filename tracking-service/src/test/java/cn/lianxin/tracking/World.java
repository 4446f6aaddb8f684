package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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
        UUID member = UUID.randomUUID();
        publish("lianxin.member.MemberRegistered.v1", member, """
                {"memberId": "%s", "orgId": "%s", "orgPath": [%s], "name": "李明", "gender": "MALE",
                 "category": "FULL", "standing": "ACTIVE", "joinedAt": "2010-07-01", "registeredAt": "%s",
                 "contact": {"phone": "13900139000"}, "flowing": false}
                """.formatted(member, branch, jsonIds(pathOf(branch)), registeredAt));
        awaitMember(member, m -> true);
        return member;
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
        publish("lianxin.member.MemberTransferred.v1", member, """
                {"memberId": "%s", "orgId": "%s", "orgPath": [%s], "transferId": "%s", "fromOrgId": "%s",
                 "toOrgId": "%s", "crossProvince": false, "issuedAt": "2024-03-01",
                 "receivedAt": "2024-03-20T10:00:00+08:00"}
                """.formatted(member, to, jsonIds(pathOf(to)), UUID.randomUUID(), from, to));
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
