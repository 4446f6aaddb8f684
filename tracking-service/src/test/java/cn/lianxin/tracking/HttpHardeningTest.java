package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.build.Jwt;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/** Issue 12, hardening at the HTTP edge (platform's HttpHardening, StrictJson, PageRequest, token times), end to end. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class HttpHardeningTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    World world;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private static ValidatableResponse isProblem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType(startsWith(PROBLEM))
                .body("status", equalTo(status)).body("type", notNullValue()).body("title", notNullValue())
                .body("detail", notNullValue())
                .header("X-Content-Type-Options", "nosniff");
    }

    // --- headers --------------------------------------------------------------------------------------------

    @Test
    void everyResponseIsNosniffAndApiResponsesAreNeverCached() {
        given().auth().oauth2(world.tokens.admin()).get("/api/v1/time").then()
                .statusCode(200).header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().auth().oauth2(world.tokens.admin()).get("/api/v1/members/{id}/contacts", UUID.randomUUID()).then()
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().get("/q/openapi").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void swaggerUiMayNotBeFramedAndHasAContentSecurityPolicyThatLetsItWork() {
        given().get("/q/swagger-ui/").then().statusCode(200)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"))
                .header("Content-Security-Policy", containsString("style-src 'self' 'unsafe-inline'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().get("/q/swagger-ui/swagger-ui-bundle.js").then().statusCode(200)
                .header("Content-Security-Policy", notNullValue());
    }

    // --- errors of the HTTP layer as problem+json -------------------------------------------------------------

    @Test
    void withoutAValidTokenItIs401ProblemJson() throws Exception {
        isProblem(given().get("/api/v1/worklists/overdue").then(), 401).header("WWW-Authenticate", startsWith("Bearer"));
        isProblem(given().auth().oauth2("not-a-token").get("/api/v1/time").then(), 401);
        String foreign = Jwt.issuer(Tokens.ISSUER).subject("x").groups(Set.of(Roles.ADMIN)).expiresIn(3600)
                .sign(java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate());
        isProblem(given().auth().oauth2(foreign).get("/api/v1/time").then(), 401);
    }

    @Test
    void aRoleThatMayNotIs403ProblemJson() {
        isProblem(given().auth().oauth2(world.tokens.forRole(Roles.SECRETARY, UUID.randomUUID()))
                .get("/api/v1/time").then(), 403);
    }

    @Test
    void unknownPathsWrongMethodsAndMediaTypesAreProblemJson() {
        isProblem(given().auth().oauth2(world.tokens.admin()).get("/api/v1/no-such-thing").then(), 404);
        isProblem(given().get("/no-such-page").then(), 404);
        isProblem(given().auth().oauth2(world.tokens.admin()).delete("/api/v1/time").then(), 405);
        isProblem(given().auth().oauth2(world.tokens.admin()).contentType(ContentType.TEXT).body("hello")
                .post("/api/v1/contacts").then(), 415);
    }

    @Test
    void anOverlongUriIs414ProblemJson() {
        isProblem(given().auth().oauth2(world.tokens.admin()).queryParam("state", "x".repeat(5000))
                .get("/api/v1/worklists/overdue").then(), 414);
    }

    @Test
    void aDeclaredBodyAboveTheLimitIs413ProblemJsonBeforeItIsRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/contacts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 999999999\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(20_000);
            String response = readHead(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        }
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    // --- bad input: 400 naming the field, never 500 -------------------------------------------------------------

    private ValidatableResponse postContact(String json) {
        return given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON).body(json)
                .post("/api/v1/contacts").then();
    }

    @Test
    void aControlCharacterInATextFieldIs400NamingTheField() {
        UUID member = world.register(world.branch(world.committee(), "硬化一支部"), "2024-01-15T10:00:00+08:00");
        isProblem(postContact("""
                {"memberId": "%s", "at": "2024-02-01T09:30:00+08:00", "channel": "PHONE", "outcome": "REACHED",
                 "contactedBy": "陈\\u0000联络"}
                """.formatted(member)), 400).body("errors[0].field", equalTo("contactedBy"));
        isProblem(postContact("""
                {"memberId": "%s", "at": "2024-02-01T09:30:00+08:00", "channel": "PHONE", "outcome": "REACHED",
                 "contactedBy": "陈\\u001b联络"}
                """.formatted(member)), 400).body("errors[0].field", equalTo("contactedBy"));
        assertThat(world.contactCount(member)).isZero();
    }

    @Test
    void aControlCharacterInAQueryParameterIs400NamingIt() {
        isProblem(given().auth().oauth2(world.tokens.admin()).urlEncodingEnabled(false)
                .get("/api/v1/worklists/overdue?state=OVERDUE%00x").then(), 400)
                .body("errors[0].field", equalTo("state"));
    }

    @Test
    void anExtremeDateIs400NamingTheField() {
        UUID member = UUID.randomUUID();
        isProblem(postContact("""
                {"memberId": "%s", "at": "-999999999-01-01T00:00:00+08:00", "channel": "PHONE", "outcome": "REACHED"}
                """.formatted(member)), 400).body("errors[0].field", equalTo("at"));
        isProblem(postContact("""
                {"memberId": "%s", "at": "1899-06-01T00:00:00+08:00", "channel": "PHONE", "outcome": "REACHED"}
                """.formatted(member)), 400).body("errors[0].field", equalTo("at"));
        isProblem(given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON)
                .body("{\"asOf\": \"+999999999-12-31T23:59:59-18:00\"}").post("/api/v1/scans").then(), 400)
                .body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void aDuplicateKeyIs400NamingTheKey() {
        UUID member = UUID.randomUUID();
        isProblem(postContact("""
                {"memberId": "%s", "at": "2024-02-01T09:30:00+08:00", "channel": "PHONE", "outcome": "REACHED",
                 "outcome": "NOT_REACHED"}
                """.formatted(member)), 400).body("errors[0].field", equalTo("outcome"));
        isProblem(given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON).body("""
                {"items": [{"memberId": "%1$s", "at": "2024-02-01T09:30:00+08:00", "channel": "PHONE", "outcome": "REACHED"},
                           {"memberId": "%1$s", "memberId": "%1$s", "at": "2024-02-01T09:30:00+08:00",
                            "channel": "PHONE", "outcome": "REACHED"}]}
                """.formatted(member)).post("/api/v1/contacts/batch").then(), 400)
                .body("errors[0].field", equalTo("items[1].memberId"));
    }

    @Test
    void aPageBeyondAnIntOffsetIs400NamingPage() {
        UUID member = world.register(world.branch(world.committee(), "硬化二支部"), "2024-01-15T10:00:00+08:00");
        for (String page : new String[] { "2147483647", "21474837", "10000001" }) {
            isProblem(given().auth().oauth2(world.tokens.admin()).queryParam("page", page).queryParam("size", 200)
                    .get("/api/v1/members/{id}/contacts", member).then(), 400)
                    .body("errors[0].field", equalTo("page"));
        }
        given().auth().oauth2(world.tokens.admin()).queryParam("page", 10_000_000).queryParam("size", 200)
                .get("/api/v1/members/{id}/contacts", member).then().statusCode(200).body("items.size()", equalTo(0));
    }

    // --- verified tokens (platform's VerifiedTokens) -------------------------------------------------------------

    @Inject
    JWTParser parser;

    @Test
    void aTokenIsVerifiedOnceAndAnAlteredCopyOfItIsStillRefused() throws Exception {
        String token = world.tokens.admin();
        given().auth().oauth2(token).get("/api/v1/time").then().statusCode(200);
        assertThat(parser.parse(token)).isSameAs(parser.parse(token));

        String[] parts = token.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String otherSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        isProblem(given().auth().oauth2(otherSignature).get("/api/v1/time").then(), 401);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherClaims = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.replace("\"admin\"", "\"root\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        isProblem(given().auth().oauth2(otherClaims).get("/api/v1/time").then(), 401);
        given().auth().oauth2(token).get("/api/v1/time").then().statusCode(200);
    }

    // --- token times ----------------------------------------------------------------------------------------------

    private static String token(Instant issuedAt, Instant expiresAt) {
        return Jwt.issuer(Tokens.ISSUER).subject("admin").upn("admin").groups(Set.of(Roles.ADMIN))
                .issuedAt(issuedAt.getEpochSecond()).expiresAt(expiresAt.getEpochSecond())
                .sign(LianxinTestResource.jwtKeys().privateKey());
    }

    @Test
    void tokensOlderThanTheMaximumAgeLongLivedOrIssuedInTheFutureAre401() {
        Instant now = Instant.now();
        given().auth().oauth2(token(now.minusSeconds(23 * 3600), now.plusSeconds(1800))).get("/api/v1/time").then()
                .statusCode(200);
        isProblem(given().auth().oauth2(token(now.minusSeconds(25 * 3600), now.minusSeconds(23 * 3600).plusSeconds(24 * 3600 - 600)))
                .get("/api/v1/time").then(), 401);
        isProblem(given().auth().oauth2(token(now, now.plusSeconds(100L * 365 * 86400))).get("/api/v1/time").then(), 401);
        isProblem(given().auth().oauth2(token(now.plusSeconds(3600), now.plusSeconds(7200))).get("/api/v1/time").then(), 401);
        given().auth().oauth2(token(now.plusSeconds(30), now.plusSeconds(3600))).get("/api/v1/time").then()
                .statusCode(200);
    }
}
