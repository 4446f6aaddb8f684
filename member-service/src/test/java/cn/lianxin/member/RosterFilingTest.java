package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/** 花名册备案: a branch files its roster; the superior committee acknowledges or returns it; who has not filed. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RosterFilingTest {

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    private static ValidatableResponse file(String token, UUID branch, int year) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"year\": " + year + "}")
                .post("/api/v1/orgs/{id}/roster-filings", branch).then();
    }

    private static ValidatableResponse decide(String token, String filing, String action, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/roster-filings/{id}/" + action, filing).then();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aBranchFilesASnapshotOfItsRosterWithCountsAndHashThatLaterChangesDoNotTouch() throws Exception {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID away = fixtures.member(tree[1], "备流动");
        fixtures.member(tree[1], "备在家");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(OutflowTest.COMPLETE)
                .post("/api/v1/members/{id}/outflows", away).then().statusCode(201);
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);

        ExtractableResponse<Response> filed = file(secretary, tree[1], 2026).statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/roster-filings/[0-9a-f-]{36}$"))
                .body("orgId", equalTo(tree[1].toString())).body("year", equalTo(2026)).body("version", equalTo(1))
                .body("state", equalTo("FILED")).body("counts.members", equalTo(2)).body("counts.flowing", equalTo(1))
                .body("counts.byCategory.FULL", equalTo(2)).body("counts.byCategory.PROBATIONARY", equalTo(0))
                .body("counts.byStanding.ACTIVE", equalTo(2)).body("counts.byStanding.DECEASED", equalTo(0))
                .body("contentHash", matchesPattern("[0-9a-f]{64}"))
                .body("filedBy", equalTo("secretary@" + tree[1]))
                .body("decidedAt", nullValue()).extract();
        String filing = filed.path("id");
        String hash = filed.path("contentHash");

        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, tree[0]);
        Response download = given().auth().oauth2(orgAdmin).get("/api/v1/roster-filings/{id}/roster.xlsx", filing);
        download.then().statusCode(200).header("ETag", equalTo("\"" + hash + "\""))
                .header("Repr-Digest", equalTo("sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hash)) + ":"));
        byte[] bytes = download.asByteArray();
        assertThat(sha256(bytes)).isEqualTo(hash);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(workbook.getFirstSheet().read()).hasSize(3); // headers and the two members
        }

        fixtures.member(tree[1], "备后来");
        byte[] later = given().auth().oauth2(secretary).get("/api/v1/roster-filings/{id}/roster.xlsx", filing).then()
                .statusCode(200).extract().asByteArray();
        assertThat(later).isEqualTo(bytes);
        given().auth().oauth2(secretary).get("/api/v1/roster-filings/{id}", filing).then().statusCode(200)
                .body("counts.members", equalTo(2)).body("contentHash", equalTo(hash))
                .body("rosterUrl", endsWith("/api/v1/roster-filings/" + filing + "/roster.xlsx"));

        JsonNode event = KafkaEvents.payload(events.await("member.events", MemberEvents.ROSTER_FILED, tree[1]));
        assertThat(event.get("filingId").asText()).isEqualTo(filing);
        assertThat(event.get("contentHash").asText()).isEqualTo(hash);
        assertThat(event.get("version").asInt()).isEqualTo(1);
        assertThat(event.get("counts").get("flowing").asInt()).isEqualTo(1);
        assertThat(event.has("filedBy")).isFalse();
    }

    @Test
    void aReturnedRosterIsFiledAgainAsANewVersionAndAnActiveOneRefusesAnotherFiling() {
        UUID[] tree = fixtures.committeeWithBranch();
        fixtures.member(tree[1], "备退回");
        String secretary = tokens.forRole(Roles.SECRETARY, tree[1]);
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, tree[0]);
        String first = file(secretary, tree[1], 2026).statusCode(201).extract().path("id");

        file(secretary, tree[1], 2026).statusCode(409).contentType("application/problem+json");
        decide(orgAdmin, first, "return", "{}").statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("remarks"));
        decide(orgAdmin, first, "return", "{\"remarks\": \"  \"}").statusCode(400).body("errors.field", contains("remarks"));
        decide(orgAdmin, first, "return", "{\"remarks\": \"缺少流动党员去向\"}").statusCode(200)
                .body("state", equalTo("RETURNED")).body("remarks", equalTo("缺少流动党员去向"))
                .body("decidedByOrgId", equalTo(tree[0].toString()));
        JsonNode returned = KafkaEvents.payload(events.await("member.events", MemberEvents.ROSTER_RETURNED, tree[1]));
        assertThat(returned.get("remarks").asText()).isEqualTo("缺少流动党员去向");
        decide(orgAdmin, first, "return", "{\"remarks\": \"再退\"}").statusCode(409).contentType("application/problem+json");
        decide(orgAdmin, first, "acknowledgement", "{}").statusCode(409).contentType("application/problem+json");

        String second = file(secretary, tree[1], 2026).statusCode(201).body("version", equalTo(2)).extract().path("id");
        decide(orgAdmin, second, "acknowledgement", "{\"remarks\": \"已备案留存\"}").statusCode(200)
                .body("state", equalTo("ACKNOWLEDGED")).body("version", equalTo(2));
        JsonNode acknowledged = KafkaEvents.payload(events.await("member.events", MemberEvents.ROSTER_ACKNOWLEDGED, tree[1]));
        assertThat(acknowledged.get("filingId").asText()).isEqualTo(second);
        file(secretary, tree[1], 2026).statusCode(409);
        decide(orgAdmin, second, "return", "{\"remarks\": \"撤回\"}").statusCode(409);
        file(secretary, tree[1], 2025).statusCode(201).body("version", equalTo(1));
    }

    @Test
    void onlyTheSuperiorCommitteeAcknowledgesAndOtherSubtreesSeeNothing() {
        UUID[] tree = fixtures.committeeWithBranch();
        String filing = file(tokens.admin(), tree[1], 2026).statusCode(201).extract().path("id");
        UUID[] elsewhere = fixtures.committeeWithBranch();

        decide(tokens.forRole(Roles.SECRETARY, tree[1]), filing, "acknowledgement", "{}").statusCode(403)
                .contentType("application/problem+json");
        decide(tokens.forRole(Roles.ORG_ADMIN, tree[1]), filing, "acknowledgement", "{}").statusCode(403);
        decide(tokens.forRole(Roles.ORG_ADMIN, elsewhere[0]), filing, "acknowledgement", "{}").statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, elsewhere[1])).get("/api/v1/roster-filings/{id}", filing)
                .then().statusCode(404);
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, elsewhere[1])).get("/api/v1/roster-filings/{id}/roster.xlsx", filing)
                .then().statusCode(404);
        file(tokens.forRole(Roles.SECRETARY, elsewhere[1]), tree[1], 2025).statusCode(404).contentType("application/problem+json");
        decide(tokens.forRole(Roles.ORG_ADMIN, tree[0]), filing, "acknowledgement", "{}").statusCode(200);
    }

    @Test
    void whoeverFiledARosterDoesNotAcknowledgeOrReturnIt() {
        UUID[] tree = fixtures.committeeWithBranch();
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, tree[0]);
        String filing = file(orgAdmin, tree[1], 2026).statusCode(201)
                .body("filedBy", equalTo(Roles.ORG_ADMIN.toLowerCase() + "@" + tree[0]))
                .extract().path("id");

        decide(orgAdmin, filing, "acknowledgement", "{}").statusCode(403).contentType("application/problem+json");
        decide(orgAdmin, filing, "return", "{\"remarks\": \"自己退回\"}").statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(orgAdmin).get("/api/v1/roster-filings/{id}", filing).then().statusCode(200)
                .body("state", equalTo("FILED")).body("decidedAt", nullValue());
        String colleague = tokens.mint("another-org-admin@" + tree[0], Roles.ORG_ADMIN, tree[0], Duration.ofHours(1));
        decide(colleague, filing, "acknowledgement", "{}").statusCode(200).body("state", equalTo("ACKNOWLEDGED"))
                .body("decidedBy", equalTo("another-org-admin@" + tree[0]));
    }

    @Test
    void onlyABranchFilesForAYearItNames() {
        UUID[] tree = fixtures.committeeWithBranch();
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, tree[0]);

        file(orgAdmin, tree[0], 2026).statusCode(422).contentType("application/problem+json").body("errors.field", contains("orgId"));
        given().auth().oauth2(orgAdmin).contentType(ContentType.JSON).body("{}").post("/api/v1/orgs/{id}/roster-filings", tree[1])
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("year"));
        file(orgAdmin, tree[1], 1999).statusCode(400).body("errors.field", contains("year"));
        file(orgAdmin, tree[1], 2100).statusCode(400).body("errors.field", contains("year"));
    }

    @Test
    void theCommitteeListsItsFilingsAndTheBranchesThatHaveNotFiledLateAfterTheDeadline() {
        UUID committee = fixtures.org(null, "COMMITTEE", "备案党委" + Fixtures.suffix());
        UUID filed = fixtures.org(committee, "BRANCH", "甲支部" + Fixtures.suffix());
        UUID returned = fixtures.org(committee, "BRANCH", "乙支部" + Fixtures.suffix());
        UUID silent = fixtures.org(committee, "BRANCH", "丙支部" + Fixtures.suffix());
        String orgAdmin = tokens.forRole(Roles.ORG_ADMIN, committee);
        file(orgAdmin, filed, 2026).statusCode(201);
        String back = file(tokens.forRole(Roles.SECRETARY, returned), returned, 2026).statusCode(201).extract().path("id");
        decide(orgAdmin, back, "return", "{\"remarks\": \"请核对\"}").statusCode(200);

        given().auth().oauth2(orgAdmin).queryParam("year", 2026).get("/api/v1/orgs/{id}/roster-filings", committee).then()
                .statusCode(200).body("total", equalTo(2))
                .body("items.orgId", containsInAnyOrder(filed.toString(), returned.toString()));
        given().auth().oauth2(orgAdmin).queryParam("year", 2026).queryParam("asOf", "2026-03-31T23:59:59+08:00")
                .get("/api/v1/orgs/{id}/roster-filings/unfiled", committee).then().statusCode(200)
                .body("year", equalTo(2026)).body("deadline", equalTo("2026-03-31")).body("late", equalTo(false))
                .body("total", equalTo(2)).body("items.orgId", containsInAnyOrder(returned.toString(), silent.toString()))
                .body("items.find { it.orgId == '" + returned + "' }.lastState", equalTo("RETURNED"))
                .body("items.find { it.orgId == '" + silent + "' }.lastState", nullValue());
        given().auth().oauth2(orgAdmin).queryParam("year", 2026).queryParam("asOf", "2026-04-01T00:00:00+08:00")
                .get("/api/v1/orgs/{id}/roster-filings/unfiled", committee).then().body("late", equalTo(true));
        given().auth().oauth2(orgAdmin).queryParam("year", 2025)
                .get("/api/v1/orgs/{id}/roster-filings/unfiled", committee).then().body("total", equalTo(3));

        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, filed)).queryParam("year", 2026)
                .get("/api/v1/orgs/{id}/roster-filings/unfiled", committee).then().statusCode(404);
        given().auth().oauth2(orgAdmin).queryParam("asOf", "next week")
                .get("/api/v1/orgs/{id}/roster-filings/unfiled", committee).then().statusCode(400)
                .body("errors.field", contains("asOf"));
        given().auth().oauth2(orgAdmin).queryParam("year", "二〇二六")
                .get("/api/v1/orgs/{id}/roster-filings", committee).then().statusCode(400)
                .body("errors.field", contains("year"));
    }
}
