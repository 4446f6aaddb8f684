package cn.lianxin.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.cases.support.LookupFixture;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TestClock;

/** 联合公安、电信、社保、房管 查询: asked with a basis, approved above the branch, sent, answered once, chased. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class LookupTest {

    private final CaseFixture fx = new CaseFixture();
    private final LookupFixture lookups = new LookupFixture(fx);

    @Test
    void aRequestWithoutALegalBasisIsRefusedNamingTheFieldAndNothingIsStored() {
        CaseFixture.Tree tree = fx.tree();
        UUID caseId = fx.openCase(tree, null);
        Map<String, Object> noBasis = new HashMap<>(LookupFixture.publicSecurity());
        noBasis.remove("legalBasis");
        Map<String, Object> blankCitation = new HashMap<>(LookupFixture.publicSecurity());
        blankCitation.put("legalBasis", Map.of("code", "ORGANIZATION_WORK_DOCUMENT", "citation", "   "));
        Map<String, Object> noCode = new HashMap<>(LookupFixture.publicSecurity());
        noCode.put("legalBasis", Map.of("citation", "区委组织部〔2027〕5号"));
        Map<String, Object> notKept = new HashMap<>(LookupFixture.publicSecurity());
        notKept.put("asked", List.of("PHONE_IN_USE"));

        for (Map<String, Object> body : List.of(noBasis, blankCitation, noCode, notKept)) {
            String field = body == noBasis ? "legalBasis" : body == blankCitation ? "legalBasis.citation"
                    : body == noCode ? "legalBasis.code" : "asked";
            given().auth().oauth2(lookups.secretary(tree)).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/cases/{id}/lookups", caseId).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(field));
        }
        given().auth().oauth2(fx.tokens.admin()).get("/api/v1/cases/{id}/lookups", caseId).then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void theRequestLeavesOnlyOnceTheSuperiorOrganizationApprovesItAndNeverByTheRequester() {
        CaseFixture.Tree tree = fx.tree();
        UUID caseId = fx.openCase(tree, null);
        UUID member = UUID.fromString(fx.caseFile(caseId).getString("member.id"));
        // Asked by an organization administrator of the committee: the case owner may be one.
        String requester = lookups.committeeAdmin(tree);
        JsonPath asked = given().auth().oauth2(requester).contentType(ContentType.JSON).body(LookupFixture.publicSecurity())
                .post("/api/v1/cases/{id}/lookups", caseId).then().statusCode(201).extract().jsonPath();
        UUID lookupId = UUID.fromString(asked.getString("id"));
        assertThat(asked.getString("state")).isEqualTo("PENDING_APPROVAL");
        JsonNode approvalRequested = fx.awaitEvent("LookupApprovalRequested", member,
                p -> p.path("requestId").asText().equals(lookupId.toString()));
        assertThat(approvalRequested.path("approverOrgId").asText()).isEqualTo(tree.committee().toString());

        String approval = "/api/v1/cases/{id}/lookups/{lookupId}/approval";
        // The one who asked, the branch's own organization administrator, a secretary, a liaison, another subtree.
        given().auth().oauth2(requester).contentType(ContentType.JSON).body(Map.of())
                .post(approval, caseId, lookupId).then().statusCode(403);
        given().auth().oauth2(fx.tokens.forRole(Roles.ORG_ADMIN, tree.branch())).contentType(ContentType.JSON).body(Map.of())
                .post(approval, caseId, lookupId).then().statusCode(403);
        given().auth().oauth2(lookups.secretary(tree)).contentType(ContentType.JSON).body(Map.of())
                .post(approval, caseId, lookupId).then().statusCode(403);
        given().auth().oauth2(fx.tokens.forRole(Roles.ORG_ADMIN, fx.tree().committee())).contentType(ContentType.JSON)
                .body(Map.of()).post(approval, caseId, lookupId).then().statusCode(404);
        assertThat(lookups.sent(lookupId)).as("nothing on lookup.requests before the approval").isEmpty();
        assertThat(lookups.lookup(caseId, lookupId).getString("state")).isEqualTo("PENDING_APPROVAL");

        // An administrator of the root, above the committee that asked, approves.
        JsonPath approved = given().auth().oauth2(fx.tokens.forRole(Roles.ORG_ADMIN, tree.root()))
                .contentType(ContentType.JSON).body(Map.of("note", "协查函已送达")).post(approval, caseId, lookupId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(approved.getString("state")).isEqualTo("APPROVED");
        assertThat(approved.getString("approvingOrgId")).isEqualTo(tree.root().toString());

        ConsumerRecord<String, String> sent = fx.events.await(LookupFixture.REQUESTS,
                r -> KafkaEvents.payload(r).path("requestId").asText().equals(lookupId.toString()));
        JsonNode request = KafkaEvents.payload(sent);
        assertThat(sent.key()).isEqualTo(member.toString());
        assertThat(request.path("department").asText()).isEqualTo("PUBLIC_SECURITY");
        assertThat(request.path("legalBasis").path("code").asText()).isEqualTo("EDUCATION_MANAGEMENT_REGULATION");
        assertThat(request.path("chaseCount").asInt()).isZero();
        assertThat(request.toString()).as("no name leaves").doesNotContain("王党员");
        given().auth().oauth2(fx.tokens.forRole(Roles.ORG_ADMIN, tree.root())).contentType(ContentType.JSON).body(Map.of())
                .post(approval, caseId, lookupId).then().statusCode(409);
        assertThat(lookups.sent(lookupId)).as("exactly one request left").hasSize(1);
        assertThat(fx.caseFile(caseId).getList("timeline.kind", String.class))
                .contains("LOOKUP_REQUESTED", "LOOKUP_APPROVED", "LOOKUP_SENT");
    }

    @Test
    void aRefusedRequestNeverLeavesAndTheBranchHearsWhy() {
        CaseFixture.Tree tree = fx.tree();
        UUID caseId = fx.openCase(tree, null);
        UUID member = UUID.fromString(fx.caseFile(caseId).getString("member.id"));
        UUID lookupId = UUID.fromString(lookups.request(caseId, tree).getString("id"));

        given().auth().oauth2(lookups.committeeAdmin(tree)).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post("/api/v1/cases/{id}/lookups/{lookupId}/refusal", caseId, lookupId).then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        given().auth().oauth2(lookups.committeeAdmin(tree)).contentType(ContentType.JSON)
                .body(Map.of("reason", "请先完成实地走访"))
                .post("/api/v1/cases/{id}/lookups/{lookupId}/refusal", caseId, lookupId).then().statusCode(200)
                .body("state", equalTo("REFUSED"));

        JsonNode refused = fx.awaitEvent("LookupRefused", member, p -> p.path("requestId").asText().equals(lookupId.toString()));
        assertThat(refused.path("reason").asText()).isEqualTo("请先完成实地走访");
        given().auth().oauth2(lookups.committeeAdmin(tree)).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/cases/{id}/lookups/{lookupId}/approval", caseId, lookupId).then().statusCode(409);
        assertThat(lookups.sent(lookupId)).as("a refused request never leaves").isEmpty();
    }

    @Test
    void aMemberNoLongerMissingGetsNoLookup() {
        CaseFixture.Tree tree = fx.tree();
        UUID found = fx.foundCase(tree, null);

        given().auth().oauth2(lookups.secretary(tree)).contentType(ContentType.JSON).body(LookupFixture.publicSecurity())
                .post("/api/v1/cases/{id}/lookups", found).then().statusCode(409);
        given().auth().oauth2(fx.tokens.forMember(Roles.LIAISON, tree.branch(), UUID.randomUUID()))
                .contentType(ContentType.JSON).body(LookupFixture.publicSecurity())
                .post("/api/v1/cases/{id}/lookups", found).then().statusCode(403);
    }

    @Test
    void anAnswerBecomesASearchAttemptOfItsChannelOnceAndLeavesTheFindingToTheBranch() throws Exception {
        CaseFixture.Tree tree = fx.tree();
        UUID caseId = fx.openCase(tree, null);
        UUID member = UUID.fromString(fx.caseFile(caseId).getString("member.id"));
        UUID lookupId = lookups.approvedLookup(caseId, tree);
        UUID eventId = UUID.randomUUID();
        Instant answeredAt = Instant.now().minusSeconds(60);

        lookups.answer(eventId, lookupId, member, tree.branch(), "PUBLIC_SECURITY", true, answeredAt);
        await().atMost(Duration.ofSeconds(30)).until(() -> "ANSWERED".equals(lookups.lookup(caseId, lookupId).getString("state")));
        lookups.answer(eventId, lookupId, member, tree.branch(), "PUBLIC_SECURITY", true, answeredAt); // redelivered
        lookups.answer(UUID.randomUUID(), lookupId, member, tree.branch(), "PUBLIC_SECURITY", false, answeredAt); // a second answer
        UUID unknown = UUID.randomUUID();
        lookups.answer(UUID.randomUUID(), unknown, member, tree.branch(), "PUBLIC_SECURITY", true, answeredAt); // unknown

        await().atMost(Duration.ofSeconds(30)).until(() -> LookupFixture.answerOutcomes(lookupId).size() == 2
                && LookupFixture.answerOutcomes(unknown).size() == 1);
        assertThat(LookupFixture.answerOutcomes(lookupId)).containsExactly("APPLIED", "ALREADY_ANSWERED");
        assertThat(LookupFixture.answerOutcomes(unknown)).containsExactly("UNKNOWN_REQUEST");
        assertThat(fx.events.all(LookupFixture.ANSWERS + ".dlq").stream().filter(r -> member.toString().equals(r.key())))
                .as("a replayed, second or unknown answer is recorded, not dead-lettered").isEmpty();
        JsonPath lookup = lookups.lookup(caseId, lookupId);
        assertThat(lookup.getBoolean("found")).isTrue();
        assertThat(lookup.getString("finding")).isEqualTo("暂住登记：浙江省宁波市鄞州区");
        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getList("attempts.channel", String.class)).containsExactly("PUBLIC_SECURITY");
        assertThat(file.getString("attempts[0].result")).as("a lead for the branch to verify").isEqualTo("LEAD");
        assertThat(file.getString("attempts[0].id")).isEqualTo(lookup.getString("attemptId"));
        assertThat(file.getString("state")).as("the branch decides whether the member is found").isEqualTo("OPEN");
        assertThat(file.getList("timeline.kind", String.class)).contains("LOOKUP_ANSWERED");
        JsonNode logged = fx.awaitEvent("SearchAttemptLogged", member);
        assertThat(logged.path("channel").asText()).isEqualTo("PUBLIC_SECURITY");
        assertThat(logged.path("result").asText()).isEqualTo("LEAD");
        assertThat(fx.countEvents("SearchAttemptLogged", member)).isEqualTo(1);
        assertThat(fx.countEvents("MemberFound", member)).isZero();
    }

    @Test
    void aMalformedAnswerGoesToTheDeadLetterTopic() {
        UUID broken = UUID.randomUUID();
        fx.events.publishRaw(LookupFixture.ANSWERS, broken.toString(), "{not json");

        await().atMost(Duration.ofSeconds(30)).until(() -> fx.events.all(LookupFixture.ANSWERS + ".dlq").stream()
                .anyMatch(r -> broken.toString().equals(r.key())));
    }

    @Test
    void anUnansweredRequestIsChasedOncePerPeriodHoweverOftenTheScanRuns() throws Exception {
        CaseFixture.Tree tree = fx.tree();
        UUID caseId = fx.openCase(tree, null);
        UUID member = UUID.fromString(fx.caseFile(caseId).getString("member.id"));
        UUID lookupId = lookups.approvedLookup(caseId, tree);
        Instant due = Instant.parse(lookups.lookup(caseId, lookupId).getString("answerDueAt"));

        fx.scan(due.minusSeconds(1));
        assertThat(lookups.lookup(caseId, lookupId).getInt("chaseCount")).as("not yet due").isZero();
        // two scans at once (two instances): the request is chased once between them
        TestClock clock = Arc.container().instance(TestClock.class).get();
        Instant pinned = clock.pinned();
        clock.pin(due);
        try {
            List<CompletableFuture<JsonPath>> scans = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                scans.add(CompletableFuture.supplyAsync(() -> fx.scan(due)));
            }
            int chasedByEither = 0;
            for (CompletableFuture<JsonPath> scan : scans) {
                chasedByEither += scan.get(60, TimeUnit.SECONDS).getInt("lookupsChased");
            }
            assertThat(chasedByEither).as("this request among those chased").isPositive();
        } finally {
            if (pinned == null) {
                clock.release();
            } else {
                clock.pin(pinned);
            }
        }
        JsonPath chased = lookups.lookup(caseId, lookupId);
        assertThat(chased.getInt("chaseCount")).isEqualTo(1);
        Instant next = Instant.parse(chased.getString("answerDueAt"));
        assertThat(next).isEqualTo(due.plus(Duration.ofDays(10)));

        JsonNode overdue = fx.awaitEvent("LookupOverdue", member, p -> p.path("requestId").asText().equals(lookupId.toString()));
        assertThat(overdue.path("chaseCount").asInt()).isEqualTo(1);
        assertThat(Instant.parse(overdue.path("answerDueAt").asText())).isEqualTo(due);
        await().atMost(Duration.ofSeconds(20)).until(() -> lookups.sent(lookupId).size() == 2);
        JsonNode again = KafkaEvents.payload(lookups.sent(lookupId).get(1));
        assertThat(again.path("chaseCount").asInt()).isEqualTo(1);
        assertThat(again.path("chasedAt").isMissingNode()).isFalse();

        fx.scan(next.minusSeconds(1));
        assertThat(lookups.lookup(caseId, lookupId).getInt("chaseCount")).isEqualTo(1);
        assertThat(fx.countEvents("LookupOverdue", member)).isEqualTo(1);
        assertThat(lookups.sent(lookupId)).as("the first request and one chase").hasSize(2);
        assertThat(fx.caseFile(caseId).getList("timeline.kind", String.class).stream().filter("LOOKUP_CHASED"::equals))
                .hasSize(1);
    }

    @Test
    void aRequestIsNoLongerChasedOnceTheMemberIsFoundOrTheCaseClosed() {
        CaseFixture.Tree tree = fx.tree();
        UUID stillMissing = fx.openCase(tree, null);
        UUID foundCase = fx.openCase(tree, null);
        UUID closedCase = fx.openCase(tree, null);
        UUID missingMember = UUID.fromString(fx.caseFile(stillMissing).getString("member.id"));
        UUID foundMember = UUID.fromString(fx.caseFile(foundCase).getString("member.id"));
        UUID closedMember = UUID.fromString(fx.caseFile(closedCase).getString("member.id"));
        UUID chasedLookup = lookups.approvedLookup(stillMissing, tree);
        UUID foundLookup = lookups.approvedLookup(foundCase, tree);
        UUID closedLookup = lookups.approvedLookup(closedCase, tree);

        fx.attempt(foundCase, Instant.now().minus(Duration.ofHours(1)), "VISIT_HOME", "FOUND");
        fx.leftTheParty(closedMember, tree.branch(), "DECEASED", Instant.now());
        fx.awaitEvent("CaseClosed", closedMember);
        assertThat(fx.caseFile(foundCase).getString("state")).isEqualTo("FOUND");

        Instant due = Instant.parse(lookups.lookup(closedCase, closedLookup).getString("answerDueAt"));
        fx.scan(due);

        assertThat(lookups.lookup(stillMissing, chasedLookup).getInt("chaseCount")).isEqualTo(1);
        assertThat(lookups.lookup(foundCase, foundLookup).getInt("chaseCount")).isZero();
        assertThat(lookups.lookup(closedCase, closedLookup).getInt("chaseCount")).isZero();
        // The chase of the request still open went out in the same scan: once it is on Kafka, so would the others be.
        await().atMost(Duration.ofSeconds(20)).until(() -> lookups.sent(chasedLookup).size() == 2);
        fx.awaitEvent("LookupOverdue", missingMember);
        assertThat(lookups.sent(foundLookup)).as("nothing more on lookup.requests").hasSize(1);
        assertThat(lookups.sent(closedLookup)).as("nothing more on lookup.requests").hasSize(1);
        assertThat(fx.countEvents("LookupOverdue", foundMember)).isZero();
        assertThat(fx.countEvents("LookupOverdue", closedMember)).isZero();
        assertThat(fx.caseFile(foundCase).getList("timeline.kind", String.class)).doesNotContain("LOOKUP_CHASED");
    }

    @Test
    void approvingForAMemberNoLongerMissingIsAConflictAndNothingLeaves() {
        CaseFixture.Tree tree = fx.tree();
        UUID caseId = fx.openCase(tree, null);
        UUID lookupId = UUID.fromString(lookups.request(caseId, tree).getString("id"));
        fx.attempt(caseId, Instant.now().minus(Duration.ofHours(1)), "VISIT_HOME", "FOUND");

        given().auth().oauth2(lookups.committeeAdmin(tree)).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/cases/{id}/lookups/{lookupId}/approval", caseId, lookupId).then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(lookups.lookup(caseId, lookupId).getString("state")).isEqualTo("PENDING_APPROVAL");
        assertThat(lookups.sent(lookupId)).isEmpty();
    }

    @Test
    void anApprovalWaitsForAConcurrentFindingOfTheMemberAndThenIsAConflict() throws Exception {
        CaseFixture.Tree tree = fx.tree();
        UUID caseId = fx.openCase(tree, null);
        UUID lookupId = UUID.fromString(lookups.request(caseId, tree).getString("id"));
        String approver = lookups.committeeAdmin(tree);

        try (Connection finding = LianxinTestResource.adminConnection();
                Connection watching = LianxinTestResource.adminConnection()) {
            // Another transaction finds the member (as CaseService does: an update of the case's row), not yet committed.
            finding.setAutoCommit(false);
            int finder;
            try (Statement s = finding.createStatement(); ResultSet pid = s.executeQuery("SELECT pg_backend_pid()")) {
                pid.next();
                finder = pid.getInt(1);
            }
            try (PreparedStatement found = finding.prepareStatement("""
                    UPDATE cases.case_file SET state = 'FOUND', found_at = now(), found_by = 'concurrent',
                        version = version + 1 WHERE id = ?""")) {
                found.setObject(1, caseId);
                assertThat(found.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<Integer> approval = CompletableFuture.supplyAsync(() -> given().auth().oauth2(approver)
                    .contentType(ContentType.JSON).body(Map.of())
                    .post("/api/v1/cases/{id}/lookups/{lookupId}/approval", caseId, lookupId).then().extract()
                    .statusCode());

            // The approval waits for the case's row instead of deciding on what it read before.
            await().atMost(Duration.ofSeconds(20)).until(() -> blockedBy(watching, finder) > 0);
            assertThat(approval).isNotDone();
            finding.commit();

            assertThat(approval.get(30, TimeUnit.SECONDS)).isEqualTo(409);
        }
        assertThat(lookups.lookup(caseId, lookupId).getString("state")).isEqualTo("PENDING_APPROVAL");
        assertThat(lookups.sent(lookupId)).as("no LookupRequested for a member found meanwhile").isEmpty();
    }

    @Test
    void anAnswerFromAnotherDepartmentOrToARequestNotSentIsRecordedAndLogsNoAttempt() throws Exception {
        CaseFixture.Tree tree = fx.tree();
        UUID caseId = fx.openCase(tree, null);
        UUID member = UUID.fromString(fx.caseFile(caseId).getString("member.id"));
        UUID approved = lookups.approvedLookup(caseId, tree);
        UUID pending = UUID.fromString(lookups.request(caseId, tree).getString("id"));
        UUID refused = UUID.fromString(lookups.request(caseId, tree).getString("id"));
        given().auth().oauth2(lookups.committeeAdmin(tree)).contentType(ContentType.JSON)
                .body(Map.of("reason", "请先完成实地走访"))
                .post("/api/v1/cases/{id}/lookups/{lookupId}/refusal", caseId, refused).then().statusCode(200);
        Instant answeredAt = Instant.now().minusSeconds(60);

        lookups.answer(UUID.randomUUID(), approved, member, tree.branch(), "TELECOM", true, answeredAt);
        lookups.answer(UUID.randomUUID(), pending, member, tree.branch(), "PUBLIC_SECURITY", true, answeredAt);
        lookups.answer(UUID.randomUUID(), refused, member, tree.branch(), "PUBLIC_SECURITY", true, answeredAt);

        await().atMost(Duration.ofSeconds(30)).until(() -> LookupFixture.answerOutcomes(approved).size() == 1
                && LookupFixture.answerOutcomes(pending).size() == 1 && LookupFixture.answerOutcomes(refused).size() == 1);
        assertThat(LookupFixture.answerOutcomes(approved)).containsExactly("WRONG_DEPARTMENT");
        assertThat(LookupFixture.answerOutcomes(pending)).containsExactly("NOT_SENT");
        assertThat(LookupFixture.answerOutcomes(refused)).containsExactly("NOT_SENT");
        assertThat(lookups.lookup(caseId, approved).getString("state")).isEqualTo("APPROVED");
        assertThat(lookups.lookup(caseId, pending).getString("state")).isEqualTo("PENDING_APPROVAL");
        assertThat(lookups.lookup(caseId, refused).getString("state")).isEqualTo("REFUSED");
        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getList("attempts", Object.class)).as("no search attempt").isEmpty();
        assertThat(file.getList("timeline.kind", String.class)).doesNotContain("LOOKUP_ANSWERED");
    }

    @Test
    void anAnswerAfterTheCaseClosedAnswersTheRequestWithoutAnAttempt() throws Exception {
        CaseFixture.Tree tree = fx.tree();
        UUID caseId = fx.openCase(tree, null);
        UUID member = UUID.fromString(fx.caseFile(caseId).getString("member.id"));
        UUID lookupId = lookups.approvedLookup(caseId, tree);
        fx.leftTheParty(member, tree.branch(), "DECEASED", Instant.now());
        fx.awaitEvent("CaseClosed", member);

        lookups.answer(UUID.randomUUID(), lookupId, member, tree.branch(), "PUBLIC_SECURITY", true,
                Instant.now().minusSeconds(60));

        await().atMost(Duration.ofSeconds(30)).until(() -> LookupFixture.answerOutcomes(lookupId).size() == 1);
        assertThat(LookupFixture.answerOutcomes(lookupId)).containsExactly("APPLIED");
        JsonPath lookup = lookups.lookup(caseId, lookupId);
        assertThat(lookup.getString("state")).isEqualTo("ANSWERED");
        assertThat(lookup.getBoolean("found")).isTrue();
        assertThat(lookup.getString("attemptId")).isNull();
        JsonPath file = fx.caseFile(caseId);
        assertThat(file.getString("state")).isEqualTo("CLOSED");
        assertThat(file.getList("attempts", Object.class)).as("no attempt logged").isEmpty();
        assertThat(file.getList("timeline.kind", String.class)).contains("LOOKUP_ANSWERED");
    }

    /** How many backends wait for a lock {@code pid} holds. */
    private static int blockedBy(Connection watching, int pid) throws SQLException {
        try (PreparedStatement s = watching.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))")) {
            s.setInt(1, pid);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void theSuperiorOrganizationSeesWhatAwaitsItsApprovalAndTheBranchDoesNot() {
        CaseFixture.Tree tree = fx.tree();
        UUID caseId = fx.openCase(tree, null);
        UUID pending = UUID.fromString(lookups.request(caseId, tree).getString("id"));
        UUID approved = lookups.approvedLookup(caseId, tree);

        List<String> listed = given().auth().oauth2(lookups.committeeAdmin(tree)).get("/api/v1/lookups/awaiting-approval")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(listed).contains(pending.toString()).doesNotContain(approved.toString());
        given().auth().oauth2(fx.tokens.forRole(Roles.ORG_ADMIN, tree.branch())).get("/api/v1/lookups/awaiting-approval")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(lookups.secretary(tree)).get("/api/v1/lookups/awaiting-approval").then().statusCode(403);
        given().auth().oauth2(fx.tokens.admin()).get("/api/v1/cases/{id}/lookups", caseId).then().statusCode(200)
                .body("size()", equalTo(2));
    }
}
