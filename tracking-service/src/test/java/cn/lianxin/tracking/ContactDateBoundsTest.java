package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

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
