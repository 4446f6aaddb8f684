package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;

/** A contact lies between the founding of the Party (1921-07-01, Shanghai time) and now. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ContactDateBoundsTest {

    @Inject
    World world;

    @Test
    void aContactBeforeTheFoundingOfThePartyIsRefusedNamingAtAndNothingIsRecorded() {
        UUID member = world.register(world.branch(world.committee(), "建党支部"), "2024-01-15T10:00:00+08:00");

        world.contact(member, "1921-06-30T23:59:59+08:00", "PHONE", "REACHED")
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("at"));
        given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("memberId", member.toString(), "at", "1900-01-01T00:00:00Z",
                        "channel", "PHONE", "outcome", "REACHED"))))
                .post("/api/v1/contacts/batch").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("items[0].at"));
        given().auth().oauth2(world.tokens.admin()).get("/api/v1/members/{id}/contacts", member).then()
                .statusCode(200).body("items.size()", equalTo(0));

        world.contact(member, "1921-07-01T00:00:00+08:00", "PHONE", "REACHED").statusCode(201);
    }

    @Test
    void aContactInTheFutureIsRefusedNamingAt() {
        UUID member = world.register(world.branch(world.committee(), "未来支部"), "2024-01-15T10:00:00+08:00");

        world.contact(member, "2999-01-01T00:00:00+08:00", "PHONE", "REACHED")
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("at"));
    }

    /**
     * A contact is noted on its member by the statement that also reads the member for the access check: one refused
     * after it — out of bounds, outside the caller's subtree, from a case's channel — leaves the member as it was.
     */
    @Test
    void aRefusedContactLeavesItsMembersLastContactAndClocksAsTheyWere() {
        UUID member = world.register(world.branch(world.committee(), "原样支部"), "2024-01-15T10:00:00+08:00");
        String neighbour = world.tokens.forRole(Roles.SECRETARY, world.branch(world.committee(), "邻近支部"));
        List<String> clocksBefore = world.clockRows(member);

        world.contact(member, "2999-01-01T00:00:00+08:00", "VISIT", "REACHED").statusCode(400);
        world.contact(member, "1921-06-30T23:59:59+08:00", "VISIT", "REACHED").statusCode(422);
        world.contact(member, "2024-02-01T09:30:00+08:00", "CASE_FOUND", "REACHED").statusCode(400);
        given().auth().oauth2(neighbour).contentType(ContentType.JSON)
                .body(Map.of("memberId", member.toString(), "at", "2024-02-01T09:30:00+08:00", "channel", "VISIT",
                        "outcome", "REACHED"))
                .post("/api/v1/contacts").then().statusCode(404);

        assertThat(world.lastContacts(member)).isEqualTo("-|-|-|-|-");
        assertThat(world.clockRows(member)).isEqualTo(clocksBefore);
        given().auth().oauth2(world.tokens.admin()).get("/api/v1/members/{id}/contacts", member).then()
                .statusCode(200).body("items.size()", equalTo(0));
        assertThat(world.outboxCount(member, "ContactRecorded")).isZero();
    }

    @Test
    void aContactedByThatIsBlankOnceTrimmedIsRefusedNamingIt() {
        UUID member = world.register(world.branch(world.committee(), "空名支部"), "2024-01-15T10:00:00+08:00");

        given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("memberId", member.toString(), "at", "2024-02-01T09:30:00+08:00", "channel", "PHONE",
                        "outcome", "REACHED", "contactedBy", "\u3000"))
                .post("/api/v1/contacts").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("contactedBy"));
    }
}
