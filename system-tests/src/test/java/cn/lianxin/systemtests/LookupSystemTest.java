package cn.lianxin.systemtests;

import static cn.lianxin.systemtests.Actors.awaitCase;
import static cn.lianxin.systemtests.Actors.caseFile;
import static cn.lianxin.systemtests.Actors.contact;
import static cn.lianxin.systemtests.Actors.liveUntil;
import static cn.lianxin.systemtests.Actors.org;
import static cn.lianxin.systemtests.Actors.person;
import static cn.lianxin.systemtests.Actors.plus;
import static cn.lianxin.systemtests.LianxinSystem.CASES;
import static cn.lianxin.systemtests.LianxinSystem.api;
import static cn.lianxin.systemtests.LianxinSystem.events;
import static cn.lianxin.systemtests.LianxinSystem.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.path.json.JsonPath;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.systemtests.Actors.Person;
import cn.lianxin.testing.KafkaEvents;

/**
 * 联合公安、电信、社保、房管 查询 across the services and the departments' topics: the branch secretary asks 公安 about a
 * lost member with a legal basis; nothing leaves for the department until the superior organization approves (its
 * secretary is told of the request at once); then exactly one LookupRequested goes out on lookup.requests. The test
 * plays the department's system and answers on lookup.answers, as the AsyncAPI document says; the case file shows the
 * answer and the search attempt of the department's channel it became.
 */
@ExtendWith(LianxinSystem.class)
class LookupSystemTest {

    private static final String LOOKUP_REQUESTED = "lianxin.case.LookupRequested.v1";
    private static final String CITATION = "《中国共产党党员教育管理工作条例》第三十二条";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLookupLeavesForTheDepartmentOnlyOnceTheSuperiorOrgApprovedAndItsAnswerBecomesASearchAttempt() {
        Instant start = Actors.nextOfficeMorning();
        LianxinSystem.travelTo(start);
        Person committeeSecretary = person("书记");
        UUID committee = org(null, "COMMITTEE", "中共协查街道工作委员会", committeeSecretary);
        UUID branch = org(committee, "BRANCH", "协查社区支部", person("书记"));
        UUID member = Actors.member(branch, "蒋失联", "FULL");
        Instant reached = start.plusSeconds(60);
        LianxinSystem.travelTo(reached);
        contact(member, reached, "PHONE", "REACHED");

        // Four months of silence: lost contact suspected, a case file opened.
        liveUntil(plus(start, 4, 1));
        UUID caseId = UUID.fromString(awaitCase(member).getString("id"));

        // The branch secretary asks 公安 for the member's current address, citing the regulation.
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("department", "PUBLIC_SECURITY");
        request.put("legalBasis", Map.of("code", "EDUCATION_MANAGEMENT_REGULATION", "citation", CITATION));
        request.put("asked", List.of("CURRENT_ADDRESS"));
        request.put("note", "走访、电话均未找到本人");
        JsonPath asked = api(CASES, tokenFor(Roles.SECRETARY, branch)).body(request)
                .post("/api/v1/cases/{id}/lookups", caseId).then().statusCode(201).extract().jsonPath();
        String lookup = asked.getString("id");
        assertThat(asked.getString("state")).isEqualTo("PENDING_APPROVAL");
        assertThat(asked.getString("legalBasis.citation")).isEqualTo(CITATION);

        // The committee, which approves, is told at once; nothing has left for the department.
        JsonNode approvalRequested = KafkaEvents.payload(events().await("case.events",
                r -> "lianxin.case.LookupApprovalRequested.v1".equals(KafkaEvents.header(r, "ce_type"))
                        && lookup.equals(KafkaEvents.payload(r).path("requestId").asText())));
        assertThat(approvalRequested.path("approverOrgId").asText()).isEqualTo(committee.toString());
        Inboxes.awaitSms(committeeSecretary.phone(), "lookup-approval-requested", "蒋失联");
        assertThat(events().all("lookup.requests")).filteredOn(requestOf(lookup)).isEmpty();
        String committeeAdmin = tokenFor(Roles.ORG_ADMIN, committee);
        assertThat(api(CASES, committeeAdmin).get("/api/v1/lookups/awaiting-approval").then().statusCode(200).extract()
                .jsonPath().getList("items.id", String.class)).contains(lookup);

        // The committee's ORG_ADMIN approves: the request leaves, once, on lookup.requests.
        JsonPath approved = api(CASES, committeeAdmin).body(Map.of("note", "协查函已送达"))
                .post("/api/v1/cases/{id}/lookups/{lookupId}/approval", caseId, lookup).then().statusCode(200)
                .extract().jsonPath();
        assertThat(approved.getString("state")).isEqualTo("APPROVED");
        assertThat(approved.getString("approvingOrgId")).isEqualTo(committee.toString());
        ConsumerRecord<String, String> sent = events().await("lookup.requests", requestOf(lookup));
        assertThat(sent.key()).isEqualTo(member.toString());
        JsonNode requested = KafkaEvents.payload(sent);
        assertThat(requested.path("department").asText()).isEqualTo("PUBLIC_SECURITY");
        assertThat(requested.path("legalBasis").path("citation").asText()).isEqualTo(CITATION);
        assertThat(requested.path("approvingOrgId").asText()).isEqualTo(committee.toString());
        assertThat(events().all("lookup.requests")).filteredOn(requestOf(lookup)).hasSize(1);

        // The department's system answers on lookup.answers (ce_source /department-exchange), echoing the request.
        ObjectNode answer = JSON.createObjectNode();
        answer.put("requestId", lookup);
        answer.put("memberId", requested.path("memberId").asText());
        answer.put("orgId", requested.path("orgId").asText());
        answer.put("department", "PUBLIC_SECURITY");
        answer.put("found", true);
        answer.put("finding", "暂住登记：示范市示范区某街道（虚构）");
        answer.put("answeredAt", LianxinSystem.now().toString());
        answer.put("answerRef", "示公协〔2027〕1号");
        events().publish("lookup.answers", "lianxin.case.LookupAnswered.v1", member, answer.toString());

        // The case shows the lookup answered, and the answer as a search attempt of 公安's channel: a lead to verify.
        await("lookup " + lookup + " answered").atMost(Duration.ofSeconds(30)).until(() -> "ANSWERED".equals(
                api(CASES, committeeAdmin).get("/api/v1/cases/{id}/lookups/{lookupId}", caseId, lookup).then()
                        .statusCode(200).extract().path("state")));
        JsonPath answered = api(CASES, tokenFor(Roles.SECRETARY, branch))
                .get("/api/v1/cases/{id}/lookups/{lookupId}", caseId, lookup).then().statusCode(200).extract().jsonPath();
        assertThat(answered.getBoolean("found")).isTrue();
        assertThat(answered.getString("answerRef")).isEqualTo("示公协〔2027〕1号");
        String attemptId = answered.getString("attemptId");
        assertThat(attemptId).isNotNull();
        List<Map<String, Object>> attempts = caseFile(caseId).getList("attempts");
        assertThat(attempts).filteredOn(a -> attemptId.equals(a.get("id"))).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("channel", "PUBLIC_SECURITY").containsEntry("result", "LEAD"));
        assertThat(caseFile(caseId).getString("state")).isEqualTo("OPEN"); // an answer is a lead: the branch decides
    }

    private static Predicate<ConsumerRecord<String, String>> requestOf(String lookup) {
        return r -> LOOKUP_REQUESTED.equals(KafkaEvents.header(r, "ce_type"))
                && lookup.equals(KafkaEvents.payload(r).path("requestId").asText());
    }
}
