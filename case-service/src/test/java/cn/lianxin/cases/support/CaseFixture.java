package cn.lianxin.cases.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import cn.lianxin.contracts.EventSchemas;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.RoleScopeContract;
import cn.lianxin.testing.TestClock;
import cn.lianxin.testing.Tokens;

/**
 * Builds what a case test needs the way production does: orgs and members arrive as member-service events,
 * losses and restored contacts as tracking-service events (schema-valid payloads), the rest through the API.
 */
public final class CaseFixture {

    public static final String MEMBER_EVENTS = "member.events";
    public static final String CONTACT_EVENTS = "contact.events";
    public static final String CASE_EVENTS = "case.events";

    private static final EventSchemas SCHEMAS = EventSchemas.load();

    /** When this fixture was made: an instant in the past of every call, after every loss it sets up. */
    public final String madeAt = Instant.now().toString();
    public final KafkaEvents events = KafkaEvents.forTests();
    public final Tokens tokens = Tokens.forTests();

    /** root 市委 → committee 区委 → branch 支部 (and a sibling branch under the committee). */
    public record Tree(UUID root, UUID committee, UUID branch, UUID otherBranch) {
    }

    public Tree tree() {
        UUID root = UUID.randomUUID();
        UUID committee = UUID.randomUUID();
        UUID branch = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        org(root, "COMMITTEE", "市委", List.of(root));
        org(committee, "COMMITTEE", "区委", List.of(root, committee));
        org(branch, "BRANCH", "第一支部", List.of(root, committee, branch));
        org(other, "BRANCH", "第二支部", List.of(root, committee, other));
        awaitOrg(other);
        return new Tree(root, committee, branch, other);
    }

    public void org(UUID id, String type, String name, List<UUID> path) {
        String parent = path.size() > 1 ? "\"parentId\": \"" + path.get(path.size() - 2) + "\"," : "\"parentId\": null,";
        publish(MEMBER_EVENTS, "lianxin.member.OrgCreated.v1", id, """
                {"orgId": "%s", "name": "%s", "type": "%s", %s "path": %s,
                 "secretary": {"name": "张书记", "phone": "13800138000"}}
                """.formatted(id, name, type, parent, json(path)));
    }

    /** Publishes as the producing service would, after checking the payload against its JSON Schema. */
    public UUID publish(String topic, String ceType, UUID subject, String json) {
        SCHEMAS.assertValid(ceType, json);
        return events.publish(topic, ceType, subject, json);
    }

    public void awaitOrg(UUID id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(tokens.admin())
                .get("/api/v1/projections/orgs/{id}", id).statusCode() == 200);
    }

    /** Registers a member in the branch and waits until case-service knows them. */
    public UUID member(UUID branch, List<UUID> branchPath, String category) {
        UUID id = UUID.randomUUID();
        publish(MEMBER_EVENTS, "lianxin.member.MemberRegistered.v1", id, """
                {"memberId": "%s", "orgId": "%s", "orgPath": %s, "name": "王党员", "gender": "MALE",
                 "category": "%s", "joinedAt": "2010-07-01", "contact": {"phone": "13900139000"},
                 "standing": "ACTIVE", "registeredAt": "2020-01-01T00:00:00Z", "flowing": false}
                """.formatted(id, branch, json(branchPath), category));
        return id;
    }

    public UUID member(Tree tree, String category) {
        return member(tree.branch(), List.of(tree.root(), tree.committee(), tree.branch()), category);
    }

    /** tracking-service's rule T5 for the member; returns the event id. */
    public UUID lostContact(UUID member, UUID branch, Instant lostSince, Instant asOf) {
        return publish(CONTACT_EVENTS, "lianxin.contact.LostContactSuspected.v1", member, """
                {"memberId": "%s", "orgId": "%s", "lostSince": "%s", "lostSinceBasis": "LAST_REACHED_CONTACT",
                 "flowing": false, "threshold": "P3M", "asOf": "%s", "unsuccessfulAttempts": 2}
                """.formatted(member, branch, lostSince, asOf));
    }

    public UUID contactRestored(UUID member, UUID branch, Instant reachedAt) {
        return publish(CONTACT_EVENTS, "lianxin.contact.ContactRestored.v1", member, """
                {"memberId": "%s", "orgId": "%s", "contactId": "%s", "reachedAt": "%s", "channel": "PHONE",
                 "cleared": ["LOST_CONTACT_SUSPECTED"]}
                """.formatted(member, branch, UUID.randomUUID(), reachedAt));
    }

    /** tracking-service's restored contact as recorded from this service's own case (§4b: CASE_FOUND, FOLLOW_UP). */
    public UUID contactRestoredFromCase(UUID member, UUID branch, Instant reachedAt, String channel, UUID caseId) {
        return publish(CONTACT_EVENTS, "lianxin.contact.ContactRestored.v1", member, """
                {"memberId": "%s", "orgId": "%s", "contactId": "%s", "reachedAt": "%s", "channel": "%s",
                 "cleared": ["LOST_CONTACT_SUSPECTED"], "caseId": "%s"}
                """.formatted(member, branch, UUID.randomUUID(), reachedAt, channel, caseId));
    }

    /** member-service's LiaisonAssigned: {@code liaison} is the liaison's own member id. */
    public UUID liaisonAssigned(UUID member, UUID branch, UUID liaison) {
        return publish(MEMBER_EVENTS, "lianxin.member.LiaisonAssigned.v1", member, """
                {"memberId": "%s", "orgId": "%s", "liaison": {"memberId": "%s", "name": "李联络员", "phone": "13700137000"}}
                """.formatted(member, branch, liaison));
    }

    /**
     * member-service's MemberStandingChanged outside a case (§3b) with the facts each standing requires:
     * DECEASED (diedOn, learnedHow), WITHDRAWN (applicationDate, decisionRef), EXPELLED (approvingOrg, decisionRef).
     */
    public UUID leftTheParty(UUID member, UUID branch, String to, Instant effectiveAt) {
        String facts = switch (to) {
            case "DECEASED" -> "\"diedOn\": \"2026-01-02\", \"learnedHow\": \"家属告知\"";
            case "WITHDRAWN" -> "\"applicationDate\": \"2026-01-02\", \"decisionRef\": \"支部决定〔2026〕3号\"";
            case "EXPELLED" -> "\"approvingOrg\": \"区纪委\", \"decisionRef\": \"纪处〔2026〕8号\"";
            default -> throw new IllegalArgumentException(to);
        };
        return publish(MEMBER_EVENTS, "lianxin.member.MemberStandingChanged.v1", member, """
                {"memberId": "%s", "orgId": "%s", "from": "ACTIVE", "to": "%s", "reason": "登记", "effectiveAt": "%s",
                 "recordedBy": "secretary", %s}
                """.formatted(member, branch, to, effectiveAt, facts));
    }

    /** A request with a JSON body. */
    public static io.restassured.specification.RequestSpecification json(
            io.restassured.specification.RequestSpecification request, Map<String, ?> body) {
        return request.contentType(ContentType.JSON).body(body);
    }

    /** A fresh member of the tree's branch that case-service already knows; assigned to {@code liaison} unless null. */
    public UUID knownMember(Tree tree, UUID liaison) {
        UUID member = member(tree, "FULL");
        if (liaison == null) {
            awaitMember(member);
            return member;
        }
        liaisonAssigned(member, tree.branch(), liaison);
        String token = tokens.forMember(cn.lianxin.platform.security.Roles.LIAISON, tree.branch(), liaison);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(token)
                .get("/api/v1/members/{id}/cases", member).statusCode() == 200);
        return member;
    }

    /** An open case, lost 100 days ago and discovered yesterday, of a fresh member (of {@code liaison} unless null). */
    public UUID openCase(Tree tree, UUID liaison) {
        return awaitCase(lostMember(tree, liaison));
    }

    /** The role-scope matrix's people: a liaison, a lost member assigned to them, another lost member of the branch. */
    public RoleScopeContract.World roleScopeWorld(Tree tree) {
        UUID liaison = knownMember(tree, null);
        return new RoleScopeContract.World(tree.committee(), tree.branch(), liaison, lostMember(tree, liaison),
                lostMember(tree, null));
    }

    /** A fresh member (of {@code liaison} unless null) with an open case. */
    public UUID lostMember(Tree tree, UUID liaison) {
        UUID member = knownMember(tree, liaison);
        lostCase(member, tree.branch(), Instant.now().minus(Duration.ofDays(100)), Instant.now().minus(Duration.ofDays(1)));
        return member;
    }

    /** A case whose member was found by a search attempt an hour ago. */
    public UUID foundCase(Tree tree, UUID liaison) {
        UUID caseId = openCase(tree, liaison);
        attempt(caseId, Instant.now().minus(Duration.ofHours(1)), "VISIT_HOME", "FOUND");
        return caseId;
    }

    /** A case in its follow-up plan (回访): found, then 纳入管理 (REINTEGRATED). */
    public UUID followUpCase(Tree tree, UUID liaison) {
        UUID caseId = foundCase(tree, liaison);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(Map.of("type", "REINTEGRATED"))
                .post("/api/v1/cases/{id}/decisions", caseId).then().statusCode(201);
        return caseId;
    }

    /** Opens a case from a LostContactSuspected and returns its id once case-service has it. */
    public UUID lostCase(UUID member, UUID branch, Instant lostSince, Instant asOf) {
        awaitMember(member);
        lostContact(member, branch, lostSince, asOf);
        return awaitCase(member);
    }

    public void awaitMember(UUID member) {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(tokens.admin())
                .get("/api/v1/members/{id}/cases", member).statusCode() == 200);
    }

    public UUID awaitCase(UUID member) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !memberCases(member).getList("$").isEmpty());
        return UUID.fromString(memberCases(member).getString("[0].id"));
    }

    public JsonPath memberCases(UUID member) {
        return given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}/cases", member).then()
                .statusCode(200).extract().jsonPath();
    }

    public JsonPath caseFile(UUID caseId) {
        return given().auth().oauth2(tokens.admin()).get("/api/v1/cases/{id}", caseId).then().statusCode(200)
                .extract().jsonPath();
    }

    public void attempt(UUID caseId, Instant at, String channel, String result) {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("at", at.toString(), "channel", channel, "result", result,
                        "note", "查找记录"))
                .post("/api/v1/cases/{id}/attempts", caseId).then().statusCode(201);
    }

    /**
     * Scans as of an instant. A scan refuses an {@code asOf} ahead of the service's clock, so a test that plays weeks
     * ahead brings the clock there for the scan, as a rehearsal's time travel does, and puts it back after.
     */
    public JsonPath scan(Instant asOf) {
        TestClock clock = Arc.container().instance(TestClock.class).get();
        Instant pinned = clock.pinned();
        boolean ahead = asOf.isAfter(clock.instant());
        if (ahead) {
            clock.pin(asOf);
        }
        try {
            return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("asOf", asOf.toString())).post("/api/v1/scans").then().statusCode(200).extract()
                    .jsonPath();
        } finally {
            if (ahead && pinned == null) {
                clock.release();
            } else if (ahead) {
                clock.pin(pinned);
            }
        }
    }

    /** A valid procedure (支部大会, quorum and majority, talk held, approval) for a decision body. */
    public static Map<String, Object> procedure(LocalDate meetingDate) {
        return new java.util.HashMap<>(Map.of("body", "支部大会", "meetingDate", meetingDate.toString(), "eligible", 9,
                "present", 7, "votesFor", 6, "votesAgainst", 1, "abstentions", 0, "talkRecord", "谈话记录：本人表示接受",
                "approvalRef", "X组字〔2026〕12号"));
    }

    /** Waits for the case event of the given type about the member that matches; returns its payload. */
    public JsonNode awaitEvent(String eventName, UUID member, java.util.function.Predicate<JsonNode> match) {
        String ceType = "lianxin.case." + eventName + ".v1";
        ConsumerRecord<String, String> record = events.await(CASE_EVENTS, r -> ceType.equals(KafkaEvents.header(r,
                "ce_type")) && member.toString().equals(r.key()) && match.test(KafkaEvents.payload(r)));
        return KafkaEvents.payload(record);
    }

    public JsonNode awaitEvent(String eventName, UUID member) {
        return awaitEvent(eventName, member, p -> true);
    }

    public long countEvents(String eventName, UUID member) {
        String ceType = "lianxin.case." + eventName + ".v1";
        return events.all(CASE_EVENTS).stream().filter(r -> ceType.equals(KafkaEvents.header(r, "ce_type"))
                && member.toString().equals(r.key())).count();
    }

    private static String json(List<UUID> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
