package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;

/**
 * 报平安 by signed link (docs/domain.md §7): a link minted by notification-service (here: with the test pair its public
 * key is configured from, {@link SelfCheckInKeys}) shows a page on GET and records one SELF_CHECK_IN contact on POST,
 * once; anything that is not such a link, an access token included, is refused with the same page.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class SelfCheckInTest {

    @Inject
    World world;
    @Inject
    InMemorySpanExporter spans;

    private static Map<String, Object> claims(UUID member) {
        Map<String, Object> claims = new HashMap<>();
        long now = Instant.now().getEpochSecond();
        claims.put("iss", "lianxin-notification");
        claims.put("aud", "lianxin-self-check-in");
        claims.put("sub", member.toString());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now);
        claims.put("exp", now + 14 * 24 * 3600);
        claims.put("purpose", "SELF_CHECK_IN");
        claims.put("src", UUID.randomUUID().toString());
        return claims;
    }

    private static String link(Map<String, Object> claims) {
        return SelfCheckInKeys.sign(claims, SelfCheckInKeys.privateKey());
    }

    private static ValidatableResponse get(String token) {
        return given().get("/self-check-in/{token}", token).then();
    }

    private static ValidatableResponse post(String token) {
        return given().contentType("application/x-www-form-urlencoded").post("/self-check-in/{token}", token).then();
    }

    private UUID member() {
        return world.register(world.branch(world.committee(), "报平安支部"), "2026-06-01T09:00:00+08:00");
    }

    @Test
    void aValidLinkShowsAButtonOnGetAndRecordsOneSelfCheckInOnPostOnceEver() {
        UUID member = member();
        String link = link(claims(member));

        // a GET (a mail scanner's prefetch too) records nothing
        get(link).statusCode(200).contentType(containsString("text/html")).header("Cache-Control", "no-store")
                .body(containsString("<form method=\"post\">")).body(containsString("报平安"));
        get(link).statusCode(200);
        assertThat(world.contactCount(member)).isZero();

        post(link).statusCode(200).body(containsString("已报平安"));
        assertThat(world.contactCount(member, "SELF_CHECK_IN")).isEqualTo(1);
        given().auth().oauth2(world.tokens.admin()).get("/api/v1/members/{id}/contacts", member).then().statusCode(200)
                .body("items[0].channel", org.hamcrest.Matchers.equalTo("SELF_CHECK_IN"))
                .body("items[0].outcome", org.hamcrest.Matchers.equalTo("REACHED"))
                .body("items[0].recordedBy", org.hamcrest.Matchers.equalTo("self-check-in"));
        assertThat(world.find(member).orElseThrow().lastReachedAt()).isNotNull();
        world.events.await(World.CONTACT_EVENTS, "lianxin.contact.ContactRecorded.v1", member);

        // replay: the link is used, nothing more is recorded
        post(link).statusCode(409).body(containsString("已于")).body(not(containsString("<form")));
        get(link).statusCode(409).body(containsString("已于"));
        assertThat(world.contactCount(member)).isEqualTo(1);
    }

    @Test
    void noExportedSpanAndNoLogLineCarriesTheLinksTokenOrItsJti() {
        UUID member = member();
        Map<String, Object> claims = claims(member);
        String jti = (String) claims.get("jti");
        String link = link(claims);
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("cn.lianxin.tracking");
        log.addHandler(handler);
        try {
            get(link).statusCode(200);
            post(link).statusCode(200);
        } finally {
            log.removeHandler(handler);
        }

        // spans are exported in batches, in the order they end: once a later request's server span is out, any span
        // of the link's requests would be too
        String later = "/api/v1/members/" + member + "/contacts";
        given().auth().oauth2(world.tokens.admin()).get(later).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getKind() == SpanKind.SERVER && later.equals(s.getAttributes().get(AttributeKey.stringKey("url.path")))));
        List<SpanData> exported = spans.getFinishedSpanItems();
        assertThat(exported).isNotEmpty().allSatisfy(span -> {
            assertThat(span.getName()).doesNotContain(link);
            span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value)).as("%s of %s", key, span.getName())
                    .doesNotContain(link));
            span.getEvents().forEach(event -> event.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value))
                    .as("%s of an event of %s", key, span.getName()).doesNotContain(link)));
        });

        assertThat(logged).as("the confirmation is logged").isNotEmpty().allSatisfy(record -> {
            assertThat(record.getMessage()).doesNotContain(jti).doesNotContain(link);
            assertThat(Arrays.deepToString(record.getParameters())).doesNotContain(jti).doesNotContain(link);
        });
    }

    @Test
    void anExpiredLinkIsGoneAndRecordsNothing() {
        UUID member = member();
        Map<String, Object> claims = claims(member);
        claims.put("iat", Instant.now().getEpochSecond() - 3600);
        claims.put("exp", Instant.now().getEpochSecond() - 60);
        String expired = link(claims);
        get(expired).statusCode(410).body(containsString("已过期"));
        post(expired).statusCode(410);
        assertThat(world.contactCount(member)).isZero();
    }

    @Test
    void anythingButALinkOfNotificationServiceForSelfCheckInIsRefusedWithTheSamePageAndRecordsNothing() {
        UUID member = member();
        Map<String, Object> wrongAudience = claims(member);
        wrongAudience.put("aud", "lianxin");
        Map<String, Object> audiences = claims(member);
        audiences.put("aud", List.of("lianxin"));
        Map<String, Object> wrongPurpose = claims(member);
        wrongPurpose.put("purpose", "UNSUBSCRIBE");
        Map<String, Object> wrongIssuer = claims(member);
        wrongIssuer.put("iss", "https://lianxin.local");
        Map<String, Object> unknownMember = claims(UUID.randomUUID());
        String valid = link(claims(member));
        String[] parts = valid.split("\\.");
        Map<String, Object> other = claims(member);
        String tampered = parts[0] + "." + SelfCheckInKeys.base64("{\"iss\":\"lianxin-notification\",\"aud\":"
                + "\"lianxin-self-check-in\",\"sub\":\"" + UUID.randomUUID() + "\",\"jti\":\"" + other.get("jti")
                + "\",\"exp\":" + other.get("exp") + ",\"purpose\":\"SELF_CHECK_IN\"}") + "." + parts[2];
        String unsigned = SelfCheckInKeys.base64("{\"alg\":\"none\"}") + "." + parts[1] + ".";
        PrivateKey stranger = SelfCheckInKeys.strangerKey();

        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("wrong audience", link(wrongAudience));
        refused.put("another audience only", link(audiences));
        refused.put("wrong purpose", link(wrongPurpose));
        refused.put("wrong issuer", link(wrongIssuer));
        refused.put("unknown member", link(unknownMember));
        refused.put("signed with another key", SelfCheckInKeys.sign(claims(member), stranger));
        refused.put("tampered claims", tampered);
        refused.put("alg none", unsigned);
        refused.put("not a JWT", "hello");
        refused.put("an ADMIN access token", world.tokens.admin());
        refused.put("the member's own access token", world.tokens.forMember(Roles.MEMBER, UUID.randomUUID(), member));
        refused.forEach((what, token) -> {
            get(token).statusCode(404).body(containsString("链接无效"));
            post(token).statusCode(404).body(containsString("链接无效"));
        });
        assertThat(world.contactCount(member)).isZero();
    }

    @Test
    void aLinkIsNeverABearerToken() {
        UUID member = member();
        String link = link(claims(member));
        given().auth().oauth2(link).get("/api/v1/members/{id}/contacts", member).then().statusCode(401);
        given().auth().oauth2(link).contentType("application/json").body("{}").post("/api/v1/me/check-ins").then()
                .statusCode(401);
        assertThat(world.contactCount(member)).isZero();
    }
}
