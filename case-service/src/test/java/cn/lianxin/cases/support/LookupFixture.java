package cn.lianxin.cases.support;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;

/** Lookups (协查) the way production makes them: asked and decided through the API, answered on lookup.answers. */
public final class LookupFixture {

    public static final String REQUESTS = "lookup.requests";
    public static final String ANSWERS = "lookup.answers";
    public static final String REQUESTED = "lianxin.case.LookupRequested.v1";
    public static final String ANSWERED = "lianxin.case.LookupAnswered.v1";


    private final CaseFixture fx;

    public LookupFixture(CaseFixture fx) {
        this.fx = fx;
    }

    /** A request body: 公安 asked for the current address on the education-management regulation. */
    public static Map<String, Object> publicSecurity() {
        return Map.of("department", "PUBLIC_SECURITY",
                "legalBasis", Map.of("code", "EDUCATION_MANAGEMENT_REGULATION", "citation", "《中国共产党党员教育管理工作条例》第三十二条"),
                "asked", List.of("CURRENT_ADDRESS"), "note", "走访未果");
    }

    /** Asks as the branch secretary; returns the request's view. */
    public JsonPath request(UUID caseId, CaseFixture.Tree tree) {
        return given().auth().oauth2(secretary(tree)).contentType(ContentType.JSON).body(publicSecurity())
                .post("/api/v1/cases/{id}/lookups", caseId).then().statusCode(201).extract().jsonPath();
    }

    /** Approves as the committee's organization administrator. */
    public JsonPath approve(UUID caseId, UUID lookupId, CaseFixture.Tree tree) {
        return given().auth().oauth2(committeeAdmin(tree)).contentType(ContentType.JSON).body(Map.of("note", "协查函已送达"))
                .post("/api/v1/cases/{id}/lookups/{lookupId}/approval", caseId, lookupId).then().statusCode(200)
                .extract().jsonPath();
    }

    /** An approved request of a fresh open case; returns its id. */
    public UUID approvedLookup(UUID caseId, CaseFixture.Tree tree) {
        UUID lookupId = UUID.fromString(request(caseId, tree).getString("id"));
        approve(caseId, lookupId, tree);
        return lookupId;
    }

    public String secretary(CaseFixture.Tree tree) {
        return fx.tokens.forRole(cn.lianxin.platform.security.Roles.SECRETARY, tree.branch());
    }

    public String committeeAdmin(CaseFixture.Tree tree) {
        return fx.tokens.forRole(cn.lianxin.platform.security.Roles.ORG_ADMIN, tree.committee());
    }

    public JsonPath lookup(UUID caseId, UUID lookupId) {
        return given().auth().oauth2(fx.tokens.admin()).get("/api/v1/cases/{id}/lookups/{lookupId}", caseId, lookupId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Publishes a department's answer as the data-sharing exchange would (schema-checked); returns the event id. */
    public UUID answer(UUID eventId, UUID lookupId, UUID member, UUID branch, String department, boolean found,
            Instant answeredAt) {
        fx.events.publish(ANSWERS, ANSWERED, eventId, member, """
                {"requestId": "%s", "memberId": "%s", "orgId": "%s", "department": "%s", "found": %s,
                 "finding": "暂住登记：浙江省宁波市鄞州区", "answeredAt": "%s", "answerRef": "甬公协〔2027〕118号"}
                """.formatted(lookupId, member, branch, department, found, answeredAt));
        return eventId;
    }

    /** The LookupRequested records of one request on lookup.requests (each checked against the contracts). */
    public List<ConsumerRecord<String, String>> sent(UUID lookupId) {
        List<ConsumerRecord<String, String>> records = fx.events.all(REQUESTS).stream()
                .filter(r -> REQUESTED.equals(KafkaEvents.header(r, "ce_type"))
                        && lookupId.toString().equals(KafkaEvents.payload(r).path("requestId").asText()))
                .toList();
        records.forEach(KafkaEvents::assertValidEnvelope);
        return records;
    }

    /** What became of the answers received for a request (lookup_answer_received.outcome), in order. */
    public static List<String> answerOutcomes(UUID lookupId) throws SQLException {
        try (Connection c = LianxinTestResource.adminConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT outcome FROM cases.lookup_answer_received WHERE request_id = ? ORDER BY received_at")) {
            s.setObject(1, lookupId);
            try (ResultSet rows = s.executeQuery()) {
                List<String> outcomes = new java.util.ArrayList<>();
                while (rows.next()) {
                    outcomes.add(rows.getString(1));
                }
                return outcomes;
            }
        }
    }
}
