package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/** docs/domain.md §3b: 去世, 退党 and 开除党籍 recorded outside a case, with their facts and who recorded them. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class StandingChangeTest {

    static final String DEATH = """
            {"to": "DECEASED", "diedOn": "2026-10-02", "learnedHow": "家属告知", "evidenceRef": "死亡证明 No.2026-123"}""";

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    @Test
    void aSecretaryRecordsADeathWithItsFactsAndWhoRecordedIt() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "韩老党员");
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);
        String author = "secretary@" + tree[1];

        io.restassured.response.ExtractableResponse<io.restassured.response.Response> created =
                record(secretary, member, DEATH).statusCode(201)
                .body("from", equalTo("ACTIVE")).body("to", equalTo("DECEASED")).body("reason", equalTo("党员去世"))
                .body("diedOn", equalTo("2026-10-02")).body("effectiveAt", equalTo("2026-10-01T16:00:00Z"))
                .body("recordedBy", equalTo(author)).extract();
        // The Location names the change itself, readable like the standing history.
        String change = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/members/" + member + "/standing-changes/" + change);
        given().auth().oauth2(secretary).get(created.header("Location")).then().statusCode(200)
                .body("id", equalTo(change)).body("to", equalTo("DECEASED")).body("recordedBy", equalTo(author));
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, fixtures.committeeWithBranch()[1]))
                .get(created.header("Location")).then().statusCode(404);

        JsonNode changed = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_STANDING_CHANGED, member));
        assertThat(changed.get("to").asText()).isEqualTo("DECEASED");
        assertThat(changed.get("diedOn").asText()).isEqualTo("2026-10-02");
        assertThat(changed.get("learnedHow").asText()).isEqualTo("家属告知");
        assertThat(changed.get("evidenceRef").asText()).isEqualTo("死亡证明 No.2026-123");
        assertThat(changed.get("recordedBy").asText()).isEqualTo(author);
        assertThat(changed.has("decisionRef")).isFalse();
        given().auth().oauth2(secretary).get("/api/v1/members/{id}", member).then().body("standing", equalTo("DECEASED"));
        given().auth().oauth2(tokens.forRole(Roles.AUDITOR, tree[0])).get("/api/v1/members/{id}/standing-history", member)
                .then().statusCode(200).body("", hasSize(1)).body("[0].to", equalTo("DECEASED"))
                .body("[0].learnedHow", equalTo("家属告知")).body("[0].recordedBy", equalTo(author));

        record(secretary, member, """
                {"to": "WITHDRAWN", "applicationDate": "2026-11-01", "decisionRef": "X支决〔2026〕9号"}""")
                .statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aWithdrawalAndAnExpulsionCarryTheirDecisions() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID leaving = fixtures.member(tree[1], "卫退党");
        UUID expelled = fixtures.member(tree[1], "蒋开除");
        record(tokens.forRole(Roles.SECRETARY, tree[1]), leaving, """
                {"to": "WITHDRAWN", "applicationDate": "2026-11-01", "decisionRef": "X支决〔2026〕9号", "reason": "本人要求退党"}""")
                .statusCode(201).body("applicationDate", equalTo("2026-11-01"));
        record(tokens.forRole(Roles.ORG_ADMIN, tree[0]), expelled, """
                {"to": "EXPELLED", "decisionRef": "X纪处〔2026〕4号", "approvingOrg": "X市纪委", "effectiveAt": "2026-11-20T02:00:00Z"}""")
                .statusCode(201).body("recordedBy", equalTo("org_admin@" + tree[0]));

        JsonNode withdrawn = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_STANDING_CHANGED, leaving));
        assertThat(withdrawn.get("applicationDate").asText()).isEqualTo("2026-11-01");
        assertThat(withdrawn.get("decisionRef").asText()).isEqualTo("X支决〔2026〕9号");
        assertThat(withdrawn.get("reason").asText()).isEqualTo("本人要求退党");
        JsonNode expulsion = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_STANDING_CHANGED, expelled));
        assertThat(expulsion.get("approvingOrg").asText()).isEqualTo("X市纪委");
        assertThat(expulsion.get("effectiveAt").asText()).isEqualTo("2026-11-20T02:00:00Z");
        given().auth().oauth2(tokens.admin()).queryParam("standing", "EXPELLED").get("/api/v1/orgs/{id}/members", tree[1])
                .then().body("items.id", containsInAnyOrder(expelled.toString()));
    }

    @Test
    void refusesMissingOrImpossibleFactsNamingEachField() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "冯完整");
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);
        record(secretary, member, "{\"to\": \"DECEASED\"}").statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("diedOn", "learnedHow"));
        record(secretary, member, "{\"to\": \"EXPELLED\"}").statusCode(400)
                .body("errors.field", containsInAnyOrder("decisionRef", "approvingOrg"));
        record(secretary, member, "{\"to\": \"WITHDRAWN\", \"applicationDate\": \"2099-01-01\", \"decisionRef\": \"X支决\"}")
                .statusCode(400).body("errors.field", containsInAnyOrder("applicationDate"));
        record(secretary, member, "{\"to\": \"SUSPENDED\"}").statusCode(400).body("errors.field", containsInAnyOrder("to"));
        record(secretary, member, "{\"to\": \"GONE\"}").statusCode(400).body("errors.field", containsInAnyOrder("to"));
        // The author is the caller's token, never the body.
        record(secretary, member, DEATH.replace("}", ", \"recordedBy\": \"someone else\"}")).statusCode(400)
                .body("errors.field", hasItem("recordedBy")).body("detail", containsString("recordedBy"));
        given().auth().oauth2(secretary).get("/api/v1/members/{id}", member).then().body("standing", equalTo("ACTIVE"));
    }

    @Test
    void onlyStaffWhoChangeTheSubtreeRecordIt() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID member = fixtures.member(tree[1], "褚无权");
        record(tokens.forRole(Roles.AUDITOR, tree[0]), member, DEATH).statusCode(403);
        record(tokens.forMember(Roles.LIAISON, tree[1], UUID.randomUUID()), member, DEATH).statusCode(403);
        record(tokens.forMember(Roles.MEMBER, tree[1], member), member, DEATH).statusCode(403);
        record(tokens.forRole(Roles.SECRETARY, fixtures.committeeWithBranch()[1]), member, DEATH).statusCode(404);
        given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}/standing-history", member).then().body("", hasSize(0));
    }

    @Test
    void aMemberRemovedByACaseDecisionOrTransferredOutCannotChangeAgain() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID removed = fixtures.member(tree[1], "沈除名");
        events.publish("case.events", "lianxin.case.CaseDisposed.v1", removed, StandingTest.disposed(UUID.randomUUID(),
                removed, tree[1], UUID.randomUUID(), "REMOVED", "REMOVED", "2031-06-01"));
        events.await("member.events", MemberEvents.MEMBER_STANDING_CHANGED, removed);
        record(tokens.admin(), removed, DEATH).statusCode(409).body("detail", containsString("REMOVED"));

        UUID gone = fixtures.member(tree[1], "韦转出");
        String transfer = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("""
                {"memberId": "%s", "toExternalOrg": {"name": "外省某党委", "region": "外省"}, "crossProvince": true,
                 "issuedAt": "2026-09-01"}""".formatted(gone)).post("/api/v1/transfers").then().statusCode(201).extract().path("id");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/transfers/{id}/receipt", transfer).then().statusCode(200);
        record(tokens.admin(), gone, DEATH).statusCode(409).body("detail", containsString("transferred out"));
    }

    @Test
    void theScansSkipMembersWhoDied() {
        UUID committee = fixtures.org(null, "COMMITTEE", "去世扫描党委");
        UUID from = fixtures.org(committee, "BRANCH", "去世扫描转出");
        UUID to = fixtures.org(committee, "BRANCH", "去世扫描转入");
        UUID transferred = fixtures.member(from, "M1去世");
        UUID away = fixtures.member(from, "M3去世");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"memberId\": \"%s\", \"toOrgId\": \"%s\", \"crossProvince\": false, \"issuedAt\": \"2026-01-10\"}"
                        .formatted(transferred, to))
                .post("/api/v1/transfers").then().statusCode(201);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(OutflowTest.COMPLETE)
                .post("/api/v1/members/{id}/outflows", away).then().statusCode(201);
        record(tokens.admin(), transferred, DEATH).statusCode(201);
        record(tokens.admin(), away, DEATH).statusCode(201);

        scan("2026-04-11T00:00:00+08:00");
        scan("2026-09-01T12:00:00+08:00");

        UUID marker = fixtures.member(fixtures.committeeWithBranch()[1], "标记");
        events.await("member.events", MemberEvents.MEMBER_REGISTERED, marker);
        assertThat(ofType(transferred, MemberEvents.TRANSFER_RECEIPT_OVERDUE)).isEmpty();
        assertThat(ofType(away, MemberEvents.TRANSFER_RECOMMENDED)).isEmpty();
    }

    private void scan(String asOf) {
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"asOf\": \"" + asOf + "\"}")
                .post("/api/v1/scans").then().statusCode(200);
    }

    private List<ConsumerRecord<String, String>> ofType(UUID member, String type) {
        Set<String> seen = new HashSet<>();
        return events.all("member.events").stream()
                .filter(r -> r.key().equals(member.toString()) && type.equals(KafkaEvents.header(r, "ce_type")))
                .filter(r -> seen.add(KafkaEvents.header(r, "ce_id"))).toList();
    }

    static ValidatableResponse record(String token, UUID member, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/members/{id}/standing-changes", member).then();
    }
}
