package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import cn.lianxin.testing.LianxinTestResource;

/**
 * The edge a browser front-end and the Ingress see (platform's "Front-end edge" settings): CORS only for the configured
 * origins (the tests configure https://front-end.lianxin.test), and behind a TLS-terminating proxy the Location of a
 * 201 names the public https URL.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class FrontEndEdgeTest {

    private static final String FRONT_END = "https://front-end.lianxin.test";

    @Inject
    World world;

    @Test
    void aPreflightFromTheConfiguredOriginIsAllowedWithTheHeadersAFrontEndNeeds() {
        given().header("Origin", FRONT_END)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match,idempotency-key")
                .options("/api/v1/contacts").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", FRONT_END)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Allow-Headers", containsString("Content-Type"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"))
                .header("Access-Control-Expose-Headers", containsString("Location"))
                .header("Access-Control-Expose-Headers", containsString("ETag"));
    }

    @Test
    void aPreflightOrARequestFromAnotherOriginIsRefused() {
        given().header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/v1/contacts").then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example.com").auth().oauth2(world.tokens.admin())
                .get("/api/v1/worklists/overdue").then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        // A look-alike of the configured origin is another origin.
        given().header("Origin", FRONT_END + ".evil.example.com")
                .header("Access-Control-Request-Method", "GET")
                .options("/api/v1/worklists/overdue").then()
                .statusCode(403);
    }

    @Test
    void aCallFromTheConfiguredOriginGetsTheLocationExposed() {
        UUID member = world.register(world.branch(world.committee(), "前端支部"), "2024-01-15T10:00:00+08:00");
        Response created = given().header("Origin", FRONT_END).auth().oauth2(world.tokens.admin())
                .contentType(ContentType.JSON).body(contact(member)).post("/api/v1/contacts");
        created.then().statusCode(201)
                .header("Access-Control-Allow-Origin", FRONT_END)
                .header("Access-Control-Expose-Headers", containsString("Location"));
        assertThat(created.header("Location")).endsWith("/api/v1/contacts/" + created.path("id"));
    }

    @Test
    void behindATlsProxyTheLocationIsThePublicHttpsUrl() {
        UUID member = world.register(world.branch(world.committee(), "代理支部"), "2024-01-15T10:00:00+08:00");
        Response created = given().auth().oauth2(world.tokens.admin())
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "lianxin.example.org")
                .header("X-Forwarded-For", "203.0.113.7")
                .contentType(ContentType.JSON).body(contact(member)).post("/api/v1/contacts");
        created.then().statusCode(201);
        assertThat(created.header("Location")).isEqualTo("https://lianxin.example.org/api/v1/contacts/" + created.path("id"));

        // Without the proxy's headers: the service's own address, plain http.
        Response direct = given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON)
                .body(contact(member)).post("/api/v1/contacts");
        direct.then().statusCode(201);
        assertThat(direct.header("Location")).startsWith("http://").doesNotContain("lianxin.example.org")
                .endsWith("/api/v1/contacts/" + direct.path("id"));
    }

    private static Map<String, Object> contact(UUID member) {
        return Map.of("memberId", member.toString(), "at", "2024-02-01T09:30:00+08:00", "channel", "PHONE",
                "outcome", "REACHED");
    }
}
