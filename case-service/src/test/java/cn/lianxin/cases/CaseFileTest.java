package cn.lianxin.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.contracts.CloudEventHeaders;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;

/** 一人一档: opening (event or manual), attempts, finding, the whole file, lists and subtree access. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class CaseFileTest {

    private final CaseFixture fx = new CaseFixture();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void opensACaseOnLostContactSuspectedOnlyOncePerMember() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        Instant lostSince = now.minus(100, ChronoUnit.DAYS);
        Instant discovered = now.minus(1, ChronoUnit.DAYS);

        UUID caseId = fx.lostCase(member, tree.branch(), lostSince, discovered);
        fx.lostContact(member, tree.branch(), lostSince, discovered.plusSeconds(60)); // tracking says it again

        JsonNode opened = fx.awaitEvent("CaseOpened", member);
        assertThat(opened.get("caseId").asText()).isEqualTo(caseId.toString());
        assertThat(opened.get("trigger").asText()).isEqualTo("LOST_CONTACT_SUSPECTED");
        assertThat(opened.get("reopened").asBoolean()).isFalse();
        assertThat(Instant.parse(opened.get("verificationDueAt").asText())).isEqualTo(discovered.plus(30, ChronoUnit.DAYS));
        // A marker on the same key is consumed after the repeated suspicion: by then it was ignored.
        UUID marker = fx.member(tree, "FULL");
        fx.contactRestored(member, tree.branch(), now);
        fx.awaitEvent("MemberFound", member);
        assertThat(fx.memberCases(member).getList("$")).hasSize(1);
        assertThat(fx.countEvents("CaseOpened", member)).isEqualTo(1);
        assertThat(marker).isNotNull();
    }

    @Test
    void opensAManualCaseAndRefusesASecondOpenOne() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        fx.awaitMember(member);
        Map<String, Object> body = Map.of("memberId", member.toString(), "situation", "MIGRANT_WORK",
                "cause", "外出务工，电话停机", "lostSince", "2026-01-15", "note", "支部排查发现");

        String location = given().auth().oauth2(fx.tokens.forRole(Roles.SECRETARY, tree.branch()))
                .contentType(ContentType.JSON).body(body).post("/api/v1/cases").then()
                .statusCode(201)
                .body("state", equalTo("OPEN"))
                .body("situation", equalTo("MIGRANT_WORK"))
                .body("lostSince", equalTo("2026-01-14T16:00:00Z"))
                .body("member.name", equalTo("王党员"))
                .body("member.orgName", equalTo("第一支部"))
                .body("timeline[0].kind", equalTo("OPENED"))
                .body("timeline[0].actor", equalTo("secretary@" + tree.branch()))
                .extract().header("Location");
        assertThat(location).matches(".*/api/v1/cases/[0-9a-f-]{36}");
        given().auth().oauth2(fx.tokens.forRole(Roles.SECRETARY, tree.branch())).get(location).then().statusCode(200)
                .body("member.name", equalTo("王党员")).body("state", equalTo("OPEN"));

        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON).body(body).post("/api/v1/cases").then()
                .statusCode(409).contentType("application/problem+json");
        JsonNode opened = fx.awaitEvent("CaseOpened", member);
        assertThat(opened.get("trigger").asText()).isEqualTo("MANUAL");
        assertThat(opened.get("situation").asText()).isEqualTo("MIGRANT_WORK");
        assertThat(opened.get("openedBy").asText()).isEqualTo("secretary@" + tree.branch());
    }

    @Test
    void refusesBadInputNamingTheField() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        fx.awaitMember(member);

        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("memberId", member.toString(), "lostSince", "2026-01-15")).post("/api/v1/cases").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("situation")));
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("memberId", member.toString(), "situation", "LOST_IN_SPACE", "lostSince", "2026-01-15"))
                .post("/api/v1/cases").then().statusCode(400).body("errors[0].field", equalTo("situation"));
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("memberId", member.toString(), "situation", "MOVED",
                        "lostSince", LocalDate.now().plusDays(2).toString()))
                .post("/api/v1/cases").then().statusCode(400).body("errors[0].field", equalTo("lostSince"));
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("memberId", UUID.randomUUID().toString(), "situation", "MOVED", "lostSince", "2026-01-15"))
                .post("/api/v1/cases").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void logsSearchAttemptsWithTheRunningTallyAndFindsTheMember() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(120, ChronoUnit.DAYS), now.minus(2, ChronoUnit.DAYS));

        fx.attempt(caseId, now.minus(1, ChronoUnit.DAYS), "PHONE", "NO_TRACE");
        fx.attempt(caseId, now.minus(20, ChronoUnit.HOURS), "VISIT_HOME", "LEAD");
        JsonNode second = fx.awaitEvent("SearchAttemptLogged", member, p -> p.get("attemptCount").asInt() == 2);
        assertThat(second.get("channelsTried").toString()).isEqualTo("[\"PHONE\",\"VISIT_HOME\"]");
        assertThat(second.get("fieldVisitDone").asBoolean()).isTrue();
        assertThat(second.get("result").asText()).isEqualTo("LEAD");

        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("at", now.minus(3, ChronoUnit.HOURS).toString(), "how", "经亲属联系上本人"))
                .post("/api/v1/cases/{id}/found", caseId).then()
                .statusCode(200).body("state", equalTo("FOUND")).body("foundBy", equalTo("MANUAL"));
        JsonNode found = fx.awaitEvent("MemberFound", member);
        assertThat(found.get("daysLost").asInt()).isEqualTo(119);
        assertThat(found.get("suspended").asBoolean()).isFalse();

        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("at", now.toString(), "channel", "PHONE", "result", "NO_TRACE"))
                .post("/api/v1/cases/{id}/attempts", caseId).then().statusCode(409);

        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getList("attempts.channel")).containsExactly("PHONE", "VISIT_HOME");
        assertThat(file.getList("timeline.kind")).containsExactly("OPENED", "ATTEMPT", "ATTEMPT", "FOUND");
        assertThat(file.getList("timeline.actor")).containsExactly("system:contact.events", "admin", "admin", "admin");
        assertThat(file.getInt("daysLost")).isEqualTo(119);
    }

    @Test
    void aRestoredContactFindsTheMember() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(95, ChronoUnit.DAYS), now.minus(5, ChronoUnit.DAYS));

        UUID restored = fx.contactRestored(member, tree.branch(), now.minus(1, ChronoUnit.DAYS));

        JsonNode found = fx.awaitEvent("MemberFound", member);
        assertThat(found.get("foundBy").asText()).isEqualTo("CONTACT_RESTORED");
        assertThat(found.get("sourceEventId").asText()).isEqualTo(restored.toString());
        assertThat(found.get("daysLost").asInt()).isEqualTo(94);
        assertThat(fx.caseFile(caseId).getString("state")).isEqualTo("FOUND");
    }

    @Test
    void refusesAnAttemptInTheFutureOrBeforeTheLoss() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));

        for (Instant at : List.of(now.plus(1, ChronoUnit.DAYS), now.minus(101, ChronoUnit.DAYS))) {
            given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("at", at.toString(), "channel", "PHONE", "result", "NO_TRACE"))
                    .post("/api/v1/cases/{id}/attempts", caseId).then()
                    .statusCode(400).body("errors[0].field", equalTo("at"));
        }
        given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("at", now.toString(), "channel", "CARRIER_PIGEON", "result", "NO_TRACE"))
                .post("/api/v1/cases/{id}/attempts", caseId).then()
                .statusCode(400).body("errors[0].field", equalTo("channel"));
    }

    @Test
    void listsCasesOfASubtreeAndHidesOthers() {
        CaseFixture.Tree tree = fx.tree();
        UUID inBranch = fx.member(tree, "FULL");
        UUID inOther = fx.member(tree.otherBranch(), List.of(tree.root(), tree.committee(), tree.otherBranch()), "FULL");
        UUID caseA = fx.lostCase(inBranch, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        UUID caseB = fx.lostCase(inOther, tree.otherBranch(), now.minus(100, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        String secretaryA = fx.tokens.forRole(Roles.SECRETARY, tree.branch());
        String committee = fx.tokens.forRole(Roles.ORG_ADMIN, tree.committee());

        given().auth().oauth2(committee).get("/api/v1/cases?orgId={org}&status=OPEN", tree.committee()).then()
                .statusCode(200).body("total", equalTo(2)).body("items.id", hasSize(2));
        given().auth().oauth2(committee).get("/api/v1/cases?orgId={org}&size=1&page=1", tree.committee()).then()
                .statusCode(200).body("total", equalTo(2)).body("items", hasSize(1)).body("page", equalTo(1));
        given().auth().oauth2(secretaryA).get("/api/v1/cases").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(caseA.toString()));
        given().auth().oauth2(committee).get("/api/v1/cases?orgId={org}&status=FOUND", tree.committee()).then()
                .statusCode(200).body("total", equalTo(0));

        given().auth().oauth2(secretaryA).get("/api/v1/cases/{id}", caseB).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(secretaryA).get("/api/v1/cases?orgId={org}", tree.otherBranch()).then().statusCode(404);
        given().auth().oauth2(secretaryA).get("/api/v1/members/{id}/cases", inOther).then().statusCode(404);
        given().auth().oauth2(secretaryA).contentType(ContentType.JSON)
                .body(Map.of("at", now.toString(), "channel", "PHONE", "result", "NO_TRACE"))
                .post("/api/v1/cases/{id}/attempts", caseB).then().statusCode(404);
        given().auth().oauth2(secretaryA).get("/api/v1/members/{id}/cases", inBranch).then().statusCode(200)
                .body("[0].id", equalTo(caseA.toString()));
        given().auth().oauth2(fx.tokens.forRole(Roles.MEMBER, tree.branch())).get("/api/v1/cases/{id}", caseA).then()
                .statusCode(403);
        given().auth().oauth2(fx.tokens.forRole(Roles.AUDITOR, tree.root())).get("/api/v1/cases/{id}", caseA).then()
                .statusCode(200);
        given().get("/api/v1/cases/{id}", caseA).then().statusCode(401);
        given().auth().oauth2(committee).get("/api/v1/cases?status=LOST").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().auth().oauth2(committee).get("/api/v1/cases?orgId=nope").then().statusCode(400)
                .body("errors[0].field", equalTo("orgId"));
    }

    @Test
    void keepsTheMemberProjectionUpToDate() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "PROBATIONARY");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));

        fx.publish(CaseFixture.MEMBER_EVENTS, "lianxin.member.MemberProfileChanged.v1", member, """
                {"memberId": "%s", "orgId": "%s", "changed": ["name", "category"], "name": "王改名", "gender": "MALE",
                 "category": "FULL", "joinedAt": "2010-07-01", "regularizedAt": "2011-07-01",
                 "contact": {"phone": "13900139000"}}
                """.formatted(member, tree.branch()));
        fx.publish(CaseFixture.MEMBER_EVENTS, "lianxin.member.MemberStandingChanged.v1", member, """
                {"memberId": "%s", "orgId": "%s", "from": "ACTIVE", "to": "SUSPENDED", "reason": "失联超过六个月",
                 "decisionRef": "D-1", "effectiveAt": "%s"}
                """.formatted(member, tree.branch(), now));
        fx.publish(CaseFixture.MEMBER_EVENTS, "lianxin.member.MemberTransferred.v1", member, """
                {"memberId": "%s", "orgId": "%s", "orgPath": ["%s", "%s", "%s"], "transferId": "%s",
                 "fromOrgId": "%s", "toOrgId": "%s", "crossProvince": false, "issuedAt": "2026-01-01",
                 "receivedAt": "%s"}
                """.formatted(member, tree.otherBranch(), tree.root(), tree.committee(), tree.otherBranch(),
                UUID.randomUUID(), tree.branch(), tree.otherBranch(), now));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> tree.otherBranch().toString().equals(fx.caseFile(caseId).getString("member.orgId")));
        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getString("member.name")).isEqualTo("王改名");
        assertThat(file.getString("member.category")).isEqualTo("FULL");
        assertThat(file.getString("member.standing")).isEqualTo("SUSPENDED");
        assertThat(file.getString("member.orgName")).isEqualTo("第二支部");
    }

    @Test
    void movesMalformedContactEventsToTheDeadLetterTopicAndKeepsGoing() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        fx.awaitMember(member);
        UUID broken = UUID.randomUUID();

        fx.events.publishRaw(CaseFixture.CONTACT_EVENTS, broken.toString(), "{not json");
        fx.events.publish(CaseFixture.CONTACT_EVENTS, "lianxin.contact.LostContactSuspected.v1", broken,
                "{\"memberId\": \"" + broken + "\"}");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));

        assertThat(caseId).isNotNull();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> fx.events
                .all("contact.events.dlq").stream().filter(r -> broken.toString().equals(r.key())).count() == 2);
    }

    @Test
    void skipsTheContactEventsItDoesNotHandleWithoutCheckingThem() {
        UUID key = UUID.randomUUID();
        // ContactRecorded is not case-service's concern: even one that breaks its schema is skipped, not dead-lettered.
        UUID recorded = fx.events.publish(CaseFixture.CONTACT_EVENTS, "lianxin.contact.ContactRecorded.v1", key,
                "{\"memberId\": \"not a member id\"}");
        // Behind it on the same partition, a LostContactSuspected that breaks its schema is dead-lettered: once it is
        // there, the ContactRecorded has been read.
        UUID suspected = fx.events.publish(CaseFixture.CONTACT_EVENTS, "lianxin.contact.LostContactSuspected.v1", key,
                "{\"memberId\": \"" + key + "\"}");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> fx.events.all("contact.events.dlq").stream().anyMatch(r -> isEvent(r, suspected)));
        assertThat(fx.events.all("contact.events.dlq")).noneMatch(r -> isEvent(r, recorded));
    }

    private static boolean isEvent(ConsumerRecord<String, String> record, UUID eventId) {
        return eventId.toString().equals(KafkaEvents.header(record, CloudEventHeaders.ID));
    }

    @Test
    void closesTheCaseOfAMemberWhoDied() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));

        fx.leftTheParty(member, tree.branch(), "DECEASED", now);

        JsonNode closed = fx.awaitEvent("CaseClosed", member);
        assertThat(closed.get("resolution").asText()).isEqualTo("DECEASED");
        assertThat(closed.get("caseId").asText()).isEqualTo(caseId.toString());
        assertThat(fx.caseFile(caseId).getString("state")).isEqualTo("CLOSED");
    }
}
