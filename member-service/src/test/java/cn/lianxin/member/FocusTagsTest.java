package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.member.domain.FocusTag;
import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.ETags;
import cn.lianxin.testing.KafkaEvents;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/** 专项排查 focus tags on the register: the member API, its events, and the roster's 重点关注 column. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class FocusTagsTest {

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final KafkaEvents events = KafkaEvents.forTests();

    private static String withTags(String memberJson, String tags) {
        return memberJson.substring(0, memberJson.lastIndexOf('}')) + ", \"focusTags\": " + tags + "}";
    }

    @Test
    void focusTagsSetAtRegistrationAreShownAndCarriedByMemberRegistered() {
        UUID branch = fixtures.committeeWithBranch()[1];
        String body = withTags(Fixtures.memberJson(branch, "焦困难", TestIds.fresh()), "[\"ABROAD\", \"HARDSHIP\"]");

        String id = given().auth().oauth2(tokens.forRole(Roles.SECRETARY, branch)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/members").then().statusCode(201)
                .body("focusTags", contains("HARDSHIP", "ABROAD")).extract().path("id");

        given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}", id).then().statusCode(200)
                .body("focusTags", contains("HARDSHIP", "ABROAD"));
        JsonNode registered = KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_REGISTERED, id));
        assertThat(registered.get("focusTags")).extracting(JsonNode::asText).containsExactly("HARDSHIP", "ABROAD");
    }

    /** The V2 CHECK on member.focus_tags and the enum must name the same tags: every one of them is stored. */
    @Test
    void everyFocusTagIsStoredByTheApiAndByTheRosterImport() {
        UUID branch = fixtures.committeeWithBranch()[1];
        List<String> all = Arrays.stream(FocusTag.values()).map(Enum::name).toList();
        assertThat(all).hasSize(6).contains("SERIOUS_ILLNESS");
        String tags = all.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", ", "[", "]"));

        String id = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(withTags(Fixtures.memberJson(branch, "焦全标", TestIds.fresh()), tags)).post("/api/v1/members")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}", id).then().statusCode(200)
                .body("focusTags", contains(all.toArray()));

        String[] names = {"焦一标", "焦二标", "焦三标", "焦四标", "焦五标", "焦六标"};
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < FocusTag.values().length; i++) {
            rows.add(withFocus(RosterFiles.row(names[i], TestIds.fresh(), null), FocusTag.values()[i].label));
        }
        RosterImports.run(tokens.admin(), branch, RosterFiles.workbook(RosterFiles.HEADERS, rows), null)
                .body("status", equalTo("SUCCEEDED")).body("imported", equalTo(6));
        for (int i = 0; i < names.length; i++) {
            given().auth().oauth2(tokens.admin()).queryParam("q", names[i]).get("/api/v1/orgs/{id}/members", branch)
                    .then().statusCode(200).body("total", equalTo(1))
                    .body("items[0].focusTags", contains(FocusTag.values()[i].name()));
        }
    }

    @Test
    void aMemberWithoutTagsShowsAnEmptyListAndTheEventLeavesThemOut() {
        UUID branch = fixtures.committeeWithBranch()[1];
        UUID id = fixtures.member(branch, "焦无标");

        given().auth().oauth2(tokens.admin()).get("/api/v1/members/{id}", id).then().body("focusTags", empty());
        assertThat(KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_REGISTERED, id)).has("focusTags"))
                .isFalse();
    }

    @Test
    void anUnknownTagIsAProblemNamingTheFieldAndNothingIsRegistered() {
        UUID branch = fixtures.committeeWithBranch()[1];

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(withTags(Fixtures.memberJson(branch, "焦坏标", TestIds.fresh()), "[\"HARDSHIP\", \"RICH\"]"))
                .post("/api/v1/members").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(startsWith("focusTags")));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(withTags(Fixtures.memberJson(branch, "焦空标", TestIds.fresh()), "[null]"))
                .post("/api/v1/members").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(startsWith("focusTags")));
        given().auth().oauth2(tokens.admin()).queryParam("q", "焦").get("/api/v1/orgs/{id}/members", branch).then()
                .body("total", equalTo(0));
    }

    @Test
    void changingTheTagsEmitsMemberProfileChangedNamingThemAndAnEmptyListClearsThem() {
        UUID branch = fixtures.committeeWithBranch()[1];
        UUID id = fixtures.member(branch, "焦变更");
        String secretary = tokens.forRole(Roles.SECRETARY, branch);

        given().auth().oauth2(secretary).contentType(ContentType.JSON).header("If-Match", ETags.of(secretary, "/api/v1/members/{id}", id))
                .body("{\"focusTags\": [\"OVER_80\", \"VETERAN_PRE_1949\"]}").patch("/api/v1/members/{id}", id).then()
                .statusCode(200).body("focusTags", contains("VETERAN_PRE_1949", "OVER_80"));
        JsonNode set = KafkaEvents.payload(events.await("member.events", r -> r.key().equals(id.toString())
                && MemberEvents.MEMBER_PROFILE_CHANGED.equals(KafkaEvents.header(r, "ce_type"))));
        assertThat(set.get("changed")).extracting(JsonNode::asText).containsExactly("focusTags");
        assertThat(set.get("focusTags")).extracting(JsonNode::asText).containsExactly("VETERAN_PRE_1949", "OVER_80");

        given().auth().oauth2(secretary).contentType(ContentType.JSON).header("If-Match", ETags.of(secretary, "/api/v1/members/{id}", id))
                .body("{\"focusTags\": []}").patch("/api/v1/members/{id}", id).then().statusCode(200)
                .body("focusTags", empty());
        JsonNode cleared = KafkaEvents.payload(events.await("member.events", r -> r.key().equals(id.toString())
                && MemberEvents.MEMBER_PROFILE_CHANGED.equals(KafkaEvents.header(r, "ce_type"))
                && !KafkaEvents.payload(r).has("focusTags")));
        assertThat(cleared.get("changed")).extracting(JsonNode::asText).containsExactly("focusTags");

        given().auth().oauth2(secretary).contentType(ContentType.JSON).header("If-Match", ETags.of(secretary, "/api/v1/members/{id}", id))
                .body("{\"focusTags\": [\"SICK\"]}").patch("/api/v1/members/{id}", id).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(startsWith("focusTags")));
    }

    @Test
    void theRosterImportsTheLabelsOfTheFocusColumnAndTheExportWritesThemBack() throws Exception {
        UUID branch = fixtures.committeeWithBranch()[1];
        String[] tagged = withFocus(RosterFiles.row("焦导入", TestIds.fresh(), null), "困难党员、出国境");
        String[] plain = RosterFiles.row("焦普通", TestIds.fresh(), null);

        RosterImports.run(tokens.admin(), branch, RosterFiles.workbook(RosterFiles.HEADERS, List.of(tagged, plain)), null)
                .body("status", equalTo("SUCCEEDED")).body("imported", equalTo(2));

        String id = given().auth().oauth2(tokens.admin()).queryParam("q", "焦导入").get("/api/v1/orgs/{id}/members", branch)
                .then().body("total", equalTo(1)).body("items[0].focusTags", contains("HARDSHIP", "ABROAD"))
                .extract().path("items[0].id");
        assertThat(KafkaEvents.payload(events.await("member.events", MemberEvents.MEMBER_REGISTERED, id)).get("focusTags"))
                .extracting(JsonNode::asText).containsExactly("HARDSHIP", "ABROAD");

        List<List<String>> rows = RosterFiles.rows(given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}/roster.xlsx", branch)
                .then().statusCode(200).extract().asByteArray());
        int column = rows.get(0).indexOf("重点关注");
        assertThat(column).isNotNegative();
        List<String> byName = rows.stream().skip(1).filter(r -> r.get(0).equals("焦导入")).findFirst().orElseThrow();
        assertThat(byName.get(column)).isEqualTo("困难党员、出国境");
    }

    @Test
    void aLabelThatIsNoFocusTagIsARowErrorOfTheFocusColumn() {
        UUID branch = fixtures.committeeWithBranch()[1];
        String[] bad = withFocus(RosterFiles.row("焦坏签", TestIds.fresh(), null), "困难党员、老干部");

        RosterImports.run(tokens.admin(), branch, RosterFiles.workbook(RosterFiles.HEADERS, List.<String[]>of(bad)), null)
                .body("status", equalTo("REFUSED")).body("imported", equalTo(0))
                .body("errors.column", contains("重点关注"))
                .body("errors[0].row", equalTo(2))
                .body("problem.errors.field", hasItems("rows[2].重点关注"));
    }

    private static String[] withFocus(String[] row, String labels) {
        String[] cells = java.util.Arrays.copyOf(row, RosterFiles.HEADERS.size());
        cells[RosterFiles.HEADERS.indexOf("重点关注")] = labels;
        return cells;
    }
}
